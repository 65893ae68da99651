from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CustomerGroupCommon


class SalespersonCommon(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reps = [
            new_test_user(
                cls.env,
                login=f"rep{index}",
                name=f"Rep {index}",
                groups="base.group_user",
            )
            for index in range(6)
        ]
        cls.group = cls.create_group(
            "SPLIT",
            salesperson_ids=[
                Command.create({"user_id": cls.reps[0].id, "percent": 60.0}),
                Command.create({"user_id": cls.reps[1].id, "percent": 40.0}),
            ],
        )

    @classmethod
    def lines(cls, *shares):
        return [
            Command.create({"user_id": cls.reps[index].id, "percent": percent})
            for index, percent in shares
        ]

    def assert_sole_salesperson(self, customer, index):
        """The split of ``customer`` gives all to rep ``index``, its salesperson."""
        self.assertRecordValues(
            customer.customer_salesperson_ids,
            [{"user_id": self.reps[index].id, "percent": 100.0}],
        )
        self.assertEqual(customer.user_id, self.reps[index])


@tagged("post_install", "-at_install")
class TestGroupSalespersons(SalespersonCommon):
    def test_a_valid_split_is_saved(self):
        self.assertRecordValues(
            self.group.salesperson_ids,
            [
                {"user_id": self.reps[0].id, "percent": 60.0},
                {"user_id": self.reps[1].id, "percent": 40.0},
            ],
        )

    def test_five_lines_are_allowed(self):
        group = self.create_group(
            "FIVE", salesperson_ids=self.lines(*((index, 20.0) for index in range(5)))
        )
        self.assertEqual(len(group.salesperson_ids), 5)

    def test_a_sixth_line_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "6 salesperson lines, and at most 5 are allowed"
        ):
            self.create_group(
                "SIX",
                salesperson_ids=self.lines(*((index, 100 / 6) for index in range(6))),
            )

    def test_a_total_of_99_99_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "add up to 99.99%, not 100%"):
            self.group.write(
                {
                    "salesperson_ids": [
                        Command.clear(),
                        *self.lines((0, 50.0), (1, 49.99)),
                    ]
                }
            )

    def test_a_total_of_100_01_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "add up to 100.01%, not 100%"):
            self.group.write(
                {
                    "salesperson_ids": [
                        Command.clear(),
                        *self.lines((0, 50.0), (1, 50.01)),
                    ]
                }
            )

    def test_a_zero_share_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "share of Rep 1 is 0.0%: every share must be above zero"
        ):
            self.create_group("ZERO", salesperson_ids=self.lines((0, 100.0), (1, 0.0)))

    def test_a_negative_share_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "share of Rep 1 is -10.0%"):
            self.create_group("NEG", salesperson_ids=self.lines((0, 110.0), (1, -10.0)))

    def test_the_same_user_twice_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "Rep 0 appears on more than one line"
        ):
            self.create_group("DUP", salesperson_ids=self.lines((0, 50.0), (0, 50.0)))

    def test_moving_shares_between_lines_in_one_save_is_accepted(self):
        first, second = self.group.salesperson_ids
        self.group.write(
            {
                "salesperson_ids": [
                    Command.update(first.id, {"percent": 30.0}),
                    Command.update(second.id, {"percent": 50.0}),
                    *self.lines((2, 20.0)),
                ]
            }
        )
        self.assertEqual(
            self.group.salesperson_ids.mapped("percent"), [30.0, 50.0, 20.0]
        )

    def test_the_form_refuses_a_split_that_does_not_total_100(self):
        form = Form(self.group)
        with form.salesperson_ids.edit(1) as line:
            line.percent = 30.0
        with self.assertRaisesRegex(ValidationError, "add up to 90.0%"):
            form.save()

    def test_rpc_write_on_a_line_is_checked(self):
        with self.assertRaisesRegex(ValidationError, "add up to 110.0%"):
            self.group.salesperson_ids[1].write({"percent": 50.0})

    def test_rpc_create_of_a_seventh_share_is_checked(self):
        with self.assertRaisesRegex(ValidationError, "add up to 110.0%"):
            self.env["account.customer.group.salesperson"].create(
                {"group_id": self.group.id, "user_id": self.reps[2].id, "percent": 10.0}
            )

    def test_rpc_unlink_of_a_line_is_checked(self):
        with self.assertRaisesRegex(ValidationError, "add up to 60.0%"):
            self.group.salesperson_ids[1].unlink()

    def test_the_form_refuses_a_sixth_line(self):
        group = self.create_group(
            "FORM5", salesperson_ids=self.lines(*((index, 20.0) for index in range(5)))
        )
        form = Form(group)
        with form.salesperson_ids.new() as line:
            line.user_id = self.reps[5]
            line.percent = 1.0
        with self.assertRaisesRegex(
            ValidationError, "6 salesperson lines, and at most 5 are allowed"
        ):
            form.save()

    def test_removing_every_line_is_allowed(self):
        self.group.salesperson_ids = [Command.clear()]
        self.assertFalse(self.group.salesperson_ids)


