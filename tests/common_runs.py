import io
from contextlib import contextmanager
from unittest.mock import patch

from reportlab.pdfgen import canvas

from odoo.addons.account_customer_group.report.ir_actions_report import (
    IrActionsReport,
)


def statement_pdf(partner):
    """A one-page PDF naming ``partner``, standing for its statement."""
    stream = io.BytesIO()
    page = canvas.Canvas(stream, pageCompression=0)
    page.drawString(72, 720, f"Statement of Account: {partner.name}")
    page.showPage()
    page.save()
    return stream.getvalue()


@contextmanager
def statements_drawn_simply():
    """The statement runs get a small PDF per customer instead of the report:
    outside wkhtmltopdf, the test mode renders reports as HTML, which cannot be
    merged into the run's PDF."""
    with patch.object(
        IrActionsReport,
        "_render_customer_statements",
        lambda self, partners, data: {p.id: statement_pdf(p) for p in partners},
    ):
        yield


def process_runs(env, batches=None):
    """Process the running statement and interest runs as their cron does, its
    commits between batches left to the test's transaction; with ``batches``, stop
    after that many, as a worker killed after committing them."""
    Run = env["account.customer.statement.run"]
    with patch.object(env.cr, "commit"):
        if batches is None:
            Run._cron_process_runs()
            return
        for _batch in range(batches):
            run = Run._next_running_run()
            if run:
                run._process_batch()
