from datetime import timedelta

from odoo import api, models


class StatementCommonWizard(models.AbstractModel):
    _inherit = "statement.common.wizard"

    @api.model
    def default_get(self, fields_list):
        """For customers that share their statement settings and billing cycle (as a
        group's members do), the statement's defaults are theirs: its aging, and
        for an activity statement, the activity since their cycle's last statement
        run. Customers that differ keep OCA's defaults."""
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") != "res.partner":
            return values
        partners = (
            self.env["res.partner"]
            .browse(self.env.context.get("active_ids") or [])
            .commercial_partner_id.filtered("customer_group_id")
        )
        if not partners:
            return values
        aging = set(partners.mapped("customer_statement_aging_type"))
        if "aging_type" in fields_list and len(aging) == 1 and all(aging):
            values["aging_type"] = aging.pop()
        buckets = set(partners.mapped("customer_statement_show_aging_buckets"))
        if "show_aging_buckets" in fields_list and len(buckets) == 1:
            values["show_aging_buckets"] = buckets.pop()
        cycles = partners.customer_billing_cycle_id
        if (
            "date_start" in fields_list
            and len(cycles) == 1
            and all(partners.mapped("customer_billing_cycle_id"))
            and cycles.last_run_date
        ):
            values["date_start"] = cycles.last_run_date + timedelta(days=1)
        return values
