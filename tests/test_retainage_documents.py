from odoo.tests import HttpCase, tagged

from .common_statistics import StatisticsCommon


@tagged("post_install", "-at_install")
class TestRetainageDocuments(StatisticsCommon, HttpCase):
    """What the customer reads of an invoice's retained part: its amount and the
    date it falls due, apart from what the payment terms make due."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        retainage = cls.env["account.account"].create(
            {
                "code": "121900",
                "name": "Retainage receivable",
                "account_type": "asset_receivable",
            }
        )
        cls.account_set.retainage_account_id = retainage
        group = cls.create_group("RET", account_set_id=cls.account_set.id)
        profile = cls.create_interest_profile("STD12", "12%")
        group.write(
            {
                "retainage_percent": 10.0,
                "retainage_days": 90,
                "interest_profile_id": profile.id,
            }
        )
        cls.builder = cls.env["res.partner"].create(
            {"name": "Builder", "customer_group_id": group.id}
        )

    def setUp(self):
        super().setUp()
        self.retained_invoice = self.post_invoice(5000.0, partner=self.builder)

    def test_printed_invoice_shows_the_retained_amount_and_its_due_date(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", self.retained_invoice.ids)[0]
            .decode()
        )
        self.assertIn('id="customer_retainage"', html)
        self.assertRegex(html, r"(?s)Due under the payment terms:.*?4,500\.00")
        self.assertRegex(html, r"(?s)held back:.*?500\.00")
        self.assertRegex(html, r"due on</span>\s*<span[^>]*>04/15/2026")

    def test_invoice_without_retainage_prints_as_before(self):
        plain = self.post_invoice(100.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", plain.ids)[0]
            .decode()
        )
        self.assertNotIn("customer_retainage", html)

    def test_portal_invoice_shows_the_retained_amount(self):
        invoice = self.retained_invoice
        invoice._portal_ensure_token()
        response = self.url_open(
            f"/my/invoices/{invoice.id}?report_type=html"
            f"&access_token={invoice.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("held back:", response.text)
        self.assertRegex(response.text, r"due on</span>\s*<span[^>]*>04/15/2026")

    def test_interest_invoice_never_retains(self):
        interest = (
            self.env["account.customer.interest.wizard"]
            .create({"run_date": "2026-03-16", "post_invoices": True})
            ._create_interest_invoices()
        )
        self.assertRecordValues(
            interest,
            [
                {
                    "partner_id": self.builder.id,
                    "customer_retainage_percent": 0.0,
                    "amount_total": 88.77,
                    "amount_residual": 88.77,
                }
            ],
        )
        self.assertFalse(interest.line_ids.filtered("customer_retainage"))

    def register(self, **vals):
        return (
            self.env["account.payment.register"]
            .with_context(
                active_model="account.move", active_ids=self.retained_invoice.ids
            )
            .create({"payment_date": "2026-02-01", **vals})
        )

    def test_one_payment_settles_both_parts(self):
        wizard = self.register()
        self.assertTrue(wizard.can_edit_wizard)
        wizard.amount = 5000.0
        payment = wizard._create_payments()
        self.assertEqual(len(payment), 1)
        self.assertEqual(self.retained_invoice.payment_state, "paid")
        self.assertEqual(
            self.figures(self.builder.customer_group_id, "receipt", period=2),
            (5000.0, 1, 0, 0),
        )

    def test_a_part_payment_pays_what_is_due_first(self):
        self.register(
            amount=4700.0, payment_difference_handling="open"
        )._create_payments()
        self.assertRecordValues(
            self.retained_invoice.line_ids.filtered(
                lambda line: line.display_type == "payment_term"
            ).sorted("date_maturity"),
            [
                {"customer_retainage": False, "amount_residual": 0.0},
                {"customer_retainage": True, "amount_residual": 300.0},
            ],
        )

    def test_a_short_payment_with_the_difference_written_off(self):
        writeoff = self.env["account.account"].create(
            {"code": "659900", "name": "Write-offs", "account_type": "expense"}
        )
        self.register(
            amount=4900.0,
            payment_difference_handling="reconcile",
            writeoff_account_id=writeoff.id,
            writeoff_label="Short paid",
        )._create_payments()
        self.assertEqual(self.retained_invoice.payment_state, "paid")
        self.assertEqual(
            self.figures(self.builder.customer_group_id, "write_off", period=2),
            (100.0, 1, 0, 0),
        )
