import base64
import io

import xlsxwriter

from odoo import fields, models
from odoo.tools import format_date

from ..report.account_customer_aging_report import AGING_BASES

AGING_REPORT_ACTION = "account_customer_group.action_report_customer_aging"


class AccountCustomerAgingWizard(models.TransientModel):
    _name = "account.customer.aging.wizard"
    _description = "Aged Receivables at a Date"
    _inherit = "account.customer.company.wizard.mixin"

    company_id = fields.Many2one(help="Company whose receivables are aged.")
    aging_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="What was open on this date, aged to it: reconciliations dated after it "
        "are left out.",
    )
    aging_basis = fields.Selection(
        AGING_BASES,
        string="Age By",
        required=True,
        default="due",
        help="Age the items by the days past their due date, or past their document "
        "date.",
    )
    customer_group_ids = fields.Many2many(
        "account.customer.group",
        string="Customer Groups",
        check_company=True,
        default=lambda self: self._default_customer_groups(),
        help="Only the documents posted under these groups. Leave empty for all.",
    )
    xlsx_file = fields.Binary(string="XLSX", readonly=True, attachment=False)
    xlsx_filename = fields.Char(readonly=True)

    def _default_customer_groups(self):
        """The groups the wizard was opened from, in their list or form."""
        if self.env.context.get("active_model") != "account.customer.group":
            return self.env["account.customer.group"]
        return self.env["account.customer.group"].browse(
            self.env.context.get("active_ids") or []
        )

    def _aging_context(self):
        self.ensure_one()
        return {
            "aging_date": fields.Date.to_string(self.aging_date),
            "aging_basis": self.aging_basis,
        }

    def _title(self):
        return self.env._(
            "Aged Receivables at %(date)s by %(basis)s",
            date=format_date(self.env, self.aging_date),
            basis=dict(self._fields["aging_basis"]._description_selection(self.env))[
                self.aging_basis
            ].lower(),
        )

    def action_open_analysis(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_customer_group.action_account_customer_aging_report"
        )
        domain = [("company_id", "=", self.company_id.id)]
        if self.customer_group_ids:
            domain.append(("customer_group_id", "in", self.customer_group_ids.ids))
        action.update(
            name=self._title(),
            domain=domain,
            context=self._aging_context(),
            target="main",
        )
        return action

    def _aged_receivables(self):
        return (
            self.env["account.customer.aging.report"]
            .with_company(self.company_id)
            .with_context(**self._aging_context())
            ._aged_receivables(self.company_id, self.customer_group_ids)
        )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(AGING_REPORT_ACTION).report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        self.write(
            {
                "xlsx_file": base64.b64encode(self._xlsx()),
                "xlsx_filename": f"{self._title()}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}&field=xlsx_file"
            "&filename_field=xlsx_filename&download=true",
            "target": "self",
        }

    def _xlsx(self):
        """The aged receivables as a workbook: a summary sheet of the groups and
        their customers by aging period, and a sheet of every open item."""
        aged = self._aged_receivables()
        buckets = aged["buckets"]
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        money_format = "#,##0.{}".format("0" * aged["currency"].decimal_places)
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "head": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "group": workbook.add_format({"bold": True, "bg_color": "#F2F2F2"}),
            "group_money": workbook.add_format(
                {"bold": True, "bg_color": "#F2F2F2", "num_format": money_format}
            ),
            "money": workbook.add_format({"num_format": money_format}),
            "total": workbook.add_format(
                {"bold": True, "top": 2, "num_format": money_format}
            ),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        }
        header = [
            self._title(),
            f"{aged['company'].display_name} ({aged['currency'].name})",
        ]

        summary = workbook.add_worksheet(self.env._("Summary"))
        summary.write(0, 0, header[0], styles["title"])
        summary.write(1, 0, header[1])
        columns = [
            self.env._("Customer Group / Customer"),
            *(label for _bucket, label in buckets),
            self.env._("Total"),
        ]
        summary.write_row(3, 0, columns, styles["head"])
        summary.set_column(0, 0, 40)
        summary.set_column(1, len(columns) - 1, 15)
        summary.freeze_panes(4, 1)
        row = 4
        for group in aged["groups"]:
            summary.write(row, 0, group["name"], styles["group"])
            for col, (bucket, _label) in enumerate(buckets, start=1):
                summary.write(row, col, group["totals"][bucket], styles["group_money"])
            summary.write(row, len(columns) - 1, group["total"], styles["group_money"])
            row += 1
            for customer in group["customers"]:
                summary.write(row, 0, customer["name"])
                for col, (bucket, _label) in enumerate(buckets, start=1):
                    summary.write(row, col, customer["totals"][bucket], styles["money"])
                summary.write(row, len(columns) - 1, customer["total"], styles["money"])
                summary.set_row(row, None, None, {"level": 1})
                row += 1
        summary.write(row, 0, self.env._("Total"), styles["total"])
        for col, (bucket, _label) in enumerate(buckets, start=1):
            summary.write(row, col, aged["totals"][bucket], styles["total"])
        summary.write(row, len(columns) - 1, aged["total"], styles["total"])

        items = workbook.add_worksheet(self.env._("Open Items"))
        items.write(0, 0, header[0], styles["title"])
        items.write(1, 0, header[1])
        columns = [
            self.env._("Customer Group"),
            self.env._("Customer"),
            self.env._("Document"),
            self.env._("Date"),
            self.env._("Due Date"),
            self.env._("Days Overdue"),
            self.env._("Aging Period"),
            self.env._("Currency"),
            self.env._("Open Amount in Currency"),
            self.env._("Open Amount"),
        ]
        items.write_row(3, 0, columns, styles["head"])
        items.set_column(0, 2, 25)
        items.set_column(3, 4, 12)
        items.set_column(5, len(columns) - 1, 15)
        items.freeze_panes(4, 0)
        labels = dict(buckets)
        row = 4
        for group in aged["groups"]:
            for customer in group["customers"]:
                for item in customer["items"]:
                    items.write(row, 0, group["name"])
                    items.write(row, 1, customer["name"])
                    items.write(row, 2, item.move_id.display_name)
                    items.write_datetime(
                        row, 3, fields.Datetime.to_datetime(item.date), styles["date"]
                    )
                    if item.date_maturity:
                        items.write_datetime(
                            row,
                            4,
                            fields.Datetime.to_datetime(item.date_maturity),
                            styles["date"],
                        )
                    items.write(row, 5, item.days_overdue)
                    items.write(row, 6, labels[item.aging_bucket])
                    items.write(row, 7, item.currency_id.name)
                    items.write(row, 8, item.residual_currency, styles["money"])
                    items.write(row, 9, item.residual, styles["money"])
                    row += 1
        items.autofilter(3, 0, max(row - 1, 3), len(columns) - 1)
        items.write(row, len(columns) - 2, self.env._("Total"), styles["total"])
        items.write(row, len(columns) - 1, aged["total"], styles["total"])
        workbook.close()
        return output.getvalue()
