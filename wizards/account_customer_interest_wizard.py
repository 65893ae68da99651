from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class AccountCustomerInterestWizard(models.TransientModel):
    _name = "account.customer.interest.wizard"
    _description = "Charge Interest"
    _inherit = "account.customer.interest.mixin"

    line_ids = fields.One2many(
        "account.customer.interest.wizard.line",
        "wizard_id",
        string="Preview",
        readonly=True,
    )
    previewed = fields.Boolean(readonly=True)
    preview_total = fields.Char(
        compute="_compute_preview_total",
        string="Total",
        help="Interest to invoice, per currency.",
    )

    @api.depends("line_ids.amount")
    def _compute_preview_total(self):
        for wizard in self:
            totals = defaultdict(float)
            for line in wizard.line_ids:
                totals[line.currency_id] += line.amount
            wizard.preview_total = (
                " + ".join(
                    currency.format(amount) for currency, amount in totals.items()
                )
                or False
            )

    def action_preview(self):
        self.ensure_one()
        self.line_ids = [Command.clear()] + [
            Command.create(vals) for vals in self._compute_charges()
        ]
        self.previewed = True
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Charge Interest"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_create_invoices(self):
        self.ensure_one()
        if self.previewed and not self.line_ids:
            raise UserError(
                self.env._(
                    "No customer owes interest on %(date)s: nothing is overdue beyond "
                    "the grace days, every day up to this date has been charged "
                    "already, or the amounts are below the profiles' minimum charge.",
                    date=self.run_date,
                )
            )
        run = self.env["account.customer.interest.run"].create(
            {
                "company_id": self.company_id.id,
                "run_date": self.run_date,
                "customer_group_ids": [Command.set(self.customer_group_ids.ids)],
                "partner_ids": [Command.set(self.partner_ids.ids)],
                "billing_cycle_id": self.billing_cycle_id.id,
                "post_invoices": self.post_invoices,
            }
        )
        run.action_start()
        return run._get_records_action(name=self.env._("Interest Run"))


class AccountCustomerInterestWizardLine(models.TransientModel):
    _name = "account.customer.interest.wizard.line"
    _description = "Charge Interest: Preview Line"
    _inherit = "account.customer.typed.values.mixin"
    _order = "partner_id, currency_id, date_from, id"

    wizard_id = fields.Many2one(
        "account.customer.interest.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    profile_id = fields.Many2one(
        "account.customer.interest.profile", string="Interest Profile", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    source_line_id = fields.Many2one("account.move.line", readonly=True)
    source_move_id = fields.Many2one(
        related="source_line_id.move_id",
        string="Document",
        help="Overdue document charged.",
    )
    open_amount = fields.Monetary(
        readonly=True, help="Amount still due on the document."
    )
    date_from = fields.Date(string="From", readonly=True)
    date_to = fields.Date(string="To", readonly=True)
    days = fields.Integer(readonly=True, help="Days of interest charged.")
    amount = fields.Monetary(string="Interest", readonly=True)
