from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestCustomerGroupDefaults(CustomerGroupCommon):
    def test_every_company_gets_the_three_default_groups(self):
        company_2 = self.setup_other_company(name="Company B")["company"]
        for company in (self.company, company_2):
            groups = self.env["account.customer.group"].search(
                [("company_id", "=", company.id)]
            )
            self.assertEqual(sorted(groups.mapped("code")), ["DOM", "EUR", "OVS"])
            self.assertEqual(
                sorted(groups.mapped("name")), ["Domestic", "European", "Overseas"]
            )
            receivable = self.env["ir.default"]._get(
                "res.partner", "property_account_receivable_id", company_id=company.id
            )
            self.assertEqual(groups.account_set_id.receivable_account_id.id, receivable)
            self.assertEqual(
                groups.account_set_id.receivable_account_id.company_ids, company
            )
            self.assertRecordValues(
                groups.interest_profile_id,
                [{"code": "NONE", "annual_rate": 0.0, "company_id": company.id}],
            )
            self.assertRecordValues(
                groups.billing_cycle_id,
                [{"code": "MONTH", "frequency": "monthly", "company_id": company.id}],
            )
            self.assertEqual(groups.payment_term_id, self.term_immediate)

    def test_reinstalling_the_defaults_creates_nothing_twice(self):
        Group = self.env["account.customer.group"].with_context(active_test=False)
        before = Group.search_count([])
        self.group_eur.action_archive()
        Group._create_company_defaults()
        self.assertEqual(Group.search_count([]), before)
        self.assertEqual(
            self.env["account.customer.account.set"].search_count(
                [("code", "=", "DEFLT")]
            ),
            1,
        )


@tagged("post_install", "-at_install")
class TestCustomerGroupValidation(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b_data = cls.setup_other_company(name="Company B")

    def test_code_is_stored_in_upper_case(self):
        group = self.create_group(" whl1 ")
        self.assertRecordValues(
            group, [{"code": "WHL1", "display_name": "[WHL1] Group  whl1 "}]
        )

    def test_code_of_seven_characters_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "has 7 characters: use at most 6"):
            self.create_group("ABCDEFG")

    def test_code_with_a_symbol_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "only the letters A to Z and the digits"
        ):
            self.create_group("DOM-1")

    def test_code_cannot_be_renamed_to_an_invalid_one(self):
        with self.assertRaisesRegex(ValidationError, "has 8 characters"):
            self.group_eur.code = "EUROPEAN"

    def test_duplicate_code_in_the_same_company_is_refused(self):
        with self.assert_refused_by_database():
            self.create_group("dom")

    def test_same_code_is_allowed_in_another_company(self):
        group_b = self.group_of("DOM", self.company_b_data["company"])
        self.assertTrue(group_b)
        self.assertNotEqual(group_b, self.group_dom)

    def test_payment_terms_are_required(self):
        with self.assertRaisesRegex(
            ValidationError,
            r"Payment Terms \(Customer Group\) takes a value: it is required",
        ):
            self.create_group("NOTERM", payment_term_id=False)

    def test_interest_profile_is_required(self):
        with self.assertRaisesRegex(
            ValidationError,
            r"Interest Profile \(Customer Group\) takes a value: it is required",
        ):
            self.create_group("NOINT", interest_profile_id=False)

    def test_receivable_account_of_the_wrong_type_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "must be a receivable account"):
            self.env["account.customer.account.set"].create(
                {
                    "code": "BAD",
                    "name": "Income as receivable",
                    "receivable_account_id": self.company_data[
                        "default_account_revenue"
                    ].id,
                }
            )

    def test_receivable_account_of_another_company_is_refused(self):
        with self.assertRaisesRegex(UserError, "company"):
            self.env["account.customer.account.set"].create(
                {
                    "code": "OTHER",
                    "name": "Other company's receivable",
                    "company_id": self.company.id,
                    "receivable_account_id": self.company_b_data[
                        "default_account_receivable"
                    ].id,
                }
            )

    def test_archived_receivable_account_is_refused(self):
        account = self.receivable.copy({"code": "121999"})
        account.active = False
        with self.assertRaisesRegex(ValidationError, "is archived"):
            self.env["account.customer.account.set"].create(
                {
                    "code": "OLD",
                    "name": "Archived account",
                    "receivable_account_id": account.id,
                }
            )

    def test_negative_interest_rate_is_refused(self):
        with self.assert_refused_by_database():
            self.env["account.customer.interest.profile"].create(
                {"code": "NEG", "name": "Negative", "annual_rate": -1.0}
            )


