import io
import logging
from itertools import pairwise

import lxml.html

from odoo import models, modules
from odoo.tools import config, split_every
from odoo.tools.pdf import ArrayObject, NameObject, PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _wkhtml

_logger = logging.getLogger(__name__)

STATEMENT_REPORT = "account_customer_group.report_customer_statement"
# Each statement rendered with others starts with a link to this address and the
# customer's id: wkhtmltopdf keeps links in the PDF whatever its build, so the pages
# between two of them are one customer's. The reserved .invalid domain resolves
# nowhere.
SPLIT_MARKER = "https://acg-split.invalid/"
# A wkhtmltopdf run costs about a second before its first page: the more statements
# it renders the cheaper each, while a batch stays a few seconds long.
STATEMENTS_PER_RUN = 50


def draws_headers():
    """Whether this server's wkhtmltopdf draws the page headers: Debian's build
    (unpatched Qt) ignores them, and the sender would then be missing."""
    return _wkhtml().is_patched_qt


def marker_id(annotation):
    """The customer id of a split marker, None for any other annotation."""
    uri = str(annotation.get_object().get("/A", {}).get("/URI", ""))
    return int(uri[len(SPLIT_MARKER) :]) if uri.startswith(SPLIT_MARKER) else None


def split_marker_ids(page):
    """The customer ids of the split markers on a PDF page, in their order."""
    ids = (marker_id(annotation) for annotation in page.get("/Annots") or [])
    return [partner_id for partner_id in ids if partner_id is not None]


def without_split_markers(page):
    """The page without its split markers, links the customer has no use for."""
    annotations = [
        annotation
        for annotation in page.get("/Annots") or []
        if marker_id(annotation) is None
    ]
    if annotations:
        page[NameObject("/Annots")] = ArrayObject(annotations)
    elif "/Annots" in page:
        del page["/Annots"]
    return page


def split_statements(pdf, partner_ids):
    """``{partner id: PDF stream}`` from one PDF of the statements of
    ``partner_ids`` in this order, or the reason it cannot be split safely."""
    reader = PdfFileReader(io.BytesIO(pdf))
    starts = [
        (partner_id, index)
        for index, page in enumerate(reader.pages)
        for partner_id in split_marker_ids(page)
    ]
    if [partner_id for partner_id, _index in starts] != list(partner_ids):
        return None, f"markers {starts} for customers {list(partner_ids)}"
    pages = [index for _partner_id, index in starts]
    if pages[0] != 0 or any(later <= earlier for earlier, later in pairwise(pages)):
        return None, f"statements starting on pages {pages}"
    streams = {}
    for (partner_id, first), last in zip(
        starts, pages[1:] + [len(reader.pages)], strict=True
    ):
        writer = PdfFileWriter()
        for index in range(first, last):
            writer.add_page(without_split_markers(reader.pages[index]))
        stream = io.BytesIO()
        writer.write(stream)
        streams[partner_id] = stream
    return streams, None


def one_body(bodies, partner_ids):
    """The report bodies (one HTML document per statement) as one document, each
    statement on new pages and starting with its split marker: Debian's wkhtmltopdf
    renders a single document per run."""
    document = None
    for body, partner_id in zip(bodies, partner_ids, strict=True):
        root = lxml.html.document_fromstring(body)
        article = root.find_class("article")[0]
        # A block of no height, kept on the statement's first page.
        marker = lxml.html.Element(
            "a",
            href=f"{SPLIT_MARKER}{partner_id}",
            style="display: block; width: 1px; height: 1px; margin-bottom: -1px;",
        )
        article.insert(0, marker)
        if document is None:
            document = root
            continue
        style = article.get("style", "")
        article.set("style", f"page-break-before: always; {style}".strip())
        document.body.append(article)
    return lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


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
        if (
            len(partner_ids) <= 1
            or draws_headers()
            or self.get_wkhtmltopdf_state() == "install"
        ):
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=partner_ids or None
            )
        streams = {}
        for batch in split_every(STATEMENTS_PER_RUN, partner_ids, list):
            together = self._render_statements_in_one_run(report_ref, data, batch)
            if together is not None:
                streams.update(together)
                continue
            for partner_id in batch:
                streams.update(
                    super()._render_qweb_pdf_prepare_streams(
                        report_ref, dict(data), res_ids=[partner_id]
                    )
                )
        return streams

    def _render_statements_in_one_run(self, report_ref, data, partner_ids):
        """The statements of ``partner_ids`` by one run of Debian's wkhtmltopdf,
        split per customer by their markers; None where the split cannot be
        trusted."""
        data = {**data, "report_type": "pdf", "debug": False}
        report = self._get_report(report_ref).with_context(debug=False)
        html = self.with_context(debug=False)._render_qweb_html(
            report_ref, partner_ids, data=data
        )[0]
        bodies, html_ids, header, footer, paperformat_args = report._prepare_html(
            html, report_model=report.model
        )
        if html_ids != list(partner_ids):
            streams, failure = None, f"documents {html_ids} for {list(partner_ids)}"
        else:
            pdf = self._run_wkhtmltopdf(
                [one_body(bodies, partner_ids)],
                report_ref=report_ref,
                header=header,
                footer=footer,
                landscape=self.env.context.get("landscape"),
                specific_paperformat_args=paperformat_args,
                set_viewport_size=self.env.context.get("set_viewport_size"),
            )
            streams, failure = split_statements(pdf, partner_ids)
        if streams is None:
            _logger.warning(
                "Statements rendered one customer per wkhtmltopdf run: their PDF "
                "could not be split per customer (%s).",
                failure,
            )
            return None
        return {
            partner_id: {"stream": stream, "attachment": None}
            for partner_id, stream in streams.items()
        }

    def _render_customer_statements(self, partners, data):
        """Each customer's statement as a PDF of its own, ``{partner id: bytes}``,
        for the statement runs to email and to merge into the run's PDF; many
        customers per wkhtmltopdf run."""
        data = {**data, "report_type": "pdf"}
        # As _render_qweb_pdf does, tests get the HTML unless they ask for the PDF.
        if (
            modules.module.current_test or config["test_enable"]
        ) and not self.env.context.get("force_report_rendering"):
            return {
                partner.id: self._render_qweb_html(
                    STATEMENT_REPORT, partner.ids, data=dict(data)
                )[0]
                for partner in partners
            }
        streams = self.with_context(webp_as_jpg=True)._render_qweb_pdf_prepare_streams(
            STATEMENT_REPORT, data, res_ids=partners.ids
        )
        pdfs = {}
        for partner in partners:
            # Odoo's own split (patched wkhtmltopdf) may give the whole PDF only.
            stream = (
                streams.get(partner.id, {}).get("stream")
                or (
                    self._render_qweb_pdf_prepare_streams(
                        STATEMENT_REPORT, dict(data), res_ids=partner.ids
                    )[partner.id]["stream"]
                )
            )
            pdfs[partner.id] = stream.getvalue()
        return pdfs
