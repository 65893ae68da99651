from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_statistics import StatisticsCommon


@tagged("post_install", "-at_install")
class TestStatisticsMaintenance(StatisticsCommon):
    # -- rebuild, drift, manual figures -------------------------------------
    def _ledger_of_every_type(self):
        invoice = self.post_invoice(100.0)
        self.post_invoice(70.0, date="2026-02-10")
        self.post_invoice(30.0, move_type="out_refund")
        self.write_off(invoice, "2026-02-01", 95.0, "Charges")
        other = self.env["res.partner"].create(
            {"name": "Other", "customer_group_id": self.group_eur.id}
        )
        self.post_invoice(20.0, partner=other, date="2026-04-02")

    def test_rebuild_equals_live_figures(self):
        self._ledger_of_every_type()
        live = self.all_buckets()
        self.assertTrue(live)
        self.assertEqual(self.group_dom.get_statistics_drift(), [])
        self.group_dom.action_recalculate_statistics()
        self.assertEqual(self.all_buckets(), live)

    def test_drift_reports_a_tampered_bucket(self):
        self._ledger_of_every_type()
        self.assertEqual(self.group_dom.get_statistics_drift(), [])
        self.env.cr.execute(
            "UPDATE account_customer_statistic "
            "SET amount_company = amount_company + 7, count = count + 1 "
            "WHERE id = (SELECT MIN(id) FROM account_customer_statistic "
            "WHERE group_id = %s AND transaction_type = 'invoice' "
            "AND year = 2026 AND period = 1)",
            [self.group_dom.id],
        )
        drift = self.group_dom.get_statistics_drift()
        self.assertEqual(len(drift), 1)
        self.assertEqual(
            {
                key: drift[0][key]
                for key in (
                    "group_id",
                    "year",
                    "period",
                    "transaction_type",
                    "amount_company",
                    "count",
                )
            },
            {
                "group_id": self.group_dom.id,
                "year": 2026,
                "period": 1,
                "transaction_type": "invoice",
                "amount_company": 7.0,
                "count": 1,
            },
        )
        self.group_dom.action_recalculate_statistics()
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def adjust(self, **vals):
        """A manual figure of 500.00 for 3 invoices in January 2026."""
        return self.env["account.customer.statistic.adjustment"].create(
            {
                "group_id": self.group_dom.id,
                "year": 2026,
                "period": 1,
                "transaction_type": "invoice",
                "amount": 500.0,
                "count": 3,
                **vals,
            }
        )

    def test_manual_figures_refused_unless_allowed(self):
        self.company.customer_statistics_allow_edit = False
        with self.assertRaisesRegex(UserError, "Allow Edit of Statistics"):
            self.adjust()
        self.company.customer_statistics_allow_edit = True
        adjustment = self.adjust()
        self.company.customer_statistics_allow_edit = False
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            adjustment.amount = 10.0
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            adjustment.unlink()

    def test_manual_figures_survive_a_rebuild_and_show_beside_computed_ones(self):
        self.company.customer_statistics_allow_edit = True
        self.post_invoice(100.0)
        self.adjust(note="History from Sage")
        self.group_dom.action_recalculate_statistics()
        self.assertEqual(
            sorted(
                (
                    line["source"],
                    line["transaction_type"],
                    line["amount_company"],
                    line["count"],
                )
                for line in self.statistics_page(2026, 1).statistic_line_ids._records
            ),
            [("computed", "invoice", 100.0, 1), ("manual", "invoice", 500.0, 3)],
        )

    def test_a_period_beyond_the_year_is_refused(self):
        self.company.customer_statistics_allow_edit = True
        with self.assertRaisesRegex(Exception, "periods 1 to 12"):
            self.adjust(period=13)

    def test_changing_the_period_type_rebuilds_the_buckets(self):
        self.post_invoice(100.0, date="2026-01-15")
        self.post_invoice(50.0, date="2026-03-20")
        self.company.customer_statistics_period_type = "quarterly"
        self.assertEqual(self.figures(self.group_dom, "invoice"), (150.0, 2, 0, 0))
        self.company.write({"customer_statistics_period_type": "weekly"})
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=3), (100.0, 1, 0, 0)
        )
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=12), (50.0, 1, 0, 0)
        )
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def test_fiscal_year_accumulation(self):
        self.company.write(
            {
                "fiscalyear_last_month": "3",
                "fiscalyear_last_day": 31,
                "customer_statistics_year_basis": "fiscal",
            }
        )
        self.post_invoice(100.0, date="2026-04-02")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", year=2027, period=1),
            (100.0, 1, 0, 0),
        )

    def test_invoicing_user_cannot_recalculate(self):
        user = self.env["res.users"].create(
            {
                "name": "Billing clerk",
                "login": "billing_clerk_stats",
                "group_ids": [
                    Command.set(self.env.ref("account.group_account_invoice").ids)
                ],
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
            }
        )
        group = self.group_dom.with_user(user)
        with mute_logger("odoo.models"), self.assertRaises(AccessError):
            group.action_recalculate_statistics()
        self.assertEqual(group.get_statistics_drift(), [])

    def test_server_action_and_cron_exist(self):
        action = self.env.ref(
            "account_customer_group.action_server_recalculate_customer_statistics"
        )
        self.assertEqual(action.binding_model_id.model, "account.customer.group")
        self.post_invoice(100.0)
        self.env.cr.execute("DELETE FROM account_customer_statistic")
        action.with_context(
            active_model="account.customer.group", active_ids=self.group_dom.ids
        ).run()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        cron = self.env.ref(
            "account_customer_group.ir_cron_recalculate_customer_statistics"
        )
        self.assertFalse(cron.active)
        self.env.cr.execute("DELETE FROM account_customer_statistic")
        self.env["account.customer.statistic"].invalidate_model()
        cron.ir_actions_server_id.run()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))

    def test_settings_page_sets_the_company(self):
        settings = self.env["res.config.settings"].create(
            {
                "customer_statistics_period_type": "quarterly",
                "customer_statistics_year_basis": "fiscal",
                "customer_statistics_allow_edit": True,
            }
        )
        settings.execute()
        self.assertRecordValues(
            self.company,
            [
                {
                    "customer_statistics_period_type": "quarterly",
                    "customer_statistics_year_basis": "fiscal",
                    "customer_statistics_allow_edit": True,
                }
            ],
        )

    def test_statistics_page_browses_years_and_periods(self):
        first = self.post_invoice(100.0, date="2026-01-15")
        self.pay(first, "2026-02-01")
        form = self.statistics_page(2026, 2)
        self.assertEqual(form.average_days_to_pay, 17.0)
        self.assertEqual(form.statistics_period_range, "2026-02-01 - 2026-02-28")
        self.assertEqual(
            sorted(
                line["transaction_type"] for line in form.statistic_line_ids._records
            ),
            ["receipt"],
            "the receipt; the invoice paid in the period adds only its days to pay, "
            "shown above the lines, not a line of 0.00",
        )
        form.statistics_period = 14
        self.assertEqual(form.statistics_period_range, "Choose a period from 1 to 12")
        self.assertEqual(form.average_days_to_pay, 0.0)

    def test_computed_figures_cannot_be_edited_even_by_a_manager(self):
        self.post_invoice(100.0)
        bucket = self.env["account.customer.statistic"].search(
            [("group_id", "=", self.group_dom.id)], limit=1
        )
        self.assertTrue(self.env.user.has_group("account.group_account_manager"))
        with mute_logger("odoo.models"), self.assertRaises(AccessError):
            bucket.write({"amount_company": 1.0})
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
