from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.account_customer_group.tests.common_credit import CreditCommon


class SaleCreditCommon(CreditCommon):
    """A group with a 1,000.00 limit and a salesperson selling to its customer."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.quick_ref(
            "sales_team.group_sale_manager"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.check_limits(credit_limit=1000.0)
        cls.company.customer_group_credit_include_pending = True
        cls.salesman = cls.company_user(
            "credit_salesman", "sales_team.group_sale_salesman"
        )

    def order_for(self, partner, amount, quantity=1, confirm=True, **vals):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_a.id,
                            "product_uom_qty": quantity,
                            "price_unit": amount / quantity,
                            "tax_ids": [],
                        }
                    )
                ],
                **vals,
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def user_env(self, user=None):
        """The environment of ``user`` working in its own company."""
        if not user:
            return self.env
        return self.env(
            user=user,
            context={**self.env.context, "allowed_company_ids": user.company_id.ids},
        )

    def outstanding(self, partner, currency=None, user=None):
        """Outstanding of ``partner`` in ``currency`` as its credit summary gives it."""
        partner = partner.with_env(self.user_env(user))
        by_currency = {
            line["currency"]: line["outstanding"]
            for line in partner.get_effective_credit_limits()
        }
        return by_currency[(currency or self.usd).name]

    def quotation_warning(self, partner, amount, user=None, **vals):
        """The banner a user sees while entering a new quotation for ``partner``."""
        with Form(self.user_env(user)["sale.order"]) as form:
            form.partner_id = partner
            for name, value in vals.items():
                setattr(form, name, value)
            with form.order_line.new() as line:
                line.product_id = self.product_a
                line.tax_ids.clear()
                line.price_unit = amount
            warning = form.partner_credit_warning or ""
        form.record.sudo().unlink()
        return warning


@tagged("post_install", "-at_install")
class TestSaleOrderExposure(SaleCreditCommon):
    def test_confirmed_order_counts_only_with_pending_transactions(self):
        self.order_for(self.customer, 1500.0)
        self.assertEqual(self.outstanding(self.customer), 1500.0)
        self.company.customer_group_credit_include_pending = False
        self.assertEqual(self.outstanding(self.customer), 0.0)

    def test_quotations_never_count(self):
        self.order_for(self.customer, 1500.0, confirm=False)
        self.assertEqual(self.outstanding(self.customer), 0.0)

    def test_half_invoiced_order_counts_the_invoiced_half_once(self):
        order = self.order_for(self.customer, 1500.0, quantity=2)
        invoice = order._create_invoices()
        invoice.invoice_line_ids.quantity = 1
        self.assertEqual(invoice.amount_total, 750.0)
        self.assertEqual(self.outstanding(self.customer), 1500.0, "draft invoice")
        invoice.action_post()
        self.assertEqual(self.outstanding(self.customer), 1500.0, "posted invoice")
        self.company.customer_group_credit_include_pending = False
        self.assertEqual(self.outstanding(self.customer), 750.0, "receivable only")

    def test_invoice_from_an_order_counts_once_in_its_own_warning(self):
        order = self.order_for(self.customer, 1500.0, quantity=2)
        invoice = order._create_invoices()
        invoice.invoice_line_ids.quantity = 1
        self.assertEqual(
            invoice.partner_credit_warning,
            self.outstanding_warning("Credit Customer", 1500.0, 1000.0),
        )

    def test_fully_invoiced_and_paid_order_counts_nothing(self):
        order = self.order_for(self.customer, 1500.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(self.outstanding(self.customer), 1500.0)
        self.pay(invoice, self.today)
        self.assertEqual(self.outstanding(self.customer), 0.0)

    def test_orders_of_every_pooled_member_count(self):
        self.usd_line.pooled = True
        other = self.env["res.partner"].create(
            {"name": "Fellow Member", "customer_group_id": self.group.id}
        )
        self.order_for(other, 900.0)
        self.assertEqual(
            self.quotation_warning(self.customer, 300.0),
            f"Credit Customer (group {self.group.display_name}, pooled limit): "
            f"outstanding {self.amount(1200.0)} exceeds the limit "
            f"{self.amount(1000.0)} in USD by {self.amount(200.0)}.",
        )

    def test_orders_of_national_account_members_count(self):
        head = self.env["res.partner"].create(
            {
                "name": "Head Office",
                "is_company": True,
                "customer_group_id": self.group.id,
                "is_national_account": True,
                "customer_credit_limit_ids": [
                    Command.create({"currency_id": self.usd.id, "credit_limit": 2000.0})
                ],
            }
        )
        branch = self.env["res.partner"].create(
            {
                "name": "Branch",
                "is_company": True,
                "customer_group_id": self.group.id,
                "national_account_id": head.id,
            }
        )
        self.order_for(branch, 1800.0)
        self.assertEqual(self.outstanding(head), 1800.0)
        self.assertIn(
            f"outstanding {self.amount(2300.0)} exceeds the limit "
            f"{self.amount(2000.0)} in USD by {self.amount(300.0)}.",
            self.quotation_warning(head, 500.0),
        )

    def test_second_currency_line_applies_to_orders_in_that_currency(self):
        eur = self.setup_other_currency("EUR")
        self.group.credit_limit_ids = [
            Command.create({"currency_id": eur.id, "credit_limit": 500.0})
        ]
        eur_pricelist = self.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": eur.id, "company_id": self.company.id}
        )
        self.order_for(self.customer, 400.0, pricelist_id=eur_pricelist.id)
        self.assertEqual(self.outstanding(self.customer, eur), 400.0)
        self.assertEqual(self.outstanding(self.customer), 0.0)
        self.assertEqual(
            self.quotation_warning(self.customer, 200.0, pricelist_id=eur_pricelist),
            f"Credit Customer: outstanding {self.amount(600.0, eur)} exceeds the "
            f"limit {self.amount(500.0, eur)} in EUR by {self.amount(100.0, eur)}.",
        )
        self.assertEqual(self.quotation_warning(self.customer, 200.0), "")

    def test_a_user_of_another_company_sees_none_of_its_orders(self):
        company_2 = self.setup_other_company(name="Company B")["company"]
        group_2 = self.group_of("DOM", company_2).with_company(company_2)
        group_2.check_credit_limit = True
        group_2.credit_limit_ids.credit_limit = 1000.0
        company_2.customer_group_credit_include_pending = True
        self.customer.with_company(company_2).customer_group_id = group_2
        salesman_2 = self.company_user(
            "credit_salesman_b",
            "sales_team.group_sale_salesman,account.group_account_invoice",
            company_2,
        )
        self.order_for(self.customer, 1500.0)

        self.assertEqual(self.outstanding(self.customer, user=salesman_2), 0.0)
        self.assertEqual(self.quotation_warning(self.customer, 200.0, salesman_2), "")
        self.assertEqual(self.outstanding(self.customer), 1500.0)


@tagged("post_install", "-at_install")
class TestQuotationCreditWarning(SaleCreditCommon):
    def test_new_quotation_shows_the_warning_with_the_amounts(self):
        self.order_for(self.customer, 1500.0)
        self.assertEqual(
            self.quotation_warning(self.customer, 200.0, self.salesman),
            self.outstanding_warning("Credit Customer", 1700.0, 1000.0),
        )

    def test_overdue_rule_on_quotations(self):
        self.check_limits(overdue_limit=100.0, overdue_days=30)
        self.invoice_for(self.customer, 300.0, days_ago=45)
        self.assertIn(
            f"overdue amount {self.amount(300.0)} (30 days and older) exceeds "
            f"{self.amount(100.0)}.",
            self.quotation_warning(self.customer, 10.0),
        )

    def test_within_the_limit_no_warning(self):
        self.assertEqual(self.quotation_warning(self.customer, 900.0), "")

    def test_same_banner_as_odoo_credit_limit(self):
        self.company.account_use_credit_limit = True
        self.customer.credit_limit = 500.0
        warning = self.quotation_warning(self.customer, 1200.0)
        self.assertIn("has reached its credit limit of", warning)
        self.assertIn(f"exceeds the limit {self.amount(1000.0)} in USD", warning)

    def test_quotation_entry_checks_credit_in_two_queries(self):
        """The check runs on every change of a quotation: the rules, then the
        exposure (confirmed orders still to invoice included), one query each."""
        self.order_for(self.customer, 1500.0)
        quotation = self.order_for(self.customer, 200.0, confirm=False)
        # The form has shown the banner once: what it reads is in the caches.
        warning = quotation.partner_credit_warning
        self.assertEqual(
            warning,
            self.outstanding_warning("Credit Customer", 1700.0, 1000.0),
        )
        quotation.invalidate_recordset(["partner_credit_warning"])
        with self.assertQueryCount(2):
            self.assertEqual(quotation.partner_credit_warning, warning)

    def test_confirmed_orders_show_no_warning(self):
        order = self.order_for(self.customer, 1500.0, confirm=False)
        self.assertIn("exceeds the limit", order.partner_credit_warning)
        order.action_confirm()
        self.assertFalse(order.partner_credit_warning)


@tagged("post_install", "-at_install")
class TestSaleCreditBlock(SaleCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.customer_group_credit_block = True

    def salesman_order(self, amount, salesman=None):
        """A quotation of ``salesman``'s own, who may only confirm their own."""
        return self.order_for(
            self.customer,
            amount,
            confirm=False,
            user_id=(salesman or self.salesman).id,
        )

    def test_salesman_cannot_confirm_an_order_past_the_limit(self):
        order = self.salesman_order(1500.0)
        with self.assertRaises(UserError) as refusal:
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(
            str(refusal.exception),
            f"{order.name} cannot be confirmed: its customer is over its credit "
            f"rules.\nCredit Customer: outstanding {self.amount(1500.0)} exceeds the "
            f"limit {self.amount(1000.0)} in USD by {self.amount(500.0)}.\n"
            "Ask an accountant to confirm it, or have the customer pay first.",
        )
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.outstanding(self.customer), 0.0)

    def test_one_order_past_the_limit_stops_them_all(self):
        small, large = self.salesman_order(100.0), self.salesman_order(1500.0)
        with self.assertRaises(UserError):
            (small | large).with_user(self.salesman).action_confirm()
        self.assertEqual((small | large).mapped("state"), ["draft", "draft"])

    def test_accountant_confirms_past_the_limit(self):
        accountant = self.company_user(
            "credit_accountant",
            "sales_team.group_sale_salesman,account.group_account_user",
        )
        order = self.salesman_order(1500.0, accountant)
        order.with_user(accountant).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_salesman_confirms_within_the_limit(self):
        order = self.salesman_order(800.0)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_warning_only_when_blocking_is_off(self):
        self.company.customer_group_credit_block = False
        order = self.salesman_order(1500.0)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
