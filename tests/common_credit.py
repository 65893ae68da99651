from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
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

    @classmethod
    def check_limits(cls, credit_limit=None, overdue_limit=None, overdue_days=0):
        """Have the group check the limits given, on its line in USD."""
        if credit_limit is not None:
            cls.group.check_credit_limit = True
            cls.usd_line.credit_limit = credit_limit
        if overdue_limit is not None:
            cls.group.write({"check_overdue": True, "overdue_days": overdue_days})
            cls.usd_line.overdue_limit = overdue_limit

    def assert_refused(self, message, record, vals):
        """Writing ``vals`` on ``record`` is refused with ``message``; the caches are
        emptied, so that what follows reads what was kept."""
        with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
            record.write(vals)
        self.env.invalidate_all()

    def rule(self, partner):
        """The effective credit rule of ``partner`` in USD."""
        return partner._get_credit_rules(self.company)[self.usd]

    def amount(self, value, currency=None):
        return format_amount(self.env, value, currency or self.usd)

    def outstanding_warning(self, customer, outstanding, limit, currency=None):
        """The sentence the credit check says of an outstanding balance over its
        limit."""
        currency = currency or self.usd
        return (
            f"{customer}: outstanding {self.amount(outstanding, currency)} exceeds the "
            f"limit {self.amount(limit, currency)} in {currency.name} by "
            f"{self.amount(outstanding - limit, currency)}."
        )

    def overdue_warning(self, customer, overdue, days, limit):
        """The sentence the credit check says of an overdue amount over its limit."""
        return (
            f"{customer}: overdue amount {self.amount(overdue)} ({days} days and "
            f"older) exceeds {self.amount(limit)}."
        )

    @classmethod
    def invoice_for(
        cls,
        partner,
        amount,
        days_ago=0,
        currency=None,
        post=True,
        move_type="out_invoice",
    ):
        return cls.invoice(
            partner,
            amount,
            post=post,
            move_type=move_type,
            date=cls.today - timedelta(days=days_ago),
            invoice_payment_term_id=cls.term_immediate,
            currency_id=currency or cls.usd,
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
