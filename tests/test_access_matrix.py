from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerGroupCommon

READ = "read"
ALL = "read,write,create,unlink"

# What each role may do on every model of the module. A new model must be added
# here: the test fails for a model it does not know, so no model ships unchecked.
ACCESS = {
    "account.customer.group": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.account.set": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.billing.cycle": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.interest.profile": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.credit.limit": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.group.salesperson": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    # Written at posting as superuser; billing users post invoices but only read the
    # splits.
    "account.move.salesperson.split": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    # Computed figures are written by SQL only; nobody edits them through the ORM.
    "account.customer.statistic": {
        "clerk": READ,
        "readonly": READ,
        "accountant": READ,
        "manager": READ,
    },
    "account.customer.statistic.adjustment": {
        "clerk": READ,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.statistic.report": {
        "clerk": READ,
        "readonly": READ,
        "accountant": READ,
        "manager": READ,
    },
    "account.customer.aging.movement": {
        "clerk": READ,
        "readonly": READ,
        "accountant": READ,
        "manager": READ,
    },
    "account.customer.aging.report": {
        "clerk": READ,
        "readonly": READ,
        "accountant": READ,
        "manager": READ,
    },
    # Wizards: billing users run them; read-only accountants may only look.
    "account.customer.interest.wizard": {
        "clerk": ALL,
        "readonly": "",
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.interest.wizard.line": {
        "clerk": ALL,
        "readonly": "",
        "accountant": ALL,
        "manager": ALL,
    },
    # The roll-down rewrites members: accountants and billing administrators only.
    "account.customer.group.rolldown": {
        "clerk": "",
        "readonly": "",
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.group.rolldown.line": {
        "clerk": "",
        "readonly": "",
        "accountant": ALL,
        "manager": ALL,
    },
    # Assigning groups rewrites customers: accountants and billing administrators.
    "account.customer.group.assign": {
        "clerk": "",
        "readonly": "",
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.group.assign.line": {
        "clerk": "",
        "readonly": "",
        "accountant": ALL,
        "manager": ALL,
    },
    # Ages the receivables, prints and exports them: it changes nothing, so
    # read-only accountants run it too.
    "account.customer.aging.wizard": {
        "clerk": ALL,
        "readonly": ALL,
        "accountant": ALL,
        "manager": ALL,
    },
    "account.customer.statement.wizard": {
        "clerk": ALL,
        "readonly": READ,
        "accountant": ALL,
        "manager": ALL,
    },
    # Runs: billing users start them (over RPC too); read-only accountants follow
    # them.
    **{
        model: {"clerk": ALL, "readonly": READ, "accountant": ALL, "manager": ALL}
        for model in (
            "account.customer.statement.run",
            "account.customer.statement.run.line",
            "account.customer.interest.run",
            "account.customer.interest.run.line",
        )
    },
}
ROLES = {
    "clerk": "account.group_account_invoice",
    "readonly": "account.group_account_readonly",
    "accountant": "account.group_account_user",
    "manager": "account.group_account_manager",
}
OPERATIONS = ("read", "write", "create", "unlink")


@tagged("post_install", "-at_install")
class TestAccessMatrix(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: cls.company_user(f"matrix_{role}", group)
            for role, group in ROLES.items()
        }
        cls.company_b = cls.setup_other_company(name="Matrix Company B")["company"]
        cls.manager_b = cls.company_user(
            "matrix_manager_b", "account.group_account_manager", cls.company_b
        )
        # Records of company A in every model that stores any: a posted invoice feeds
        # the statistics and records the group's salesperson split.
        cls.group_dom.salesperson_ids = [
            Command.create({"user_id": cls.env.user.id, "percent": 100.0})
        ]
        customer = cls.env["res.partner"].create(
            {"name": "Matrix customer", "customer_group_id": cls.group_dom.id}
        )
        cls._create_invoice_one_line(
            price_unit=100.0, partner_id=customer, tax_ids=[], post=True
        )
        cls.company.customer_statistics_allow_edit = True
        cls.env["account.customer.statistic.adjustment"].create(
            {
                "group_id": cls.group_dom.id,
                "year": 2026,
                "period": 1,
                "transaction_type": "invoice",
                "amount": 5.0,
            }
        )

    def module_models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith(("account.customer.", "account.move.salesperson."))
            and not model._abstract
        )

    def test_every_model_is_in_the_matrix(self):
        self.assertEqual(self.module_models(), sorted(ACCESS))

    def test_each_role_has_exactly_its_rights(self):
        for model in self.module_models():
            for role, user in self.users.items():
                allowed = set(filter(None, ACCESS[model][role].split(",")))
                for operation in OPERATIONS:
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            self.env[model].with_user(user).has_access(operation),
                            operation in allowed,
                        )

    def test_a_user_of_another_company_sees_nothing_of_company_a(self):
        checked = []
        for model in self.module_models():
            Model = self.env[model]
            if Model._transient or "company_id" not in Model._fields:
                continue
            records_a = Model.sudo().search(
                [("company_id", "=", self.company.id)], limit=1
            )
            if not records_a:
                continue
            checked.append(model)
            with self.subTest(model=model):
                self.assertFalse(
                    Model.with_user(self.manager_b).search(
                        [("company_id", "=", self.company.id)]
                    )
                )
                with self.assertRaises(AccessError):
                    records_a.with_user(self.manager_b).read(["company_id"])
        self.assertGreaterEqual(len(checked), 8, checked)
