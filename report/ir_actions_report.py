from odoo import models

from odoo.addons.base.models.ir_actions_report import _wkhtml

STATEMENT_REPORT = "account_customer_group.report_customer_statement"


def draws_headers():
    """Whether this server's wkhtmltopdf draws the page headers: Debian's build
    (unpatched Qt) ignores them, and the sender would then be missing."""
    return _wkhtml().is_patched_qt


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        if self._get_report(report_ref).report_name != STATEMENT_REPORT:
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=res_ids
            )
        # A statement run passes its customers in the data (the web client sends
        # either record ids or data, not both).
        data = dict(data or {})
        partner_ids = res_ids or data.pop("partner_ids", None) or []
        if len(partner_ids) <= 1 or draws_headers():
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=partner_ids or None
            )
        # An unpatched wkhtmltopdf refuses several documents in one run: one run per
        # customer, merged afterwards by _render_qweb_pdf.
        streams = {}
        for partner_id in partner_ids:
            streams.update(
                super()._render_qweb_pdf_prepare_streams(
                    report_ref, dict(data), res_ids=[partner_id]
                )
            )
        return streams

    def _render_customer_statements(self, partners, data):
        """Each customer's statement as a PDF of its own, ``{partner id: bytes}``,
        for the statement runs to email and to merge into the run's PDF."""
        return {
            partner.id: self._render_qweb_pdf(
                STATEMENT_REPORT, partner.ids, data=dict(data)
            )[0]
            for partner in partners
        }