@tagged("post_install", "-at_install")
class TestCustomerGroupMembers(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_receivable = cls.receivable.copy(
            {"code": "121500", "name": "Receivable wholesale"}
        )
        cls.other_set = cls.env["account.customer.account.set"].create(
            {
                "code": "WHOLE",
                "name": "Wholesale",
                "receivable_account_id": cls.other_receivable.id,
            }
        )
        cls.interest_std = cls.env["account.customer.interest.profile"].create(
            {
                "code": "STD12",
                "name": "12%",
                "annual_rate": 12.0,
                "grace_days": 10,
                "income_account_id": cls.company_data["default_account_revenue"].id,
            }
        )
        cls.cycle_week = cls.env["account.customer.billing.cycle"].create(
            {"code": "WEEK", "name": "Weekly", "frequency": "weekly"}
        )
        cls.group_whole = cls.create_group(
            "WHL",
            account_set_id=cls.other_set.id,
            interest_profile_id=cls.interest_std.id,
            billing_cycle_id=cls.cycle_week.id,
            payment_term_id=cls.term_30.id,
            account_type="balance_forward",
            print_statements=False,
        )

    def assert_member_of(self, partner, group):
        receivable = group.account_set_id.receivable_account_id
        self.assertRecordValues(
            partner,
            [
                {
                    "customer_group_id": group.id,
                    "property_account_receivable_id": receivable.id,
                    "property_payment_term_id": group.payment_term_id.id,
                    "customer_account_set_id": group.account_set_id.id,
                    "customer_interest_profile_id": group.interest_profile_id.id,
                    "customer_billing_cycle_id": group.billing_cycle_id.id,
                    "customer_account_type": group.account_type,
                    "customer_print_statements": group.print_statements,
                }
            ],
        )

    def test_new_customer_takes_the_group_defaults(self):
        partner = self.env["res.partner"].create(
            {"name": "Reseller", "customer_group_id": self.group_whole.id}
        )
        self.assert_member_of(partner, self.group_whole)

    def test_changing_group_replaces_the_defaults(self):
        partner = self.env["res.partner"].create(
            {"name": "Reseller", "customer_group_id": self.group_dom.id}
        )
        self.assert_member_of(partner, self.group_dom)
        partner.customer_group_id = self.group_whole
        self.assert_member_of(partner, self.group_whole)
        partner.customer_group_id = self.group_dom
        self.assert_member_of(partner, self.group_dom)

    def test_values_given_with_the_group_win(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Reseller",
                "customer_group_id": self.group_whole.id,
                "property_payment_term_id": self.term_immediate.id,
            }
        )
        self.assertRecordValues(
            partner,
            [
                {
                    "property_payment_term_id": self.term_immediate.id,
                    "customer_interest_profile_id": self.interest_std.id,
                }
            ],
        )

    def test_saving_the_same_group_keeps_the_customers_own_values(self):
        partner = self.env["res.partner"].create(
            {"name": "Reseller", "customer_group_id": self.group_whole.id}
        )
        partner.property_payment_term_id = self.term_immediate
        partner.write({"customer_group_id": self.group_whole.id})
        self.assertEqual(partner.property_payment_term_id, self.term_immediate)

    def test_form_applies_the_defaults_when_the_group_is_chosen(self):
        with Form(self.env["res.partner"]) as form:
            form.name = "Form customer"
            form.customer_group_id = self.group_whole
            self.assertEqual(form.property_payment_term_id, self.term_30)
            self.assertEqual(form.customer_interest_profile_id, self.interest_std)
            self.assertEqual(form.customer_account_type, "balance_forward")
        self.assert_member_of(form.record, self.group_whole)

    def test_contacts_follow_their_company(self):
        _company, contact = self.company_with_contact(self.group_whole)
        self.assertRecordValues(
            contact,
            [
                {
                    "customer_group_id": self.group_whole.id,
                    "property_account_receivable_id": self.other_receivable.id,
                }
            ],
        )

    def test_invoice_posts_to_the_group_receivable_account(self):
        partner = self.env["res.partner"].create(
            {"name": "Reseller", "customer_group_id": self.group_whole.id}
        )
        invoice = self.invoice(partner, 100.0)
        receivable_line = invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        self.assertEqual(receivable_line.account_id, self.other_receivable)
        self.assertEqual(invoice.invoice_payment_term_id, self.term_30)

    def test_group_counts_its_members(self):
        partners = self.env["res.partner"].create(
            [
                {"name": f"Member {i}", "customer_group_id": self.group_whole.id}
                for i in range(3)
            ]
        )
        self.assertEqual(self.group_whole.member_count, 3)
        self.assertEqual(self.group_whole.member_ids, partners)
        action = self.group_whole.action_view_members()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), partners)

    def test_last_maintained_is_the_date_of_the_last_change(self):
        self.group_whole.last_maintained = "2020-01-01"
        self.group_whole.name = "Wholesalers"
        self.assertEqual(
            self.group_whole.last_maintained,
            self.group_whole._fields["last_maintained"].context_today(self.group_whole),
        )
