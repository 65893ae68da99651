from odoo import api, fields, models
from odoo.fields import Command


class AccountCustomerStatementWizard(models.TransientModel):
    _name = "account.customer.statement.wizard"
    _description = "Print Customer Statements"
    _inherit = "account.customer.statement.mixin"

    partner_count = fields.Integer(
        string="Customers",
        compute="_compute_partner_count",
        help="Companies and individuals that get a statement; their contact persons "
        "do not count.",
    )
    email_count = fields.Integer(
        string="By Email",
        compute="_compute_partner_count",
        help="Customers of the run that get their statement by email.",
    )
    skipped_count = fields.Integer(
        string="Skipped",
        compute="_compute_partner_count",
        help="Customers left out: nothing open on the statement date and no "
        "transaction in the period.",
    )

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

    @api.depends(
        "billing_cycle_id",
        "customer_group_ids",
        "company_id",
        "skip_inactive",
        "statement_date",
        "date_from",
    )
    def _compute_partner_count(self):
        for wizard in self:
            candidates = wizard._statement_partners()
            partners = wizard._partners_to_state(candidates)
            wizard.partner_count = len(partners)
            wizard.skipped_count = len(candidates) - len(partners)
            wizard.email_count = len(partners.filtered(wizard._statement_recipient))

    def action_print(self):
        self.ensure_one()
        self._check_statement_partners()
        run = self.env["account.customer.statement.run"].create(
            {
                "company_id": self.company_id.id,
                "billing_cycle_id": self.billing_cycle_id.id,
                "customer_group_ids": [Command.set(self.customer_group_ids.ids)],
                "statement_date": self.statement_date,
                "date_from": self.date_from,
                "send_by_email": self.send_by_email,
                "skip_inactive": self.skip_inactive,
            }
        )
        run.action_start()
        return run._get_records_action(name=self.env._("Statement Run"))
