from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common_credit import CreditCommon


@tagged("post_install", "-at_install")
class TestCreditRuleLines(CreditCommon):
    def test_a_new_group_gets_one_line_in_the_company_currency(self):
        self.assertRecordValues(
            self.group.credit_limit_ids,
            [
                {
                    "currency_id": self.usd.id,
                    "credit_limit": 0.0,
                    "overdue_limit": 0.0,
                    "company_id": self.company.id,
                }
            ],
        )

    def test_negative_credit_limit_is_refused(self):
        message = (
            "credit limit of \\[CRED\\] Group CRED in USD is .*1\\.00: "
            "limits cannot be negative"
        )
        with self.assertRaisesRegex(ValidationError, message):
            self.usd_line.credit_limit = -1.0

    def test_negative_overdue_limit_is_refused(self):
        self.assert_refused(
            "overdue limit of .* cannot be negative",
            self.group,
            {
                "credit_limit_ids": [
                    Command.update(self.usd_line.id, {"overdue_limit": -250.0})
                ]
            },
        )
        self.assertEqual(self.usd_line.overdue_limit, 0.0)

    def test_negative_overdue_days_are_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "after -5 days: enter 0 or a positive number"
        ):
            self.group.write({"check_overdue": True, "overdue_days": -5})

    def test_duplicate_currency_line_is_refused(self):
        self.assert_refused(
            "more than one credit limit line in USD",
            self.group,
            {
                "credit_limit_ids": [
                    Command.create({"currency_id": self.usd.id, "credit_limit": 10.0})
                ]
            },
        )
        self.assertEqual(len(self.group.credit_limit_ids), 1)

    def test_a_copied_group_keeps_its_limits(self):
        self.usd_line.write({"credit_limit": 1200.0, "overdue_limit": 300.0})
        copy = self.group.copy({"code": "CRED3"})
        self.assertRecordValues(
            copy.credit_limit_ids,
            [
                {
                    "currency_id": self.usd.id,
                    "credit_limit": 1200.0,
                    "overdue_limit": 300.0,
                }
            ],
        )

    def test_the_same_currency_may_be_used_by_another_group(self):
        other = self.create_group("CRED2")
        self.assertEqual(
            other.credit_limit_ids.currency_id, self.group.credit_limit_ids.currency_id
        )

    def test_group_form_fills_the_credit_page(self):
        eur = self.setup_other_currency("EUR")
        with Form(self.group) as form:
            form.check_credit_limit = True
            form.check_overdue = True
            form.overdue_days = 60
            with form.credit_limit_ids.edit(0) as line:
                line.credit_limit = 5000.0
                line.overdue_limit = 500.0
            with form.credit_limit_ids.new() as line:
                line.currency_id = eur
                line.credit_limit = 4000.0
        self.assertRecordValues(
            self.group.credit_limit_ids.sorted(lambda line: line.currency_id.name),
            [
                {"currency_id": eur.id, "credit_limit": 4000.0, "overdue_limit": 0.0},
                {
                    "currency_id": self.usd.id,
                    "credit_limit": 5000.0,
                    "overdue_limit": 500.0,
                },
            ],
        )

    def test_currencies_used_by_members_without_a_line_are_shown_and_added(self):
        eur = self.setup_other_currency("EUR")
        self.invoice_for(self.customer, 100.0, currency=eur)
        self.assertEqual(self.group.missing_credit_currency_ids, eur)
        self.group.action_add_missing_credit_currencies()
        self.assertEqual(self.group.credit_limit_ids.currency_id, self.usd | eur)
        self.group.invalidate_recordset(["missing_credit_currency_ids"])
        self.assertFalse(self.group.missing_credit_currency_ids)

    def test_invoicing_users_can_read_but_not_change_limits(self):
        clerk = new_test_user(
            self.env, "credit_clerk", groups="account.group_account_invoice"
        )
        line = self.usd_line.with_user(clerk)
        self.assertEqual(line.credit_limit, 0.0)
        with self.assertRaises(AccessError):
            line.credit_limit = 1000.0


