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
    skip_inactive = fields.Boolean(
        string="Skip Customers Without Balance or Activity",
        default=True,
        help="Leave out the customers that have nothing open on the statement date "
        "and no transaction in the period, as Sage leaves out zero-balance "
        "statements.",
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
        active = self.env["account.move.line"]._read_group(
            Domain(
                [
                    ("company_id", "=", self.company_id.id),
                    ("account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("partner_id", "in", partners.ids),
                ]
            )
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
        summary = self._run_summary(
            emailed=len(partners) - len(to_print),
            printed=len(to_print),
            skipped=len(candidates) - len(partners),
        )
        if not to_print:
            return success_notification(summary)
        # The PDF downloads and the wizard closes: the user hears the counts too.
        self.env.user._bus_send(
            "simple_notification",
            {"type": "info", "title": self.env._("Statements"), "message": summary},
        )
        action = self.env.ref(
            "account_customer_group.action_report_customer_statement"
        ).report_action(to_print, data={**data, "partner_ids": to_print.ids})
        if action.get("type") == "ir.actions.report":
            action["close_on_report_download"] = True
        return action

    def _run_summary(self, emailed, printed, skipped):
        """What a run did, as the user is told."""
        parts = [
            self.env._("%(count)s statements emailed", count=emailed),
            self.env._(
                "%(count)s printed (no email address, or emailing not asked)",
                count=printed,
            ),
        ]
        if skipped:
            parts.append(
                self.env._(
                    "%(count)s skipped (nothing open and no transaction in the period)",
                    count=skipped,
                )
            )
        return "; ".join(parts) + "."

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
