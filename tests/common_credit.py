from datetime import timedelta

from odoo import fields
from odoo.tools import format_amount

from .common import CustomerGroupCommon


class CreditCommon(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.company.currency_id
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.group = cls.create_group("CRED")
        cls.usd_line = cls.group.credit_limit_ids
        cls.customer = cls.env["res.partner"].create(
            {"name": "Credit Customer", "customer_group_id": cls.group.id}
        )

    def amount(self, value, currency=None):
        return format_amount(self.env, value, currency or self.usd)

    def invoice_for(
        self,
        partner,
        amount,
        days_ago=0,
        currency=None,
        post=True,
        move_type="out_invoice",
    ):
        return self._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner,
            move_type=move_type,
            tax_ids=[],
            invoice_date=self.today - timedelta(days=days_ago),
            invoice_payment_term_id=self.term_immediate,
            currency_id=currency or self.usd,
            post=post,
        )

    def new_invoice_warning(self, partner, amount, currency=None):
        """The banner a user sees while entering a new invoice for ``partner``.

        The draft is dropped afterwards so that it never counts as a pending
        transaction.
        """
        draft = self.invoice_for(partner, amount, currency=currency, post=False)
        warning = draft.partner_credit_warning or ""
        draft.unlink()
        return warning
