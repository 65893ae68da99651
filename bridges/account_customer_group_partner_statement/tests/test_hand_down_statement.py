from datetime import date

from odoo.tests import tagged

from odoo.addons.account_customer_group.tests.common_hand_down import (
    HandDownCases,
    HandDownCommon,
)


@tagged("post_install", "-at_install")
class TestHandDownStatementAging(HandDownCases, HandDownCommon):
    customer_field = "customer_statement_aging_type"
    group_field = "statement_aging_type"
    setting = "statement_aging"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.value, cls.other = "months", "days"


@tagged("post_install", "-at_install")
class TestStatementWizardDefaults(HandDownCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls.create_group(
            "STMT",
            statement_aging_type="months",
            statement_show_aging_buckets=False,
        )
        cls.cycle_month.sudo().last_run_date = date(2026, 10, 31)
        cls.alice, cls.bob = cls.env["res.partner"].create(
            [
                {"name": name, "customer_group_id": cls.group.id}
                for name in ("Alice", "Bob")
            ]
        )
        cls.outsider = cls.env["res.partner"].create({"name": "Outsider"})

    def defaults(self, model, partners):
        wizard = self.env[model].with_context(
            active_model="res.partner", active_ids=partners.ids
        )
        return wizard.default_get(list(wizard._fields))

    def test_statement_wizards_default_to_the_groups_settings(self):
        for model in (
            "activity.statement.wizard",
            "outstanding.statement.wizard",
            "detailed.activity.statement.wizard",
        ):
            with self.subTest(model=model):
                values = self.defaults(model, self.alice | self.bob)
                self.assertEqual(values["aging_type"], "months")
                self.assertIs(values["show_aging_buckets"], False)

    def test_activity_statement_starts_after_the_cycles_last_run(self):
        values = self.defaults("activity.statement.wizard", self.alice)
        self.assertEqual(values["date_start"], date(2026, 11, 1))

    def test_customers_that_differ_keep_ocas_defaults(self):
        self.bob.customer_statement_aging_type = "days"
        values = self.defaults("activity.statement.wizard", self.alice | self.bob)
        self.assertEqual(values["aging_type"], "days")
        self.assertIs(values["show_aging_buckets"], False)
        values = self.defaults("activity.statement.wizard", self.outsider)
        self.assertIs(values["show_aging_buckets"], True)