@tagged("post_install", "-at_install")
class TestCustomerSalespersons(SalespersonCommon):
    def test_a_new_customer_gets_the_group_split_and_salesperson(self):
        customer = self.env["res.partner"].create(
            {"name": "Split Customer", "customer_group_id": self.group.id}
        )
        self.assertRecordValues(
            customer.customer_salesperson_ids,
            [
                {"user_id": self.reps[0].id, "percent": 60.0},
                {"user_id": self.reps[1].id, "percent": 40.0},
            ],
        )
        self.assertEqual(customer.user_id, self.reps[0])

    def test_a_customer_changing_group_gets_the_new_split(self):
        customer = self.env["res.partner"].create(
            {"name": "Mover", "customer_group_id": self.group.id}
        )
        other = self.create_group("OTHER", salesperson_ids=self.lines((3, 100.0)))
        customer.customer_group_id = other
        self.assert_sole_salesperson(customer, 3)

    def test_a_customer_keeps_its_own_split_once_edited(self):
        customer = self.env["res.partner"].create(
            {"name": "Own Split", "customer_group_id": self.group.id}
        )
        customer.customer_salesperson_ids = [Command.clear(), *self.lines((4, 100.0))]
        self.assertEqual(customer.user_id, self.reps[4])
        customer.customer_group_id = self.create_group(
            "OTHER", salesperson_ids=self.lines((3, 100.0))
        )
        self.assert_sole_salesperson(customer, 4)

    def test_customer_split_is_validated_like_the_group(self):
        customer = self.env["res.partner"].create(
            {"name": "Bad Split", "customer_group_id": self.group.id}
        )
        with self.assertRaisesRegex(
            ValidationError,
            "Salesperson split of Bad Split: the shares add up to 99.99%",
        ):
            customer.write(
                {"customer_salesperson_ids": [Command.clear(), *self.lines((0, 99.99))]}
            )
        with self.assertRaisesRegex(ValidationError, "6 salesperson lines"):
            customer.write(
                {
                    "customer_salesperson_ids": [
                        Command.clear(),
                        *self.lines(*((index, 100 / 6) for index in range(6))),
                    ]
                }
            )

    def test_rpc_create_of_a_customer_with_a_bad_split_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "Rep 1 appears on more than one line"
        ):
            self.env["res.partner"].create(
                {
                    "name": "RPC Customer",
                    "customer_group_id": self.group.id,
                    "customer_salesperson_ids": self.lines((1, 50.0), (1, 50.0)),
                }
            )

    def test_rpc_line_write_on_a_customer_is_checked(self):
        customer = self.env["res.partner"].create(
            {"name": "Line RPC", "customer_group_id": self.group.id}
        )
        with self.assertRaisesRegex(
            ValidationError, "Salesperson split of Line RPC: .* 100.01%"
        ):
            customer.customer_salesperson_ids[0].write({"percent": 60.01})

    def test_a_split_edited_line_by_line_is_kept_on_joining_another_group(self):
        customer = self.env["res.partner"].create(
            {"name": "Line Edits", "customer_group_id": self.group.id}
        )
        first = customer.customer_salesperson_ids[0]
        first.write({"user_id": self.reps[5].id})
        customer.customer_group_id = self.create_group(
            "OTHER", salesperson_ids=self.lines((3, 100.0))
        )
        self.assertEqual(
            customer.customer_salesperson_ids.user_id, self.reps[5] | self.reps[1]
        )

    def test_a_portal_user_cannot_be_a_salesperson(self):
        portal = new_test_user(self.env, login="portal_rep", groups="base.group_portal")
        with self.assertRaisesRegex(
            ValidationError, "portal user and cannot be a salesperson"
        ):
            self.create_group(
                "PORT",
                salesperson_ids=[
                    Command.create({"user_id": portal.id, "percent": 100.0})
                ],
            )


