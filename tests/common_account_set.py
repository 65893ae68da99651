from .common_statistics import StatisticsCommon


class AccountSetCommon(StatisticsCommon):
    """A group on an account set with its own discount and write-off accounts, a
    member, and helpers to read the entries its documents post."""

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
