from odoo.tests import Form, tagged

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestGroupForms(CustomerGroupCommon):
    """What the group and customer forms show, as an accountant reads them."""

    def test_fields_both_group_and_customer_leave_empty_read_inherited(self):
        group = self.create_group("BARE", billing_cycle_id=False)
        self.assertFalse(group.fiscal_position_id or group.user_id)
        customer = self.env["res.partner"].create(
            {"name": "Bare Customer", "is_company": True, "customer_group_id": group.id}
        )
        customer.user_id = False
        self.assertNotIn("Overridden", customer.customer_group_inheritance)
        # A value of the customer's own still reads overridden.
        customer.customer_billing_cycle_id = self.cycle_month
        self.assertIn("Overridden", customer.customer_group_inheritance)

    def test_a_new_credit_line_is_in_the_company_currency(self):
        form = Form(self.create_group("CUR"))
        form.credit_limit_ids.remove(0)
        with form.credit_limit_ids.new() as line:
            self.assertEqual(line.currency_id, self.company.currency_id)
            line.credit_limit = 1000.0
        form.save()
        self.assertEqual(form.record.credit_limit_ids.credit_limit, 1000.0)

    def test_customer_count_is_of_companies_and_individuals(self):
        group = self.create_group("CNT")
        company, individual = self.env["res.partner"].create(
            [
                {"name": "Counted Company", "is_company": True},
                {"name": "Counted Individual"},
            ]
        )
        (company | individual).customer_group_id = group
        self.env["res.partner"].create(
            [{"name": f"Contact {n}", "parent_id": company.id} for n in range(3)]
        )
        self.assertEqual(group.member_count, 2)
        members = self.env["res.partner"].search(group.action_view_members()["domain"])
        self.assertEqual(members, company | individual)
