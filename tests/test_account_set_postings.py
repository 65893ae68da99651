from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common_statistics import StatisticsCommon


@tagged("post_install", "-at_install")
class TestAccountSetPostings(StatisticsCommon):
    """What each account of the account set and the account type post, entry by
    entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        accounts = cls.env["account.account"]
        cls.set_discount = accounts.create(
            {"code": "491100", "name": "Set discounts", "account_type": "expense"}
        )
        cls.set_writeoff = accounts.create(
            {"code": "491200", "name": "Set write-offs", "account_type": "expense"}
        )
        cls.set_prepayment = accounts.create(
            {
                "code": "491300",
                "name": "Customer advances",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )
        cls.member_set = cls.env["account.customer.account.set"].create(
            {
                "code": "MEMB",
                "name": "Members",
                "receivable_account_id": cls.receivable.id,
                "discount_account_id": cls.set_discount.id,
                "writeoff_account_id": cls.set_writeoff.id,
            }
        )
        cls.group_set = cls.create_group("SET", account_set_id=cls.member_set.id)
        cls.member = cls.env["res.partner"].create(
            {"name": "Member", "customer_group_id": cls.group_set.id}
        )
        cls.bank_journal = cls.company_data["default_journal_bank"]

    def entry_lines(self, move):
        """(account, debit, credit) of a journal entry, debits first."""
        return sorted(
            (line.account_id, line.debit, line.credit) for line in move.line_ids
        )

    def assertEntry(self, move, expected):
        self.assertEqual(
            sorted(
                (line.account_id.code, line.debit, line.credit)
                for line in move.line_ids
            ),
            sorted(
                (account.code, debit, credit) for account, debit, credit in expected
            ),
        )

    def receive(self, partner, amount, date="2026-01-20"):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "date": date,
                "journal_id": self.bank_journal.id,
            }
        )
        payment.action_post()
        return payment

    def assertPaidShort(self, invoice, payment, account, short):
        """``payment`` of the 100.00 ``invoice`` came ``short`` of it, booked on
        ``account``, and the invoice is paid."""
        self.assertEntry(
            payment.move_id,
            [
                (self.outstanding(payment), 100.0 - short, 0.0),
                (account, short, 0.0),
                (self.receivable, 0.0, 100.0),
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")

    def outstanding(self, payment):
        return payment.outstanding_account_id

    # -- accounts of the wrong kind ----------------------------------------
    def test_wrong_kind_of_account_refused(self):
        unreconcilable = self.env["account.account"].create(
            {"code": "491900", "name": "Plain", "account_type": "liability_current"}
        )
        cases = [
            (
                {"writeoff_account_id": self.receivable.id},
                "Choose an income or expense",
            ),
            (
                {"discount_account_id": self.receivable.id},
                "Choose an income or expense",
            ),
            ({"prepayment_account_id": self.income.id}, "Choose a liability account"),
            ({"prepayment_account_id": unreconcilable.id}, "Allow Reconciliation"),
            ({"retainage_account_id": self.income.id}, "cannot be reconciled"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self.member_set.write(vals)

    # -- write-offs -----------------------------------------------------------
    def test_payment_difference_written_off_on_the_sets_account(self):
        invoice = self.post_invoice(100.0, partner=self.member)
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "payment_date": "2026-01-20",
                    "amount": 95.0,
                    "payment_difference_handling": "reconcile",
                }
            )
        )
        self.assertEqual(wizard.writeoff_account_id, self.set_writeoff)
        payment = wizard._create_payments()
        self.assertPaidShort(invoice, payment, self.set_writeoff, 5.0)
        self.assertEqual(self.figures(self.group_set, "write_off"), (5.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_set, "receipt"), (95.0, 1, 0, 0))

    def test_customer_outside_a_set_with_write_off_account_chooses_one(self):
        invoice = self.post_invoice(100.0)
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": "2026-01-20", "amount": 95.0})
        )
        self.assertFalse(wizard.writeoff_account_id)

    # -- payment discounts ----------------------------------------------------
    def test_early_payment_discount_on_the_sets_account(self):
        invoice = self.post_invoice(
            100.0, partner=self.member, invoice_payment_term_id=self.term_2_10.id
        )
        payment = self.pay(invoice, "2026-01-20")
        self.assertPaidShort(invoice, payment, self.set_discount, 2.0)
        self.assertEqual(self.figures(self.group_set, "discount"), (2.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_set, "write_off"), (0.0, 0, 0, 0))

    def test_early_payment_discount_without_a_set_account_on_the_company_one(self):
        self.member_set.discount_account_id = False
        invoice = self.post_invoice(
            100.0, partner=self.member, invoice_payment_term_id=self.term_2_10.id
        )
        payment = self.pay(invoice, "2026-01-20")
        company_account = (
            self.company.account_journal_early_pay_discount_loss_account_id
        )
        self.assertIn(company_account, payment.move_id.line_ids.account_id)
        self.assertEqual(self.figures(self.group_set, "discount"), (2.0, 1, 0, 0))

    # -- balance forward ------------------------------------------------------
    def test_balance_forward_receipt_pays_the_oldest_items_first(self):
        self.member.customer_account_type = "balance_forward"
        older = self.post_invoice(100.0, partner=self.member, date="2026-01-05")
        later = self.post_invoice(50.0, partner=self.member, date="2026-01-10")
        payment = self.receive(self.member, 120.0)
        self.assertEqual(older.payment_state, "paid")
        self.assertRecordValues(
            later, [{"payment_state": "partial", "amount_residual": 30.0}]
        )
        self.assertEntry(
            payment.move_id,
            [(self.outstanding(payment), 120.0, 0.0), (self.receivable, 0.0, 120.0)],
        )
        self.assertEqual(self.figures(self.group_set, "receipt"), (120.0, 1, 0, 0))

    def test_open_item_receipt_stays_unapplied(self):
        older = self.post_invoice(100.0, partner=self.member, date="2026-01-05")
        later = self.post_invoice(50.0, partner=self.member, date="2026-01-10")
        payment = self.receive(self.member, 120.0)
        self.assertEqual((older | later).mapped("payment_state"), ["not_paid"] * 2)
        receivable_line = payment.move_id.line_ids.filtered(
            lambda line: line.account_id == self.receivable
        )
        self.assertEqual(receivable_line.amount_residual, -120.0)

    def test_balance_forward_register_payment_applies_the_rest_to_older_items(self):
        self.member.customer_account_type = "balance_forward"
        older = self.post_invoice(100.0, partner=self.member, date="2026-01-05")
        later = self.post_invoice(50.0, partner=self.member, date="2026-01-10")
        self.pay(later, "2026-01-20", amount=120.0)
        self.assertEqual(later.payment_state, "paid")
        self.assertEqual(older.amount_residual, 30.0)

    # -- prepayment liability ------------------------------------------------
    def advance_then_invoice(self, partner):
        self.member_set.prepayment_account_id = self.set_prepayment
        advance = self.receive(partner, 80.0, date="2026-01-10")
        invoice = self.post_invoice(80.0, partner=partner, date="2026-01-15")
        prepayment_line = advance.move_id.line_ids.filtered(
            lambda line: line.account_id == self.set_prepayment
        )
        return advance, invoice, prepayment_line

    def test_advance_on_the_prepayment_account_then_applied_to_an_invoice(self):
        advance, invoice, prepayment_line = self.advance_then_invoice(self.member)
        self.assertEntry(
            advance.move_id,
            [(self.outstanding(advance), 80.0, 0.0), (self.set_prepayment, 0.0, 80.0)],
        )
        self.assertTrue(invoice.invoice_has_outstanding)
        self.assertEqual(
            [
                (credit["id"], credit["amount"])
                for credit in invoice.invoice_outstanding_credits_debits_widget[
                    "content"
                ]
            ],
            [(prepayment_line.id, 80.0)],
        )
        invoice.js_assign_outstanding_line(prepayment_line.id)
        self.assertEqual(invoice.payment_state, "paid")
        transfer = self.env["account.move"].search(
            [
                ("line_ids.account_id", "=", self.set_prepayment.id),
                ("id", "!=", advance.move_id.id),
            ]
        )
        self.assertEntry(
            transfer, [(self.set_prepayment, 80.0, 0.0), (self.receivable, 0.0, 80.0)]
        )
        self.assertEqual(
            transfer.ref, f"Advance {advance.move_id.name} applied to {invoice.name}"
        )
        [(balance,)] = self.env["account.move.line"]._read_group(
            [("account_id", "=", self.set_prepayment.id)], [], ["balance:sum"]
        )
        self.assertEqual(balance, 0.0)
        self.assertTrue(prepayment_line.reconciled)
        self.assertEqual(self.figures(self.group_set, "receipt"), (80.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_set, "adjustment"), (0.0, 0, 0, 0))
        self.assertEqual(self.figures(self.group_set, "write_off"), (0.0, 0, 0, 0))

    def test_receipt_with_something_open_stays_on_the_receivable(self):
        self.member_set.prepayment_account_id = self.set_prepayment
        self.post_invoice(50.0, partner=self.member)
        payment = self.receive(self.member, 80.0)
        self.assertEqual(payment.destination_account_id, self.receivable)

    # -- retainage -------------------------------------------------------------
    def retainage_member(self):
        self.retainage = self.env["account.account"].create(
            {
                "code": "121900",
                "name": "Retainage receivable",
                "account_type": "asset_receivable",
            }
        )
        self.member_set.retainage_account_id = self.retainage
        self.group_set.write({"retainage_percent": 10.0, "retainage_days": 90})
        return self.env["res.partner"].create(
            {"name": "Builder", "customer_group_id": self.group_set.id}
        )

    def test_retainage_split_from_what_is_due_under_the_terms(self):
        builder = self.retainage_member()
        self.assertRecordValues(
            builder,
            [{"customer_retainage_percent": 10.0, "customer_retainage_days": 90}],
        )
        invoice = self.post_invoice(1000.0, partner=builder)
        self.assertEqual(invoice.customer_retainage_percent, 10.0)
        self.assertRecordValues(
            invoice.line_ids.filtered(
                lambda line: line.display_type == "payment_term"
            ).sorted("date_maturity"),
            [
                {
                    "account_id": self.receivable.id,
                    "debit": 900.0,
                    "date_maturity": fields.Date.to_date("2026-01-15"),
                    "customer_retainage": False,
                },
                {
                    "account_id": self.retainage.id,
                    "debit": 100.0,
                    "date_maturity": fields.Date.to_date("2026-04-15"),
                    "customer_retainage": True,
                },
            ],
        )
        self.assertEntry(
            invoice,
            [
                (self.receivable, 900.0, 0.0),
                (self.retainage, 100.0, 0.0),
                (self.income, 0.0, 1000.0),
            ],
        )
        self.assertRecordValues(
            invoice,
            [
                {
                    "invoice_date_due": fields.Date.to_date("2026-01-15"),
                    "amount_residual": 1000.0,
                }
            ],
        )
        self.assertEqual(self.figures(self.group_set, "invoice"), (1000.0, 1, 0, 0))
        currency = self.company.currency_id
        outstanding, _overdue = builder._get_credit_exposure(
            self.company, currency, builder._get_credit_rules(self.company)[currency]
        )
        self.assertEqual(outstanding, 1000.0)

        report = "account_customer_group.report_customer_statement"
        data = {
            "statement_date": "2026-01-31",
            "date_from": "2026-01-01",
            "company_id": self.company.id,
        }
        statement = self.env[f"report.{report}"]._get_report_values(builder.ids, data)[
            "statements"
        ][builder.id]
        self.assertEqual(statement["aging"]["1_30"], 900.0)
        self.assertEqual(sum(statement["aging"].values()), 900.0)
        self.assertEqual(statement["retainage"], 100.0)
        self.assertEqual(statement["total_due"], 1000.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, builder.ids, data=data)[0]
            .decode()
        )
        self.assertIn("(retainage)", html)
        self.assertIn("Retainage", html)

    def test_credit_note_reversing_a_retained_invoice_takes_both_parts_back(self):
        builder = self.retainage_member()
        invoice = self.post_invoice(1000.0, partner=builder)
        refund = invoice._reverse_moves(
            [{"date": "2026-01-20", "invoice_date": "2026-01-20"}], cancel=True
        )
        self.assertEntry(
            refund,
            [
                (self.receivable, 0.0, 900.0),
                (self.retainage, 0.0, 100.0),
                (self.income, 1000.0, 0.0),
            ],
        )
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertTrue(
            all(
                (invoice | refund)
                .line_ids.filtered("account_id.reconcile")
                .mapped("reconciled")
            )
        )

    def test_retainage_changed_on_the_invoice(self):
        builder = self.retainage_member()
        invoice = self._create_invoice_one_line(
            price_unit=1000.0,
            partner_id=builder,
            tax_ids=[],
            invoice_date="2026-01-15",
        )
        invoice.customer_retainage_percent = 5.0
        invoice.action_post()
        self.assertEqual(invoice.line_ids.filtered("customer_retainage").debit, 50.0)

    def test_no_retainage_without_a_retainage_account(self):
        self.group_set.write({"retainage_percent": 10.0, "retainage_days": 90})
        builder = self.env["res.partner"].create(
            {"name": "Builder", "customer_group_id": self.group_set.id}
        )
        invoice = self.post_invoice(1000.0, partner=builder)
        self.assertEntry(
            invoice, [(self.receivable, 1000.0, 0.0), (self.income, 0.0, 1000.0)]
        )

    # -- account set currency -----------------------------------------------
    def test_members_invoiced_in_the_sets_currency(self):
        eur = self.setup_other_currency("EUR", rates=[("2025-01-01", 2.0)])
        self.member_set.currency_id = eur
        self.assertEqual(self.group_set.currency_id, eur, "one source: the set")
        with Form(
            self.env["account.move"].with_context(default_move_type="out_invoice")
        ) as form:
            form.partner_id = self.member
            self.assertEqual(form.currency_id, eur)
            self.assertNotIn("account_customer_group_set_currency", form.alerts or {})
            form.currency_id = self.company.currency_id
            self.assertIn(
                "Member is invoiced in EUR (account set [MEMB] Members), this invoice "
                "is in USD.",
                form.alerts["account_customer_group_set_currency"]["message"],
            )
        created = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.member.id}
        )
        self.assertEqual(created.currency_id, eur)
        other = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.customer.id}
        )
        self.assertEqual(other.currency_id, self.company.currency_id)
        self.assertNotIn("account_customer_group_set_currency", other.alerts or {})

    def test_group_currency_written_on_its_account_set(self):
        eur = self.setup_other_currency("EUR", rates=[("2025-01-01", 2.0)])
        self.group_set.currency_id = eur
        self.assertEqual(self.member_set.currency_id, eur)

    # -- statistics -----------------------------------------------------------
    def test_statistics_equal_the_ledger_after_every_kind_of_posting(self):
        self.member.customer_account_type = "balance_forward"
        discounted = self.post_invoice(
            100.0, partner=self.member, invoice_payment_term_id=self.term_2_10.id
        )
        self.pay(discounted, "2026-01-20")
        written_off = self.post_invoice(100.0, partner=self.member)
        self.pay(
            written_off,
            "2026-01-20",
            amount=95.0,
            payment_difference_handling="reconcile",
        )
        self.post_invoice(100.0, partner=self.member, date="2026-01-05")
        self.post_invoice(50.0, partner=self.member, date="2026-01-10")
        self.receive(self.member, 120.0)
        advance_customer = self.env["res.partner"].create(
            {"name": "Advance Customer", "customer_group_id": self.group_set.id}
        )
        _advance, invoice, prepayment_line = self.advance_then_invoice(advance_customer)
        invoice.js_assign_outstanding_line(prepayment_line.id)
        retained = self.post_invoice(1000.0, partner=self.retainage_member())
        self.pay(retained, "2026-01-25")
        live = self.all_buckets()
        self.assertEqual(self.group_set.get_statistics_drift(), [])
        self.group_set.action_recalculate_statistics()
        self.assertEqual(self.all_buckets(), live)
