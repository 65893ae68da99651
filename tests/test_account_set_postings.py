from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

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
        cls.term_2_10 = cls.env["account.payment.term"].create(
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
            ({"retainage_account_id": self.income.id}, "Allow Reconciliation"),
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
        self.assertEntry(
            payment.move_id,
            [
                (self.outstanding(payment), 95.0, 0.0),
                (self.set_writeoff, 5.0, 0.0),
                (self.receivable, 0.0, 100.0),
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")
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
        self.assertEntry(
            payment.move_id,
            [
                (self.outstanding(payment), 98.0, 0.0),
                (self.set_discount, 2.0, 0.0),
                (self.receivable, 0.0, 100.0),
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")
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
        self.assertEqual(later.payment_state, "partial")
        self.assertEqual(later.amount_residual, 30.0)
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
        live = self.all_buckets()
        self.assertEqual(self.group_set.get_statistics_drift(), [])
        self.group_set.action_recalculate_statistics()
        self.assertEqual(self.all_buckets(), live)
