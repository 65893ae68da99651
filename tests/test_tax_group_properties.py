from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestTaxGroup(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.export = cls.env["account.fiscal.position"].create(
            {"name": "Export", "company_id": cls.company.id}
        )
        cls.export_tax = cls.env["account.tax"].create(
            {
                "name": "Export 0%",
                "amount": 0.0,
                "company_id": cls.company.id,
                "fiscal_position_ids": [Command.link(cls.export.id)],
                "original_tax_ids": [
                    Command.link(cls.company_data["default_tax_sale"].id)
                ],
            }
        )
        cls.group = cls.create_group("TAX", fiscal_position_id=cls.export.id)

    def test_the_group_shows_the_taxes_its_fiscal_position_maps(self):
        self.assertEqual(self.group.fiscal_position_tax_ids, self.export_tax)
        self.assertEqual(
            self.group.fiscal_position_tax_ids.original_tax_ids,
            self.company_data["default_tax_sale"],
        )

    def test_members_get_the_group_fiscal_position(self):
        customer = self.env["res.partner"].create(
            {"name": "Exporter", "customer_group_id": self.group.id}
        )
        self.assertEqual(customer.property_account_position_id, self.export)
        moved = self.env["res.partner"].create(
            {"name": "Mover", "customer_group_id": self.group_dom.id}
        )
        moved.customer_group_id = self.group
        self.assertEqual(moved.property_account_position_id, self.export)

    def test_invoices_of_members_map_the_taxes(self):
        customer = self.env["res.partner"].create(
            {"name": "Taxed Exporter", "customer_group_id": self.group.id}
        )
        move = self._create_invoice_one_line(
            price_unit=100.0,
            partner_id=customer,
            tax_ids=self.company_data["default_tax_sale"].ids,
            post=False,
        )
        self.assertEqual(move.fiscal_position_id, self.export)
        self.assertEqual(
            move.fiscal_position_id.map_tax(self.company_data["default_tax_sale"]),
            self.export_tax,
        )

    def test_a_member_may_change_to_another_fiscal_position_of_the_company(self):
        customer = self.env["res.partner"].create(
            {"name": "Domestic Again", "customer_group_id": self.group.id}
        )
        local = self.env["account.fiscal.position"].create(
            {"name": "Local", "company_id": self.company.id}
        )
        customer.property_account_position_id = local
        self.assertEqual(customer.property_account_position_id, local)

    def test_a_member_cannot_use_a_fiscal_position_of_another_company(self):
        other_company = self.setup_other_company(name="Other Tax Company")["company"]
        foreign = self.env["account.fiscal.position"].create(
            {"name": "Foreign", "company_id": other_company.id}
        )
        customer = self.env["res.partner"].create(
            {"name": "Strict Member", "customer_group_id": self.group.id}
        )
        with self.assertRaisesRegex(UserError, "compan"):
            customer.write({"property_account_position_id": foreign.id})
        with self.assertRaisesRegex(UserError, "compan"):
            self.env["res.partner"].create(
                {
                    "name": "RPC Member",
                    "customer_group_id": self.group.id,
                    "property_account_position_id": foreign.id,
                }
            )


@tagged("post_install", "-at_install")
class TestOptionalFields(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_a = cls.create_group(
            "OPTA",
            customer_properties_definition=[
                {"name": "region", "type": "char", "string": "Region"}
            ],
        )
        cls.group_b = cls.create_group(
            "OPTB",
            customer_properties_definition=[
                {"name": "vip", "type": "boolean", "string": "VIP"}
            ],
        )

    def property_names(self, partner):
        [values] = partner.read(["customer_group_properties"])
        return [prop["name"] for prop in values["customer_group_properties"]]

    def test_two_groups_define_different_fields(self):
        first = self.env["res.partner"].create(
            {"name": "In A", "customer_group_id": self.group_a.id}
        )
        second = self.env["res.partner"].create(
            {"name": "In B", "customer_group_id": self.group_b.id}
        )
        self.assertEqual(self.property_names(first), ["region"])
        self.assertEqual(self.property_names(second), ["vip"])
        self.assertIn("Region", self.group_a.customer_properties_summary)
        self.assertNotIn("Region", self.group_b.customer_properties_summary)

    def test_values_survive_a_save(self):
        customer = self.env["res.partner"].create(
            {"name": "Saved", "customer_group_id": self.group_a.id}
        )
        with Form(customer) as form:
            form.name = "Saved Again"
        customer.customer_group_properties = {"region": "North"}
        customer.invalidate_recordset()
        self.assertEqual(customer.customer_group_properties, {"region": "North"})
        customer.write({"name": "Renamed"})
        customer.invalidate_recordset()
        self.assertEqual(customer.customer_group_properties, {"region": "North"})

    def test_moving_a_customer_shows_the_new_group_fields(self):
        customer = self.env["res.partner"].create(
            {
                "name": "Mover",
                "customer_group_id": self.group_a.id,
                "customer_group_properties": {"region": "South"},
            }
        )
        customer.customer_group_id = self.group_b
        customer.invalidate_recordset()
        self.assertEqual(self.property_names(customer), ["vip"])
        customer.customer_group_properties = {"vip": True}
        customer.invalidate_recordset()
        self.assertEqual(customer.customer_group_properties, {"vip": True})
