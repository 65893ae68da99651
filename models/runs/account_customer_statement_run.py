from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .statement_pdf import concatenate_pdfs


class AccountCustomerStatementRun(models.Model):
    """Statements of a billing cycle's or some groups' customers, emailed or printed
    in the background."""

    _name = "account.customer.statement.run"
    _description = "Statement Run"
    _inherit = ("account.customer.run.mixin", "account.customer.statement.mixin")
    # A batch must end well within a worker's real-time limit (120 s by default, 60 s
    # on some servers): Debian's wkhtmltopdf draws one statement per run, 1.2 s each,
    # so 25 statements are half a minute.
    _run_batch_size = 25

    line_ids = fields.One2many(
        "account.customer.statement.run.line", "run_id", string="Customer Lines"
    )
    emailed_count = fields.Integer(
        string="Emailed",
        compute="_compute_delivery_counts",
        help="Statements queued for sending by email.",
    )
    printed_count = fields.Integer(
        string="Printed",
        compute="_compute_delivery_counts",
        help="Statements printed into the run's PDF.",
    )
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="Printed Statements",
        readonly=True,
        copy=False,
        help="The printed statements, one after the other in one PDF.",
    )
    attachment_datas = fields.Binary(
        related="attachment_id.datas", string="PDF", readonly=True
    )
    attachment_name = fields.Char(related="attachment_id.name", readonly=True)

    @api.depends("line_ids.delivery", "line_ids.state")
    def _compute_delivery_counts(self):
        counts = {
            (run.id, delivery): count
            for run, delivery, count in self._line_model()._read_group(
                [("run_id", "in", self.ids), ("state", "=", "done")],
                ["run_id", "delivery"],
                ["__count"],
            )
        }
        for run in self:
            run.emailed_count = counts.get((run.id, "email"), 0)
            run.printed_count = counts.get((run.id, "print"), 0)

    @api.depends("statement_date")
    def _compute_display_name(self):
        for run in self:
            run.display_name = self.env._(
                "Statements at %(date)s",
                date=format_date(self.env, run.statement_date),
            )

    def _check_start(self):
        self._check_statement_partners()

    def _started(self):
        # The cycle's next run is counted from this one.
        for run in self.filtered("billing_cycle_id"):
            run.billing_cycle_id.sudo().last_run_date = run.statement_date

    def _collect_line_values(self):
        candidates = self._statement_partners()
        partners = self._partners_to_state(candidates)
        inactive = self.env._(
            "Nothing open on %(date)s and no transaction since %(start)s.",
            date=format_date(self.env, self.statement_date),
            start=format_date(self.env, self.date_from),
        )
        return [
            {
                "run_id": self.id,
                "partner_id": partner.id,
                **(
                    {}
                    if partner in partners
                    else {"state": "skipped", "error": inactive}
                ),
            }
            for partner in candidates
        ]

    def _statement_data(self):
        return {
            "statement_date": fields.Date.to_string(self.statement_date),
            "date_from": fields.Date.to_string(self.date_from),
            "company_id": self.company_id.id,
        }

    def _render_statements(self, lines, data):
        """``{partner id: PDF}`` of ``lines``' customers; the lines whose statement
        cannot be drawn are marked failed."""
        report = self.env["ir.actions.report"]
        try:
            return report._render_customer_statements(lines.partner_id, data)
        except UserError:
            pdfs = {}
            for line in lines:
                try:
                    pdfs.update(
                        report._render_customer_statements(line.partner_id, data)
                    )
                except UserError as error:
                    line.write({"state": "failed", "error": str(error)})
            return pdfs

    def _process_lines(self, lines):
        data = self._statement_data()
        pdfs = self._render_statements(lines, data)
        template = self.env.ref(
            "account_customer_group.mail_template_customer_statement"
        )
        for line in lines.filtered(lambda line: line.partner_id.id in pdfs):
            partner = line.partner_id.with_company(self.company_id)
            recipient = (
                self._statement_recipient(partner)
                if self.send_by_email
                else partner.browse()
            )
            try:
                # The user may send statements but not edit customers: the
                # statement and its message are kept on the customer as the
                # run's own record, still authored by the user.
                with self.env.cr.savepoint():
                    attachment = (
                        self.env["ir.attachment"]
                        .sudo()
                        .create(
                            {
                                "name": self.env._(
                                    "Statement - %(customer)s - %(date)s.pdf",
                                    customer=partner.name,
                                    date=data["statement_date"],
                                ),
                                "raw": pdfs[partner.id],
                                "mimetype": "application/pdf",
                                "res_model": "res.partner",
                                "res_id": partner.id,
                            }
                        )
                    )
                    if recipient:
                        # Queued: Odoo's mail queue sends it, after this batch
                        # is committed with the line marked done.
                        partner.sudo().message_post_with_source(
                            template,
                            message_type="comment",
                            subtype_xmlid="mail.mt_comment",
                            partner_ids=recipient.ids,
                            attachment_ids=attachment.ids,
                            force_send=False,
                        )
                    else:
                        partner.sudo()._message_log(
                            body=self.env._(
                                "Statement at %(date)s printed.",
                                date=format_date(self.env, self.statement_date),
                            ),
                            attachment_ids=attachment.ids,
                        )
                    line.write(
                        {
                            "state": "done",
                            "delivery": "email" if recipient else "print",
                            "attachment_id": attachment.id,
                        }
                    )
            except UserError as error:
                line.write({"state": "failed", "error": str(error)})

    def _finished(self):
        printed = self.line_ids.filtered(
            lambda line: line.state == "done" and line.delivery == "print"
        )
        if not printed:
            return
        self.attachment_id = self.env["ir.attachment"].create(
            {
                "name": self.env._(
                    "Statements - %(date)s.pdf",
                    date=fields.Date.to_string(self.statement_date),
                ),
                "raw": concatenate_pdfs(printed.attachment_id.mapped("raw")),
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _done_summary(self):
        parts = [
            self.env._("%(count)s statements emailed", count=self.emailed_count),
            self.env._("%(count)s printed", count=self.printed_count),
        ]
        if self.skipped_count:
            parts.append(
                self.env._(
                    "%(count)s skipped (nothing open and no transaction in the period)",
                    count=self.skipped_count,
                )
            )
        if self.failed_count:
            parts.append(self.env._("%(count)s failed", count=self.failed_count))
        return "; ".join(parts) + "."
