import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain


class AccountCustomerStatementWizard(models.TransientModel):
    _name = "account.customer.statement.wizard"
    _description = "Print Customer Statements"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Company whose customers get statements.",
    )
    billing_cycle_id = fields.Many2one(
        "account.customer.billing.cycle",
        check_company=True,
        help="Print the statements of this cycle's customers; its last run date "
        "becomes the statement date. Leave empty to print for the chosen groups "
        "whatever their cycle.",
    )
    statement_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Date the statements are drawn up at.",
    )
    date_from = fields.Date(
        string="Period Start",
        compute="_compute_date_from",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Balance-forward customers see their balance on this date brought "
        "forward, then the documents since. By default the day after the cycle's last "
        "run, or the first day of the statement month.",
    )
    customer_group_ids = fields.Many2many(
        "account.customer.group",
        string="Customer Groups",
        check_company=True,
        help="Print only for the customers of these groups. Leave empty for every "
        "group.",
    )
    partner_count = fields.Integer(string="Customers", compute="_compute_partner_count")

    @api.model
    def default_get(self, fields):
        values = super().default_get(fields)
        # Opened from the customer groups' Action menu: print for the selected groups.
        context = self.env.context
        if (
            context.get("active_model") == "account.customer.group"
            and "customer_group_ids" in fields
        ):
            values["customer_group_ids"] = [Command.set(context.get("active_ids", []))]
        return values

    @api.depends("billing_cycle_id", "statement_date")
    def _compute_date_from(self):
        for wizard in self:
            last_run = wizard.billing_cycle_id.last_run_date
            if last_run and wizard.statement_date and last_run < wizard.statement_date:
                wizard.date_from = last_run + datetime.timedelta(days=1)
            elif wizard.statement_date:
                wizard.date_from = wizard.statement_date.replace(day=1)
            else:
                wizard.date_from = False

    @api.depends("billing_cycle_id", "customer_group_ids", "company_id")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard._statement_partners())

    def _statement_partners(self):
        """Customers set to receive statements that match the cycle and groups."""
        self.ensure_one()
        if not self.company_id:
            return self.env["res.partner"]
        domain = Domain(
            [
                ("customer_print_statements", "=", True),
                ("customer_group_id", "!=", False),
            ]
        )
        if self.billing_cycle_id:
            domain &= Domain("customer_billing_cycle_id", "=", self.billing_cycle_id.id)
        if self.customer_group_ids:
            domain &= Domain("customer_group_id", "in", self.customer_group_ids.ids)
        return (
            self.env["res.partner"]
            .with_company(self.company_id)
            .search(domain, order="name")
        )

    def action_print(self):
        self.ensure_one()
        if not self.billing_cycle_id and not self.customer_group_ids:
            raise UserError(
                self.env._(
                    "Choose a billing cycle or at least one customer group to print "
                    "statements for."
                )
            )
        if self.date_from > self.statement_date:
            raise UserError(
                self.env._(
                    "The period start (%(start)s) is after the statement date "
                    "(%(end)s). Choose an earlier period start.",
                    start=self.date_from,
                    end=self.statement_date,
                )
            )
        partners = self._statement_partners()
        if not partners:
            raise UserError(
                self.env._(
                    "No customer of this billing cycle and these groups has 'Print "
                    "Statements' on. Turn it on for the customers or their group, or "
                    "change the filters."
                )
            )
        if self.billing_cycle_id:
            self.billing_cycle_id.last_run_date = self.statement_date
        return self.env.ref(
            "account_customer_group.action_report_customer_statement"
        ).report_action(
            partners,
            data={
                "statement_date": fields.Date.to_string(self.statement_date),
                "date_from": fields.Date.to_string(self.date_from),
                "company_id": self.company_id.id,
            },
        )
