from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class CustomerGroupCommon(AccountTestInvoicingCommon):
    """A company with its default customer groups, and helpers to reach them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.receivable = cls.company_data["default_account_receivable"]
        cls.group_dom = cls.group_of("DOM")
        cls.group_eur = cls.group_of("EUR")
        cls.account_set = cls.group_dom.account_set_id
        cls.interest_none = cls.group_dom.interest_profile_id
        cls.cycle_month = cls.group_dom.billing_cycle_id
        cls.term_immediate = cls.env.ref("account.account_payment_term_immediate")
        cls.term_30 = cls.env.ref("account.account_payment_term_30days")

    @classmethod
    def group_of(cls, code, company=None):
        return (
            cls.env["account.customer.group"]
            .with_context(active_test=False)
            .search(
                [
                    ("code", "=", code),
                    ("company_id", "=", (company or cls.company_data["company"]).id),
                ]
            )
        )

    @classmethod
    def create_group(cls, code, **vals):
        return cls.env["account.customer.group"].create(
            {
                "code": code,
                "name": f"Group {code}",
                "account_set_id": cls.account_set.id,
                "interest_profile_id": cls.interest_none.id,
                "billing_cycle_id": cls.cycle_month.id,
                "payment_term_id": cls.term_immediate.id,
                **vals,
            }
        )

    def pay(self, invoice, date, **vals):
        """Register the payment of ``invoice`` on ``date`` (in full unless ``amount`` is
        given)."""
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": date, **vals})
            ._create_payments()
        )

    def invoice(self, partner, amount, post=True, move_type="out_invoice"):
        return self._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner,
            move_type=move_type,
            tax_ids=[],
            invoice_date="2026-01-15",
            post=post,
        )
