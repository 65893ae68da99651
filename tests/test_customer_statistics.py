from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestCustomerStatistics(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "customer_statistics_period_type": "monthly",
                "customer_statistics_year_basis": "calendar",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Statistics Customer", "customer_group_id": cls.group_dom.id}
        )
        cls.income = cls.company_data["default_account_revenue"]
        cls.expense = cls.company_data["default_account_expense"]

    # -- helpers ---------------------------------------------------------
    def figures(self, group, ttype, year=2026, period=1):
        """(amount in company currency, count, total days to pay, invoices paid) of a
        bucket."""
        [(amount, count, days, paid)] = self.env[
            "account.customer.statistic"
        ]._read_group(
            [
                ("group_id", "=", group.id),
                ("transaction_type", "=", ttype),
                ("year", "=", year),
                ("period", "=", period),
            ],
            [],
            [
                "amount_company:sum",
                "count:sum",
                "days_to_pay_total:sum",
                "paid_count:sum",
            ],
        )
        return (amount or 0.0, count or 0, days or 0, paid or 0)

    def all_buckets(self):
        return sorted(
            self.env["account.customer.statistic"]
            .search([("company_id", "=", self.company.id)])
            .mapped(
                lambda s: (
                    s.group_id.id,
                    s.year,
                    s.period,
                    s.transaction_type,
                    s.currency_id.id,
                    s.amount,
                    s.amount_company,
                    s.count,
                    s.days_to_pay_total,
                    s.paid_count,
                )
            )
        )

    def post_invoice(
        self, amount, date="2026-01-15", partner=None, move_type="out_invoice", **vals
    ):
        move = self._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner or self.customer,
            move_type=move_type,
            tax_ids=[],
            invoice_date=date,
            **vals,
        )
        move.action_post()
        return move

    # -- transaction types -------------------------------------------------
    def test_invoice(self):
        self.post_invoice(100.0)
        self.post_invoice(50.0, date="2026-02-03")
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (50.0, 1, 0, 0)
        )
        self.assertEqual(self.figures(self.group_eur, "invoice"), (0.0, 0, 0, 0))

    def test_credit_note(self):
        self.post_invoice(30.0, move_type="out_refund")
        self.assertEqual(self.figures(self.group_dom, "credit_note"), (30.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))

    def test_debit_note(self):
        if "debit_origin_id" not in self.env["account.move"]._fields:
            self.skipTest(
                "Odoo's Debit Notes module (account_debit_note) is not installed"
            )
        invoice = self.post_invoice(100.0)
        self.post_invoice(15.0, debit_origin_id=invoice.id)
        self.assertEqual(self.figures(self.group_dom, "debit_note"), (15.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))

    def test_interest_charge(self):
        journal = self.env["account.journal"].create(
            {
                "name": "Interest",
                "code": "INT",
                "type": "sale",
                "default_account_id": self.income.id,
            }
        )
        self.interest_none.journal_id = journal
        self.post_invoice(12.5, journal_id=journal.id)
        self.assertEqual(self.figures(self.group_dom, "interest"), (12.5, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))

    def test_receipt(self):
        invoice = self.post_invoice(100.0)
        self.pay(invoice, "2026-01-20", amount=60.0)
        self.assertEqual(self.figures(self.group_dom, "receipt"), (60.0, 1, 0, 0))

    def test_discount(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "2% 10 days",
                "early_discount": True,
                "discount_percentage": 2,
                "discount_days": 10,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 100, "nb_days": 30}
                    )
                ],
            }
        )
        invoice = self.post_invoice(100.0, invoice_payment_term_id=term.id)
        self.pay(invoice, "2026-01-20")
        self.assertEqual(self.figures(self.group_dom, "discount"), (2.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "receipt"), (98.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "write_off"), (0.0, 0, 0, 0))

    def test_write_off(self):
        invoice = self.post_invoice(100.0)
        self.pay(
            invoice,
            "2026-01-20",
            amount=95.0,
            payment_difference_handling="reconcile",
            writeoff_account_id=self.expense.id,
            writeoff_label="Bank charges",
        )
        self.assertEqual(self.figures(self.group_dom, "write_off"), (5.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "receipt"), (95.0, 1, 0, 0))
        self.assertEqual(invoice.payment_state, "paid")

    def test_adjustment(self):
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": "2026-01-20",
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.receivable.id,
                            "partner_id": self.customer.id,
                            "debit": 40.0,
                        }
                    ),
                    Command.create({"account_id": self.income.id, "credit": 40.0}),
                ],
            }
        )
        entry.action_post()
        self.assertEqual(self.figures(self.group_dom, "adjustment"), (40.0, 1, 0, 0))

    def test_returned_check(self):
        invoice = self.post_invoice(100.0)
        payment = self.pay(invoice, "2026-01-20")
        payment.move_id._reverse_moves([{"date": "2026-01-25"}], cancel=True)
        self.assertEqual(
            self.figures(self.group_dom, "returned_check"), (100.0, 1, 0, 0)
        )
        self.assertEqual(self.figures(self.group_dom, "receipt"), (100.0, 1, 0, 0))
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(
            self.figures(self.group_dom, "invoice"),
            (100.0, 1, 0, 0),
            "the invoice is unpaid again",
        )

    def test_refund(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 25.0,
                "date": "2026-03-05",
            }
        )
        payment.action_post()
        self.assertEqual(
            self.figures(self.group_dom, "refund", period=3), (25.0, 1, 0, 0)
        )

    # -- life cycle --------------------------------------------------------
    def test_draft_and_cancel_take_the_document_back(self):
        invoice = self.post_invoice(100.0)
        invoice.button_draft()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))
        invoice.action_post()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        invoice.button_cancel()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))

    def test_reversal_counts_a_credit_note(self):
        invoice = self.post_invoice(100.0)
        invoice._reverse_moves(
            [{"invoice_date": "2026-01-20", "date": "2026-01-20"}], cancel=True
        )
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "credit_note"), (100.0, 1, 0, 0))

    def test_days_to_pay(self):
        first = self.post_invoice(100.0, date="2026-01-15")
        second = self.post_invoice(80.0, date="2026-01-10")
        self.pay(first, "2026-02-01")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (0.0, 0, 17, 1)
        )
        self.group_dom.statistics_year, self.group_dom.statistics_period = 2026, 2
        self.assertEqual(self.group_dom.average_days_to_pay, 17.0)
        self.pay(second, "2026-02-01", amount=30.0)
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2),
            (0.0, 0, 17, 1),
            "partly paid: not counted",
        )
        self.pay(second, "2026-03-01")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=3), (0.0, 0, 50, 1)
        )
        group = self.group_dom
        group.invalidate_recordset()
        group.statistics_year, group.statistics_period = 2026, 3
        self.assertRecordValues(
            group,
            [
                {
                    "days_to_pay_total": 50,
                    "paid_invoice_count": 1,
                    "average_days_to_pay": 50.0,
                    "ytd_days_to_pay_total": 67,
                    "ytd_paid_invoice_count": 2,
                    "ytd_average_days_to_pay": 33.5,
                    "statistics_period_range": "2026-03-01 - 2026-03-31",
                }
            ],
        )

    def test_unreconcile_takes_days_to_pay_back(self):
        invoice = self.post_invoice(100.0, date="2026-01-15")
        self.pay(invoice, "2026-02-01")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (0.0, 0, 17, 1)
        )
        invoice.line_ids.filtered(
            lambda line: line.account_id == self.receivable
        ).remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (0.0, 0, 0, 0)
        )
        self.assertEqual(
            self.figures(self.group_dom, "receipt", period=2),
            (100.0, 1, 0, 0),
            "the receipt stays",
        )
        self.assertFalse(
            self.env["account.customer.group"]
            .browse(self.group_dom.id)
            .get_statistics_drift()
        )

    def test_moving_a_customer_keeps_its_history_with_the_old_group(self):
        old = self.post_invoice(100.0)
        self.customer.customer_group_id = self.group_eur
        new = self.post_invoice(40.0)
        self.assertEqual(old.customer_group_id, self.group_dom)
        self.assertEqual(new.customer_group_id, self.group_eur)
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_eur, "invoice"), (40.0, 1, 0, 0))
        self.group_dom.action_recalculate_statistics()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_eur, "invoice"), (40.0, 1, 0, 0))

    # -- rebuild, drift, manual figures -------------------------------------
    def _ledger_of_every_type(self):
        invoice = self.post_invoice(100.0)
        self.post_invoice(70.0, date="2026-02-10")
        self.post_invoice(30.0, move_type="out_refund")
        self.pay(
            invoice,
            "2026-02-01",
            amount=95.0,
            payment_difference_handling="reconcile",
            writeoff_account_id=self.expense.id,
            writeoff_label="Charges",
        )
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
            "WHERE group_id = %s AND transaction_type = 'invoice' "
            "AND year = 2026 AND period = 1",
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

    def test_manual_figures_refused_unless_allowed(self):
        values = {
            "group_id": self.group_dom.id,
            "year": 2026,
            "period": 1,
            "transaction_type": "invoice",
            "amount": 500.0,
            "count": 3,
        }
        self.company.customer_statistics_allow_edit = False
        with self.assertRaisesRegex(UserError, "Allow Edit of Statistics"):
            self.env["account.customer.statistic.adjustment"].create(values)
        self.company.customer_statistics_allow_edit = True
        adjustment = self.env["account.customer.statistic.adjustment"].create(values)
        self.company.customer_statistics_allow_edit = False
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            adjustment.amount = 10.0
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            adjustment.unlink()

    def test_manual_figures_survive_a_rebuild_and_show_beside_computed_ones(self):
        self.company.customer_statistics_allow_edit = True
        self.post_invoice(100.0)
        self.env["account.customer.statistic.adjustment"].create(
            {
                "group_id": self.group_dom.id,
                "year": 2026,
                "period": 1,
                "transaction_type": "invoice",
                "amount": 500.0,
                "count": 3,
                "note": "History from Sage",
            }
        )
        self.group_dom.action_recalculate_statistics()
        group = self.group_dom
        group.statistics_year, group.statistics_period = 2026, 1
        self.assertEqual(
            sorted(
                group.statistic_line_ids.mapped(
                    lambda line: (
                        line.source,
                        line.transaction_type,
                        line.amount_company,
                        line.count,
                    )
                )
            ),
            [("computed", "invoice", 100.0, 1), ("manual", "invoice", 500.0, 3)],
        )

    def test_a_period_beyond_the_year_is_refused(self):
        self.company.customer_statistics_allow_edit = True
        with self.assertRaisesRegex(Exception, "periods 1 to 12"):
            self.env["account.customer.statistic.adjustment"].create(
                {
                    "group_id": self.group_dom.id,
                    "year": 2026,
                    "period": 13,
                    "transaction_type": "invoice",
                }
            )

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
        with Form(self.group_dom) as form:
            form.statistics_year = 2026
            form.statistics_period = 2
            self.assertEqual(form.average_days_to_pay, 17.0)
            self.assertEqual(form.statistics_period_range, "2026-02-01 - 2026-02-28")
            self.assertEqual(
                sorted(
                    line["transaction_type"]
                    for line in form.statistic_line_ids._records
                ),
                ["invoice", "receipt"],
                "the receipt, and the invoice paid in the period for its days to pay",
            )
            form.statistics_period = 14
            self.assertEqual(
                form.statistics_period_range, "Choose a period from 1 to 12"
            )
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


