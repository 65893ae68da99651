import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_date


class AccountCustomerStatementMixin(models.AbstractModel):
    """Who gets a statement at a date: what the Print Statements wizard counts and
    the statement runs send."""

    _name = "account.customer.statement.mixin"
    _inherit = "account.customer.run.wizard.mixin"
    _description = "Customer Statement Selection"

    company_id = fields.Many2one(
        help="Company whose customers get statements.",
    )
    billing_cycle_id = fields.Many2one(
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
        help="Print only for the customers of these groups. Leave empty for every "
        "group.",
    )
    send_by_email = fields.Boolean(
        string="Email Statements",
        help="Email each customer its statement, to its invoicing address or else "
        "its own email, and print only the statements of customers without one. "
        "Each customer's chatter keeps the mail or a note of the print.",
    )
    skip_inactive = fields.Boolean(
        string="Skip Customers Without Balance or Activity",
        default=True,
        help="Leave out the customers that have nothing open on the statement date "
        "and no transaction in the period, as Sage leaves out zero-balance "
        "statements.",
    )

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

    def _partners_to_state(self, partners):
        """Those of ``partners`` that get a statement: with the skip option, the ones
        with something open on the statement date or a transaction in the period."""
        if not self.skip_inactive or not partners or not self.statement_date:
            return partners
        period = Domain("date", "<=", self.statement_date)
        if self.date_from:
            period &= Domain("date", ">=", self.date_from)
        open_on_date = Domain(
            [
                ("date", "<=", self.statement_date),
                ("reconciled", "=", False),
                ("amount_residual", "!=", 0),
            ]
        )
        MoveLine = self.env["account.move.line"]
        active = MoveLine._read_group(
            MoveLine._customer_receivable_domain(self.company_id)
            & Domain("partner_id", "in", partners.ids)
            & (period | open_on_date),
            ["partner_id"],
        )
        return partners & partners.browse([partner.id for (partner,) in active])

    def _statement_partners(self):
        """Customers set to receive statements that match the cycle and groups."""
        self.ensure_one()
        if not self.company_id:
            return self.env["res.partner"]
        # Contact persons share their company's group and account: the statement
        # goes to the company.
        domain = Domain(
            [
                ("customer_print_statements", "=", True),
                ("customer_group_id", "!=", False),
            ]
        ) & (Domain("is_company", "=", True) | Domain("parent_id", "=", False))
        if self.billing_cycle_id:
            domain &= Domain("customer_billing_cycle_id", "=", self.billing_cycle_id.id)
        if self.customer_group_ids:
            domain &= Domain("customer_group_id", "in", self.customer_group_ids.ids)
        return (
            self.env["res.partner"]
            .with_company(self.company_id)
            .search(domain, order="name")
        )

    def _check_statement_partners(self):
        """``(candidates, partners)``: the customers the filters select and those
        of them that get a statement; refuse a selection with nobody to state."""
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
        candidates = self._statement_partners()
        if not candidates:
            raise UserError(
                self.env._(
                    "No customer of this billing cycle and these groups has 'Print "
                    "Statements' on. Turn it on for the customers or their group, or "
                    "change the filters."
                )
            )
        partners = self._partners_to_state(candidates)
        if not partners:
            raise UserError(
                self.env._(
                    "None of the %(count)s customers has anything open on "
                    "%(date)s or a transaction since %(start)s: there is no "
                    "statement to send. Untick 'Skip Customers Without Balance or "
                    "Activity' to send them all the same.",
                    count=len(candidates),
                    date=format_date(self.env, self.statement_date),
                    start=format_date(self.env, self.date_from),
                )
            )
        return candidates, partners

    @api.model
    def _statement_recipient(self, partner):
        """Contact to email the statement to: the invoicing address if it has an
        email, else the customer itself if it has one, else nobody."""
        invoice = partner.browse(partner.address_get(["invoice"])["invoice"])
        return next((c for c in (invoice, partner) if c.email), partner.browse())
