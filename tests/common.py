from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo.tests import new_test_user
from odoo.tools import mute_logger

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def render_pdf_without_styles(test):
    """Skip ``test`` where wkhtmltopdf is missing; else make it render the PDF
    without the style sheets.

    The test server answers one request at a time and the test holds the database:
    wkhtmltopdf cannot fetch the style sheets from it. A closed port makes it render
    without them (and say so, in a log the test mutes).
    """
    report = test.env["ir.actions.report"]
    if report.get_wkhtmltopdf_state() != "ok":
        test.skipTest("wkhtmltopdf is not installed")
    test.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
    return report


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

    def oca_installed(self, module):
        """Whether OCA's ``module`` is installed beside the addon (the test command's
        oca part): a test whose outcome it legitimately changes says how."""
        return self.env["ir.module.module"]._get(module).state == "installed"

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

    @classmethod
    def create_member(cls, name, group, account_type):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "customer_group_id": group.id,
                "customer_account_type": account_type,
            }
        )

    @classmethod
    def create_interest_profile(cls, code, name, **values):
        """A profile charging 12 % a year (unless ``values`` say otherwise), to an
        interest income account of its own."""
        account = cls.env["account.account"].create(
            {"code": "789000", "name": "Interest", "account_type": "income_other"}
        )
        return cls.env["account.customer.interest.profile"].create(
            {
                "code": code,
                "name": name,
                "annual_rate": 12.0,
                "income_account_id": account.id,
                **values,
            }
        )

    @classmethod
    def company_user(cls, login, groups, company=None):
        """A user of ``company`` (the test company by default) and of no other."""
        return new_test_user(
            cls.env, login=login, groups=groups, company_id=(company or cls.company).id
        )

    @classmethod
    def company_with_contact(cls, group, name="Head office"):
        """A company customer of ``group`` and its contact person, a buyer."""
        company = cls.env["res.partner"].create(
            {"name": name, "is_company": True, "customer_group_id": group.id}
        )
        contact = cls.env["res.partner"].create(
            {"name": "Buyer", "parent_id": company.id}
        )
        return company, contact

    @contextmanager
    def assert_refused_by_database(self):
        """What the block writes breaks a constraint of the database; its error log
        is muted and the transaction goes on."""
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            yield

    def pay(self, invoice, date, **vals):
        """Register the payment of ``invoice`` on ``date`` (in full unless ``amount`` is
        given)."""
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": date, **vals})
            ._create_payments()
        )

    @classmethod
    def invoice(
        cls,
        partner,
        amount,
        post=True,
        move_type="out_invoice",
        date="2026-01-15",
        **vals,
    ):
        return cls._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner,
            move_type=move_type,
            tax_ids=[],
            invoice_date=date,
            post=post,
            **vals,
        )