@tagged("post_install", "-at_install")
class TestDaysLatePerInstallment(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "customer_statistics_period_type": "monthly",
                "customer_statistics_year_basis": "calendar",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Installment Customer", "customer_group_id": cls.group_dom.id}
        )
        cls.two_installments = cls.env["account.payment.term"].create(
            {
                "name": "Half at 30 days, half at 60 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 30}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 60}
                    ),
                ],
            }
        )

    def test_two_installments_weighted_days_late(self):
        invoice = self._create_invoice_one_line(
            price_unit=400.0,
            partner_id=self.customer,
            tax_ids=[],
            invoice_date="2026-01-01",
            invoice_payment_term_id=self.two_installments,
            post=True,
        )
        self.assertEqual(
            sorted(invoice.line_ids.filtered("date_maturity").mapped("date_maturity")),
            [fields.Date.to_date("2026-01-31"), fields.Date.to_date("2026-03-02")],
        )
        # First half 10 days late, second half 20 days late.
        self.pay(invoice, "2026-02-10", amount=200.0)
        self.pay(invoice, "2026-03-22")
        [(late, base, days, paid)] = self.env["account.customer.statistic"]._read_group(
            [
                ("group_id", "=", self.group_dom.id),
                ("year", "=", 2026),
                ("period", "=", 3),
            ],
            [],
            [
                "days_late_weighted:sum",
                "days_late_base:sum",
                "days_to_pay_total:sum",
                "paid_count:sum",
            ],
        )
        self.assertEqual((late, base, days, paid), (6000.0, 400.0, 80, 1))
        group = self.group_dom
        group.statistics_year, group.statistics_period = 2026, 3
        # Sage's figure counts from the invoice date: 80 days; per installment, 15 days
        # late.
        self.assertRecordValues(
            group, [{"average_days_to_pay": 80.0, "average_days_late": 15.0}]
        )
        self.assertRecordValues(
            self.customer,
            [
                {
                    "customer_average_days_to_pay": 80.0,
                    "customer_average_days_late": 15.0,
                }
            ],
        )
        self.assertEqual(
            self.env["account.customer.statistic"]._drift(self.company), []
        )
        invoice.line_ids.filtered(
            lambda line: line.account_id == self.receivable
        ).remove_move_reconcile()
        [(late, base)] = self.env["account.customer.statistic"]._read_group(
            [("group_id", "=", self.group_dom.id), ("year", "=", 2026)],
            [],
            ["days_late_weighted:sum", "days_late_base:sum"],
        )
        self.assertEqual((late or 0.0, base or 0.0), (0.0, 0.0))
