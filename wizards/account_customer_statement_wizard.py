import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import format_date

from ..models.actions import success_notification
from ..report.ir_actions_report import STATEMENT_REPORT


class AccountCustomerStatementWizard(models.TransientModel):
    _name = "account.customer.statement.wizard"
    _description = "Print Customer Statements"
    _inherit = "account.customer.run.wizard.mixin"

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
            partners = wizard._statement_partners()
            wizard.partner_count = len(partners)
            wizard.email_count = len(partners.filtered(wizard._statement_recipient))

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
        data = {
            "statement_date": fields.Date.to_string(self.statement_date),
            "date_from": fields.Date.to_string(self.date_from),
            "company_id": self.company_id.id,
        }
        to_print = partners
        if self.send_by_email:
            to_print = self._email_statements(partners, data)
        to_print._message_log_batch(
            dict.fromkeys(
                to_print.ids,
                self.env._(
                    "Statement at %(date)s printed.",
                    date=format_date(self.env, self.statement_date),
                ),
            )
        )
        if not to_print:
            return success_notification(
                self.env._(
                    "%(count)s statements emailed; none left to print.",
                    count=len(partners),
                )
            )
        action = self.env.ref(
            "account_customer_group.action_report_customer_statement"
        ).report_action(to_print, data={**data, "partner_ids": to_print.ids})
        if action.get("type") == "ir.actions.report":
            action["close_on_report_download"] = True
        return action

    @api.model
    def _statement_recipient(self, partner):
        """Contact to email the statement to: the invoicing address if it has an
        email, else the customer itself if it has one, else nobody."""
        invoice = partner.browse(partner.address_get(["invoice"])["invoice"])
        return next((c for c in (invoice, partner) if c.email), partner.browse())

    def _email_statements(self, partners, data):
        """Email each customer that has an address its statement; return the
        customers left to print."""
        template = self.env.ref(
            "account_customer_group.mail_template_customer_statement"
        )
        report = self.env["ir.actions.report"]
        to_print = partners.browse()
        for partner in partners:
            recipient = self._statement_recipient(partner)
            if not recipient:
                to_print |= partner
                continue
            content, _kind = report._render_qweb_pdf(
                STATEMENT_REPORT, partner.ids, data=dict(data)
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": self.env._(
                        "Statement - %(customer)s - %(date)s.pdf",
                        customer=partner.name,
                        date=data["statement_date"],
                    ),
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": "res.partner",
                    "res_id": partner.id,
                }
            )
            partner.with_company(self.company_id).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=recipient.ids,
                attachment_ids=attachment.ids,
            )
        return to_print
