from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import format_amount

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestCustomerGroupArchiving(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls.create_group("ARCH")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Customer A", "customer_group_id": cls.group.id}
        )
        cls.customer_2 = cls.env["res.partner"].create(
            {"name": "Customer B", "customer_group_id": cls.group.id}
        )

    def test_archive_is_refused_while_members_owe_money(self):
        self.invoice(self.customer, 300.0)
        self.invoice(self.customer_2, 150.0)
        with self.assertRaisesRegex(
            UserError,
            r"2 customer\(s\) still have open receivables or draft invoices, "
            r"\$\xa0450.00 in total in USD posted: Customer A \(open \$\xa0300.00\), "
            r"Customer B \(open \$\xa0150.00\)",
        ):
            self.group.action_archive()
        self.assertTrue(self.group.active)

    def test_archive_is_refused_for_a_single_unpaid_invoice(self):
        self.invoice(self.customer, 80.0)
        with self.assertRaisesRegex(
            UserError, r"1 customer\(s\) still have open receivables or draft invoices"
        ):
            self.group.write({"active": False})

    def test_archive_is_allowed_once_everything_is_paid(self):
        invoice = self.invoice(self.customer, 300.0)
        self._register_payment(invoice, payment_date="2026-01-20")
        self.assertEqual(
            invoice.payment_state,
            self.env["account.move"]._get_invoice_in_payment_state(),
        )
        self.group.action_archive()
        self.assertFalse(self.group.active)

    def test_draft_invoices_block_archiving(self):
        draft = self.invoice(self.customer, 300.0, post=False)
        with self.assertRaisesRegex(
            UserError, r"Customer A \(draft invoices \$\xa0300.00\)"
        ):
            self.group.action_archive()
        draft.button_cancel()
        self.group.action_archive()
        self.assertFalse(self.group.active)

    def test_archive_checks_every_currency(self):
        eur = self.setup_other_currency("EUR")
        self.init_invoice(
            "out_invoice",
            self.customer,
            "2026-01-15",
            amounts=[200.0],
            currency=eur,
            post=True,
        )
        self.init_invoice(
            "out_invoice", self.customer_2, "2026-01-15", amounts=[50.0], currency=eur
        )
        self.invoice(self.customer_2, 10.0)
        with self.assertRaises(UserError) as error:
            self.group.action_archive()
        message = str(error.exception)
        self.assertIn("2 customer(s)", message)
        self.assertIn(
            f"Customer A (open {format_amount(self.env, 200.0, eur)})", message
        )
        self.assertIn(
            "Customer B (open $\xa010.00; draft invoices "
            f"{format_amount(self.env, 50.0, eur)})",
            message,
        )

    def test_posting_for_a_customer_of_an_archived_group_is_refused(self):
        # Drafts block archiving, so this one is entered after the group was archived.
        self.group.action_archive()
        draft = self.invoice(self.customer, 300.0, post=False)
        with self.assertRaisesRegex(
            UserError, "belongs to the archived customer group"
        ):
            draft.action_post()
        self.assertEqual(draft.state, "draft")

    def test_customer_of_an_archived_group_can_only_move_to_another_group(self):
        self.group.action_archive()
        with self.assertRaisesRegex(
            UserError, "cannot be changed. Move it to an active customer group"
        ):
            self.customer.phone = "+32 2 555 00 00"
        with self.assertRaisesRegex(UserError, "customers cannot join it"):
            self.env["res.partner"].create(
                {"name": "Late joiner", "customer_group_id": self.group.id}
            )
        self.customer.write(
            {"customer_group_id": self.group_dom.id, "phone": "+32 2 555 00 00"}
        )
        self.assertRecordValues(
            self.customer,
            [{"customer_group_id": self.group_dom.id, "phone": "+32 2 555 00 00"}],
        )

    def test_restored_group_accepts_postings_again(self):
        self.group.action_archive()
        self.group.action_unarchive()
        invoice = self.invoice(self.customer, 10.0)
        self.assertEqual(invoice.state, "posted")


@tagged("post_install", "-at_install")
class TestAccountUsedByGroups(CustomerGroupCommon):
    def test_account_shows_the_groups_using_it(self):
        self.assertIn(self.account_set, self.receivable.customer_account_set_ids)
        self.assertIn(self.group_dom, self.receivable.customer_group_ids)
        self.assertEqual(self.receivable.customer_group_count, 3)
        action = self.receivable.action_view_customer_groups()
        self.assertEqual(
            sorted(
                self.env["account.customer.group"]
                .search(action["domain"])
                .mapped("code")
            ),
            ["DOM", "EUR", "OVS"],
        )

    def test_archiving_an_account_used_by_an_active_group_is_refused(self):
        with self.assertRaisesRegex(
            UserError, r"You cannot archive .* \[DOM\] Domestic"
        ):
            self.receivable.active = False
        self.assertTrue(self.receivable.active)

    def test_deleting_an_account_used_by_an_active_group_is_refused(self):
        writeoff = self.company_data["default_account_expense"].copy({"code": "659999"})
        self.account_set.writeoff_account_id = writeoff
        with self.assertRaisesRegex(
            UserError, r"You cannot delete .* \[EUR\] European"
        ):
            writeoff.unlink()

    def test_account_of_archived_groups_only_can_be_archived(self):
        receivable = self.receivable.copy({"code": "121777"})
        account_set = self.env["account.customer.account.set"].create(
            {"code": "SOLO", "name": "Solo", "receivable_account_id": receivable.id}
        )
        group = self.create_group("SOLO", account_set_id=account_set.id)
        with self.assertRaises(UserError):
            receivable.active = False
        group.action_archive()
        receivable.active = False
        self.assertFalse(receivable.active)

    def test_account_set_with_several_accounts_is_found_through_each(self):
        writeoff = self.company_data["default_account_expense"].copy({"code": "659998"})
        self.account_set.writeoff_account_id = writeoff
        self.assertEqual(writeoff.customer_account_set_ids, self.account_set)
        self.assertEqual(len(writeoff.customer_group_ids), 3)
        self.assertFalse(
            self.company_data["default_account_revenue"].customer_group_ids
        )
