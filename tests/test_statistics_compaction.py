from odoo.tests import tagged

from .common_statistics import StatisticsCommon


@tagged("post_install", "-at_install")
class TestStatisticsCompaction(StatisticsCommon):
    """Postings append rows to a bucket; the page, the analysis and the drift check
    read the bucket as one, before and after its rows are compacted."""

    def row_count(self):
        return self.env["account.customer.statistic"].search_count(
            [("group_id", "=", self.group_dom.id)]
        )

    def page_lines(self, year=2026, period=1):
        return sorted(
            (line["transaction_type"], line["amount_company"], line["count"])
            for line in self.statistics_page(year, period).statistic_line_ids._records
        )

    def test_each_posting_appends_and_the_page_shows_one_line(self):
        self.post_invoice(100.0)
        self.post_invoice(50.0, date="2026-01-20")
        cancelled = self.post_invoice(30.0, date="2026-01-25")
        cancelled.button_draft()
        self.assertEqual(self.row_count(), 4, "three postings and one reset to draft")
        self.assertEqual(self.page_lines(), [("invoice", 150.0, 2)])
        [(amount, count)] = self.env["account.customer.statistic.report"]._read_group(
            [
                ("group_id", "=", self.group_dom.id),
                ("transaction_type", "=", "invoice"),
            ],
            [],
            ["amount_company:sum", "count:sum"],
        )
        self.assertEqual((amount, count), (150.0, 2), "the analysis sums the same")
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def test_compacting_keeps_the_figures_in_one_row_per_bucket(self):
        invoice = self.post_invoice(100.0)
        self.post_invoice(50.0, date="2026-01-20")
        self.pay(invoice, "2026-02-03")
        before = self.all_buckets()
        self.env["account.customer.statistic"]._compact()
        self.assertEqual(self.all_buckets(), before)
        self.assertEqual(self.row_count(), len(before), "one row per bucket")
        self.assertEqual(self.page_lines(), [("invoice", 150.0, 2)])
        self.assertEqual(self.figures(self.group_dom, "invoice", period=2)[2:], (19, 1))
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def test_a_bucket_that_adds_up_to_nothing_goes(self):
        self.post_invoice(100.0)
        cancelled = self.post_invoice(40.0, date="2026-03-05")
        cancelled.button_draft()
        self.env["account.customer.statistic"]._compact()
        self.assertEqual(self.page_lines(period=3), [])
        self.assertEqual(self.row_count(), 1)
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def test_the_cron_job_compacts(self):
        self.post_invoice(100.0)
        self.post_invoice(50.0, date="2026-01-20")
        cron = self.env.ref(
            "account_customer_group.ir_cron_compact_customer_statistics"
        )
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (10, "minutes"))
        cron.ir_actions_server_id.run()
        self.assertEqual(self.row_count(), 1)
        self.assertEqual(self.page_lines(), [("invoice", 150.0, 2)])

    def test_postings_after_a_rebuild_add_to_it(self):
        self.post_invoice(100.0)
        self.group_dom.action_recalculate_statistics()
        self.post_invoice(50.0, date="2026-01-20")
        self.assertEqual(self.page_lines(), [("invoice", 150.0, 2)])
        self.assertEqual(self.group_dom.get_statistics_drift(), [])
