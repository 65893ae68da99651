from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import format_amount

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestRolldown(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls.create_group("ROLL")
        cls.alice, cls.bob, cls.carol = cls.env["res.partner"].create(
            [
                {"name": name, "customer_group_id": cls.group.id}
                for name in ("Alice", "Bob", "Carol")
            ]
        )
        # Carol negotiated her own terms before the group changed.
        cls.carol.property_payment_term_id = cls.term_30
        cls.cycle_week = cls.env["account.customer.billing.cycle"].create(
            {"code": "WEEK", "name": "Weekly", "frequency": "weekly"}
        )

    def change_group_terms(self):
        self.group.write(
            {"payment_term_id": self.term_30.id, "billing_cycle_id": self.cycle_week.id}
        )

    def open_preview(self):
        action = self.group.action_open_rolldown()
        return self.env[action["res_model"]].browse(action["res_id"])

    def test_saving_new_defaults_offers_the_roll_down(self):
        self.assertFalse(self.group.rolldown_pending)
        self.change_group_terms()
        self.assertTrue(self.group.rolldown_pending)
        # Copy at creation: nothing moved on its own.
        self.assertEqual(self.alice.property_payment_term_id, self.term_immediate)

    def test_preview_lists_each_member_and_field_with_the_overridden_flag(self):
        self.change_group_terms()
        preview = self.open_preview()
        rows = {
            (line.partner_id.name, line.field_name): (
                line.current_value,
                line.group_value,
                line.overridden,
                line.apply,
            )
            for line in preview.line_ids
        }
        self.assertEqual(
            rows[("Alice", "property_payment_term_id")],
            ("Immediate Payment", "30 Days", False, True),
        )
        self.assertEqual(
            rows[("Alice", "customer_billing_cycle_id")][2:], (False, True)
        )
        self.assertEqual(rows[("Bob", "customer_billing_cycle_id")][1], "[WEEK] Weekly")
        # Carol already had 30 days: nothing to change for her terms.
        self.assertNotIn(("Carol", "property_payment_term_id"), rows)
        self.assertEqual(len(rows), 5)

    def test_cancelled_preview_changes_nothing(self):
        self.change_group_terms()
        preview = self.open_preview()
        self.assertTrue(preview.line_ids)
        messages = self.alice.message_ids
        preview.unlink()
        self.assertRecordValues(
            self.alice,
            [
                {
                    "property_payment_term_id": self.term_immediate.id,
                    "customer_billing_cycle_id": self.cycle_month.id,
                }
            ],
        )
        self.assertEqual(self.alice.message_ids, messages)
        self.assertTrue(self.group.rolldown_pending)

    def test_apply_writes_only_the_ticked_fields_and_posts_old_and_new(self):
        self.change_group_terms()
        preview = self.open_preview()
        preview.line_ids.filtered(
            lambda line: line.field_name == "customer_billing_cycle_id"
        ).apply = False
        preview.line_ids.filtered(
            lambda line: line.partner_id == self.bob
        ).apply = False
        preview.action_apply()
        self.assertRecordValues(
            self.alice,
            [
                {
                    "property_payment_term_id": self.term_30.id,
                    "customer_billing_cycle_id": self.cycle_month.id,
                }
            ],
        )
        self.assertEqual(self.bob.property_payment_term_id, self.term_immediate)
        self.assertFalse(self.group.rolldown_pending)
        body = self.alice.message_ids[0].body
        self.assertIn("Payment Terms: Immediate Payment → 30 Days", body)
        self.assertIn("Defaults applied to 1 member(s)", self.group.message_ids[0].body)
        self.assertIn("Alice", self.group.message_ids[0].body)

    def test_tick_all_includes_overridden_values(self):
        self.carol.property_payment_term_id = self.term_immediate
        self.group.account_type = "balance_forward"
        self.carol.customer_account_type = "open_item"
        preview = self.open_preview()
        preview.action_select_none()
        self.assertEqual(preview.selected_count, 0)
        preview.action_select_all()
        self.assertEqual(preview.selected_count, 3)

    def test_rpc_method_applies_named_fields_to_named_members(self):
        self.change_group_terms()
        result = self.group.apply_defaults_to_members(
            ["payment_term_id"], [self.bob.id]
        )
        self.assertEqual(
            result,
            [
                {
                    "partner_id": self.bob.id,
                    "changes": [
                        ["Customer Payment Terms", "Immediate Payment", "30 Days"]
                    ],
                }
            ],
        )
        self.assertRecordValues(
            self.bob,
            [
                {
                    "property_payment_term_id": self.term_30.id,
                    "customer_billing_cycle_id": self.cycle_month.id,
                }
            ],
        )
        self.assertEqual(self.alice.property_payment_term_id, self.term_immediate)

    def test_fiscal_position_and_salesperson_roll_down(self):
        fiscal_position = self.env["account.fiscal.position"].create({"name": "Export"})
        seller = new_test_user(self.env, "rolldown_seller", groups="base.group_user")
        self.group.write(
            {
                "fiscal_position_id": fiscal_position.id,
                "salesperson_ids": [
                    Command.create({"user_id": seller.id, "percent": 100.0})
                ],
            }
        )
        preview = self.open_preview()
        ticked = preview.line_ids.filtered("apply")
        self.assertEqual(
            sorted(set(ticked.mapped("field_name"))),
            ["property_account_position_id", "user_id"],
        )
        self.assertEqual(len(ticked), 6)
        # Carol's own terms predate the change: offered, flagged, not ticked.
        self.assertRecordValues(
            preview.line_ids - ticked,
            [
                {
                    "partner_id": self.carol.id,
                    "field_name": "property_payment_term_id",
                    "overridden": True,
                }
            ],
        )
        preview.action_apply()
        self.assertRecordValues(
            self.alice | self.bob | self.carol,
            [{"property_account_position_id": fiscal_position.id, "user_id": seller.id}]
            * 3,
        )
        self.assertEqual(self.carol.property_payment_term_id, self.term_30)
        self.assertIn("Fiscal Position: - → Export", self.bob.message_ids[0].body)

    def test_own_credit_limits_are_offered_and_flagged(self):
        self.group.allow_edit_credit_limit = True
        self.group.action_dismiss_rolldown()
        currency = self.company.currency_id
        self.bob.customer_credit_limit_ids = [
            Command.create(
                {
                    "currency_id": currency.id,
                    "credit_limit": 5000.0,
                    "overdue_limit": 100.0,
                }
            )
        ]
        self.group.credit_limit_ids.credit_limit = 1000.0
        self.assertTrue(self.group.rolldown_pending)
        preview = self.open_preview()
        line = preview.line_ids.filtered(
            lambda line: line.field_name == "customer_credit_limit_ids"
        )
        self.assertRecordValues(
            line,
            [
                {
                    "partner_id": self.bob.id,
                    "current_value": f"{format_amount(self.env, 5000.0, currency)}, "
                    f"overdue {format_amount(self.env, 100.0, currency)}",
                    "group_value": "the group's limits",
                    "overridden": True,
                    "apply": False,
                }
            ],
        )
        result = self.group.apply_defaults_to_members(["credit_limit_ids"])
        self.assertEqual([row["partner_id"] for row in result], [self.bob.id])
        self.assertFalse(self.bob.customer_credit_limit_ids)
        self.assertEqual(
            self.bob._get_credit_rules(self.company)[currency].credit_limit, 1000.0
        )

    def test_contacts_follow_their_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Alice's buyer", "parent_id": self.alice.id}
        )
        self.change_group_terms()
        preview = self.open_preview()
        self.assertNotIn(contact, preview.line_ids.partner_id)
        preview.action_apply()
        self.assertEqual(contact.property_payment_term_id, self.term_30)

    def test_rpc_method_refuses_strangers_and_unknown_fields(self):
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        with self.assertRaisesRegex(UserError, "not members of the customer group"):
            self.group.apply_defaults_to_members(["payment_term_id"], [stranger.id])
        with self.assertRaisesRegex(
            UserError, "email is not a default of customer groups"
        ):
            self.group.apply_defaults_to_members(["email"])

    def test_rpc_method_refuses_arguments_of_the_wrong_type(self):
        for field_names, member_ids in (
            (True, None),
            (10**15, None),
            ("payment_term_id", None),
            (["payment_term_id"], ["a", 1]),
            (["payment_term_id"], True),
        ):
            with self.assertRaisesRegex(UserError, "must be a list"):
                self.group.apply_defaults_to_members(field_names, member_ids)

    def test_follow_mode_moves_members_that_still_have_the_group_value(self):
        self.group.payment_term_mode = "follow"
        self.group.payment_term_id = self.term_30
        self.assertEqual(self.alice.property_payment_term_id, self.term_30)
        self.group.payment_term_id = self.term_immediate
        # Carol's own 30 days went along by chance; Alice followed back.
        self.assertEqual(self.alice.property_payment_term_id, self.term_immediate)
        self.assertIn(
            "Payment Terms: 30 Days → Immediate Payment", self.alice.message_ids[0].body
        )

    def test_follow_mode_keeps_an_override(self):
        self.group.billing_cycle_mode = "follow"
        self.bob.customer_billing_cycle_id = self.cycle_week
        other = self.env["account.customer.billing.cycle"].create(
            {"code": "QTR", "name": "Quarterly", "frequency": "monthly"}
        )
        self.group.billing_cycle_id = other
        self.assertEqual(self.alice.customer_billing_cycle_id, other)
        self.assertEqual(self.bob.customer_billing_cycle_id, self.cycle_week)

    def test_locked_field_is_refused_over_rpc(self):
        self.group.payment_term_mode = "locked"
        accountant = new_test_user(
            self.env, "rolldown_accountant", groups="account.group_account_user"
        )
        with self.assertRaisesRegex(
            UserError, "Payment Terms of Alice is locked by its customer group"
        ):
            self.alice.with_user(accountant).write(
                {"property_payment_term_id": self.term_30.id}
            )
        self.assertEqual(self.alice.property_payment_term_id, self.term_immediate)

    def test_locked_field_is_refused_on_create_too(self):
        self.group.payment_term_mode = "locked"
        clerk = new_test_user(
            self.env,
            "rolldown_clerk",
            groups="account.group_account_invoice,base.group_partner_manager",
        )
        with self.assertRaisesRegex(
            UserError, "Payment Terms of Dave is locked by its customer group"
        ):
            self.env["res.partner"].with_user(clerk).create(
                {
                    "name": "Dave",
                    "customer_group_id": self.group.id,
                    "property_payment_term_id": self.term_30.id,
                }
            )
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Dave")]))

    def test_locking_a_field_brings_members_to_the_group_value(self):
        self.group.payment_term_mode = "locked"
        self.assertEqual(self.carol.property_payment_term_id, self.term_immediate)
        self.assertIn(
            "Customer Payment Terms: 30 Days → Immediate Payment",
            self.carol.message_ids[0].body,
        )

    def test_locked_field_follows_the_group(self):
        self.group.payment_term_mode = "locked"
        self.group.payment_term_id = self.term_30
        self.assertEqual(
            (self.alice | self.bob | self.carol).property_payment_term_id, self.term_30
        )

    def test_locked_fields_are_read_only_in_the_customer_form(self):
        self.group.write(
            {"payment_term_mode": "locked", "interest_profile_mode": "locked"}
        )
        accountant = new_test_user(
            self.env,
            "rolldown_form_user",
            groups="account.group_account_manager,base.group_partner_manager",
        )
        with Form(self.alice.with_user(accountant)) as form:
            with self.assertRaisesRegex(AssertionError, "readonly field"):
                form.property_payment_term_id = self.term_30
            with self.assertRaisesRegex(AssertionError, "readonly field"):
                form.customer_interest_profile_id = self.interest_none
            # What the group only hands down stays the customer's to change.
            form.customer_billing_cycle_id = self.cycle_week
        self.assertRecordValues(
            self.alice,
            [
                {
                    "customer_billing_cycle_id": self.cycle_week.id,
                    "property_payment_term_id": self.term_immediate.id,
                }
            ],
        )

    def test_member_form_shows_inherited_overridden_and_locked(self):
        self.group.interest_profile_mode = "locked"
        summary = self.carol.customer_group_inheritance
        self.assertRegex(
            summary,
            r"Payment Terms</td><td><span class='badge text-bg-warning'>Overridden",
        )
        self.assertRegex(
            summary,
            r"Billing Cycle</td><td><span class='badge text-bg-success'>Inherited",
        )
        self.assertRegex(
            summary,
            r"Interest Profile</td><td><span class='badge text-bg-secondary'>Locked",
        )
        with Form(self.carol) as form:
            self.assertIn("Overridden", form.customer_group_inheritance)