@tagged("post_install", "-at_install")
class TestEffectiveLimits(CreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.check_limits(credit_limit=1000.0, overdue_limit=100.0, overdue_days=30)

    def test_members_get_the_group_limits(self):
        rule = self.rule(self.customer)
        self.assertEqual(
            (rule.credit_limit, rule.overdue_limit, rule.overdue_days),
            (1000.0, 100.0, 30),
        )
        self.assertTrue(rule.check_credit_limit and rule.check_overdue)

    def test_contacts_follow_their_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id}
        )
        self.assertEqual(self.rule(contact).credit_limit, 1000.0)

    def test_limit_changes_on_the_group_reach_members_that_did_not_override_it(self):
        self.group.allow_edit_credit_limit = True
        own = self.env["res.partner"].create(
            {"name": "Own Limit", "customer_group_id": self.group.id}
        )
        own.customer_credit_limit_ids = [
            Command.create({"currency_id": self.usd.id, "credit_limit": 5000.0})
        ]
        self.usd_line.credit_limit = 2000.0
        self.assertEqual(self.rule(self.customer).credit_limit, 2000.0)
        self.assertEqual(self.rule(own).credit_limit, 5000.0)

    def test_member_edit_allowed(self):
        self.group.allow_edit_credit_limit = True
        self.customer.customer_credit_limit_ids = [
            Command.create(
                {
                    "currency_id": self.usd.id,
                    "credit_limit": 5000.0,
                    "overdue_limit": 1000.0,
                }
            )
        ]
        self.assertEqual(
            (
                self.rule(self.customer).credit_limit,
                self.rule(self.customer).overdue_limit,
            ),
            (5000.0, 1000.0),
        )
        self.invoice_for(self.customer, 3000.0)
        self.assertEqual(self.new_invoice_warning(self.customer, 500.0), "")

    def test_member_edit_refused(self):
        self.assert_refused(
            "does not allow members to edit their credit limit",
            self.customer,
            {
                "customer_credit_limit_ids": [
                    Command.create({"currency_id": self.usd.id, "credit_limit": 5000.0})
                ]
            },
        )
        self.assertFalse(self.customer.customer_credit_limit_ids)

    def test_customer_without_group_cannot_have_own_limits(self):
        loner = self.env["res.partner"].create({"name": "No Group"})
        with self.assertRaisesRegex(ValidationError, "belongs to no customer group"):
            loner.customer_credit_limit_ids = [
                Command.create({"currency_id": self.usd.id, "credit_limit": 1.0})
            ]
        self.assertEqual(loner._get_credit_rules(self.company), {})

    def test_turning_edit_off_brings_members_back_to_the_group_limits(self):
        self.group.allow_edit_credit_limit = True
        self.customer.customer_credit_limit_ids = [
            Command.create({"currency_id": self.usd.id, "credit_limit": 5000.0})
        ]
        self.group.allow_edit_credit_limit = False
        self.assertEqual(self.rule(self.customer).credit_limit, 1000.0)
        self.assertEqual(len(self.customer.customer_credit_limit_ids), 1)

    def test_member_limits_are_edited_on_the_customer_form(self):
        self.group.allow_edit_credit_limit = True
        with (
            Form(self.customer, view="account.view_partner_property_form") as form,
            form.customer_credit_limit_ids.new() as line,
        ):
            line.currency_id = self.usd
            line.credit_limit = 7500.0
        self.assertEqual(self.rule(self.customer).credit_limit, 7500.0)

    def test_moving_to_another_group_brings_its_limits(self):
        other = self.create_group("CRED2")
        other.credit_limit_ids.credit_limit = 300.0
        self.customer.customer_group_id = other
        self.assertEqual(self.rule(self.customer).credit_limit, 300.0)


@tagged("post_install", "-at_install")
class TestCreditAcrossCompanies(CreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.check_limits(credit_limit=1000.0, overdue_limit=100.0, overdue_days=30)
        cls.company_2 = cls.setup_other_company(name="Company B")["company"]

    def test_limits_of_another_company_are_invisible(self):
        lines = self.env["account.customer.credit.limit"].with_context(
            allowed_company_ids=[self.company_2.id]
        )
        self.assertNotIn(self.usd_line, lines.search([]))

    def test_each_company_applies_the_rules_of_its_own_group(self):
        company_2 = self.company_2
        group_2 = self.group_of("DOM", company_2).with_company(company_2)
        group_2.write({"check_credit_limit": True})
        group_2.credit_limit_ids.credit_limit = 50.0
        self.customer.with_company(company_2).customer_group_id = group_2
        rule_b = self.customer._get_credit_rules(company_2)[company_2.currency_id]
        self.assertEqual((rule_b.credit_limit, rule_b.overdue_days), (50.0, 30))
        self.assertEqual(self.rule(self.customer).credit_limit, 1000.0)