@tagged("post_install", "-at_install")
class TestInvoiceSalespersonSplit(SalespersonCommon):
    def test_posting_records_the_split_and_the_report_totals_the_invoices(self):
        customer = self.env["res.partner"].create(
            {"name": "Invoiced", "customer_group_id": self.group.id}
        )
        first = self.invoice(customer, 1000.01)
        self.invoice(customer, 500.0, move_type="out_refund")
        self.assertRecordValues(
            first.salesperson_split_ids,
            [
                {"user_id": self.reps[0].id, "percent": 60.0, "amount": 600.01},
                {"user_id": self.reps[1].id, "percent": 40.0, "amount": 400.0},
            ],
        )
        totals = dict(
            self.env["account.move.salesperson.split"]._read_group(
                [
                    ("partner_id", "=", customer.id),
                    ("date", ">=", "2026-01-01"),
                    ("date", "<=", "2026-01-31"),
                ],
                ["user_id"],
                ["amount:sum"],
            )
        )
        self.assertEqual(totals, {self.reps[0]: 300.01, self.reps[1]: 200.0})

    def test_a_reset_invoice_leaves_the_report_and_reposting_uses_the_current_split(
        self,
    ):
        customer = self.env["res.partner"].create(
            {"name": "Reposted", "customer_group_id": self.group.id}
        )
        move = self.invoice(customer, 100.0)
        move.button_draft()
        self.assertFalse(move.salesperson_split_ids)
        customer.customer_salesperson_ids = [Command.clear(), *self.lines((2, 100.0))]
        move.action_post()
        self.assertRecordValues(
            move.salesperson_split_ids, [{"user_id": self.reps[2].id, "amount": 100.0}]
        )

    def test_a_customer_without_split_records_nothing(self):
        customer = self.env["res.partner"].create(
            {"name": "No Split", "customer_group_id": self.group_dom.id}
        )
        self.assertFalse(self.invoice(customer, 100.0).salesperson_split_ids)


@tagged("post_install", "-at_install")
class TestSalespersonSplitAccess(SalespersonCommon):
    def test_a_billing_user_posts_and_reads_the_split_but_cannot_change_it(self):
        billing = self.company_user("split_biller", "account.group_account_invoice")
        customer = self.env["res.partner"].create(
            {"name": "Billed", "customer_group_id": self.group.id}
        )
        move = self.invoice(customer, 200.0, post=False)
        move.with_user(billing).action_post()
        splits = move.with_user(billing).salesperson_split_ids
        self.assertEqual(splits.mapped("amount"), [120.0, 80.0])
        with self.assertRaises(AccessError):
            splits[0].write({"percent": 100.0})
        with self.assertRaises(AccessError):
            self.group.salesperson_ids.with_user(billing).write({"percent": 50.0})

    def test_a_contact_of_a_member_company_gets_no_lines_of_its_own(self):
        _company, contact = self.company_with_contact(self.group, "Member Co")
        self.assertEqual(contact.customer_group_id, self.group)
        self.assertFalse(contact.customer_salesperson_ids)
        move = self.invoice(contact, 100.0)
        self.assertEqual(move.salesperson_split_ids.mapped("amount"), [60.0, 40.0])
