from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common_account_set import AccountSetCommon


@tagged("post_install", "-at_install")
class TestAccountSetPostings(AccountSetCommon):
    """What each account of the account set and the account type post, entry by
    entry."""

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
