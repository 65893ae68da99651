"""The checks a bridge handing down a field of its own runs on its entry: the
group's value given on joining, a ``follow`` mode rolled down, a ``locked`` value
refused, the roll-down preview and the Assign wizard's option listing it."""

from odoo import models
from odoo.exceptions import UserError

from .common import CustomerGroupCommon


def _raw(value):
    return value.id if isinstance(value, models.BaseModel) else value


class HandDownCommon(CustomerGroupCommon):
    """Set ``customer_field``, ``group_field``, ``setting`` on the class and, in
    ``setUpClass``, ``value`` (the group's) and ``other`` (another one) as records
    or plain values; then inherit ``HandDownCases`` too."""

    customer_field = group_field = setting = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.value = cls.other = None

    def set_group_value(self, group, value):
        group.write({self.group_field: _raw(value)})

    def hand_down_group(self, mode="copy"):
        group = self.create_group("HAND", **{f"{self.setting}_mode": mode})
        self.set_group_value(group, self.value)
        return group

    def member(self, group, name="Member"):
        return self.env["res.partner"].create(
            {"name": name, "customer_group_id": group.id}
        )


class HandDownCases:
    # Odoo runs only the test methods a test class defines itself, unless told.
    allow_inherited_tests_method = True

    def test_joining_hands_down_the_groups_value(self):
        partner = self.member(self.hand_down_group())
        self.assertEqual(partner[self.customer_field], self.value)

    def test_follow_mode_rolls_a_change_down(self):
        group = self.hand_down_group("follow")
        partner = self.member(group)
        self.set_group_value(group, self.other)
        self.assertEqual(partner[self.customer_field], self.other)

    def test_copy_mode_offers_the_change_in_the_roll_down_preview(self):
        group = self.hand_down_group()
        partner = self.member(group)
        self.set_group_value(group, self.other)
        self.assertEqual(partner[self.customer_field], self.value)
        action = group.action_open_rolldown()
        preview = self.env[action["res_model"]].browse(action["res_id"])
        self.assertIn(
            (partner, self.customer_field),
            [(line.partner_id, line.field_name) for line in preview.line_ids],
        )

    def test_locked_value_is_refused_on_a_member(self):
        partner = self.member(self.hand_down_group("locked"))
        with self.assertRaisesRegex(UserError, "locked by its customer group"):
            partner.write({self.customer_field: _raw(self.other)})

    def assign(self, group, **options):
        wizard = self.env["account.customer.group.assign"].create(
            {
                "rule": "single",
                "group_id": group.id,
                "posted_only": False,
                "companies_only": False,
                **options,
            }
        )
        wizard.action_assign()
        return wizard

    def test_assign_wizard_option_gives_the_groups_value(self):
        group = self.hand_down_group()
        partners = self.env["res.partner"]
        # The Assign wizard takes customers in no group (with posted_only off,
        # those with a customer rank).
        own = {"customer_rank": 1, self.customer_field: _raw(self.other)}
        keeps = partners.create({"name": "Keeps", **own})
        self.assign(group)
        self.assertEqual(keeps.customer_group_id, group)
        self.assertEqual(keeps[self.customer_field], self.other)
        takes = partners.create({"name": "Takes", **own})
        option = f"apply_{self.setting}"
        wizard = self.assign(group, **{option: True})
        self.assertIn(
            option, wizard.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertEqual(takes.customer_group_id, group)
        self.assertEqual(takes[self.customer_field], self.value)
