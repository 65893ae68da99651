from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class AccountCustomerGroupReportFilterMixin(models.AbstractModel):
    """A customer group filter for OCA's report wizards that filter partners: the
    report covers the customers the chosen groups have now, as the partner filter
    does, beside the partners chosen one by one."""

    _name = "account.customer.group.report.filter.mixin"
    _description = "Customer Group Filter of a Financial Report"

    customer_group_ids = fields.Many2many(
        "account.customer.group",
        # Each wizard names a table of its own; this name only has to be valid.
        relation="account_customer_group_report_filter_rel",
        string="Filter customer groups",
        domain="[('company_id', '=', company_id)]",
        help="Report only on the customers of these groups (their current group). "
        "With partners chosen too, only those of them that are in the groups. Leave "
        "empty for every customer.",
    )

    def _customer_group_partner_ids(self, partner_ids):
        """The partner ids the report is filtered on: ``partner_ids`` (empty for
        all) narrowed to the members of the chosen groups."""
        if not self.customer_group_ids:
            return partner_ids
        domain = Domain("customer_group_id", "in", self.customer_group_ids.ids)
        if partner_ids:
            domain &= Domain("id", "in", partner_ids)
        members = (
            self.env["res.partner"]
            .with_company(self.company_id)
            .with_context(active_test=False)
            .search(domain)
        )
        if not members:
            # OCA's reports read an empty partner filter as "every partner".
            raise UserError(
                self.env._(
                    "No customer of %(company)s is in the groups %(groups)s%(among)s. "
                    "Choose other groups, or clear the group filter to report on "
                    "every customer.",
                    company=self.company_id.display_name,
                    groups=", ".join(self.customer_group_ids.mapped("display_name")),
                    among=self.env._(" among the chosen partners")
                    if partner_ids
                    else "",
                )
            )
        return members.ids
