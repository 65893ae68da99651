from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...rules import periods
from ..mixins.account_customer_typed_values_mixin import check_value_kinds
from .account_customer_statistic import TRANSACTION_TYPES


class AccountCustomerStatisticAdjustment(models.Model):
    """Figures entered by hand on a group's statistics (Sage's "Allow edit of
    statistics").

    They are kept apart from the figures computed from the ledger, so recalculating the
    statistics never erases them; the group form and the analysis show both.
    """

    _name = "account.customer.statistic.adjustment"
    _description = "Customer Group Statistic Adjustment"
    _inherit = "account.customer.typed.values.mixin"
    _order = "year desc, period desc, group_id, transaction_type"
    _check_company_auto = True

    group_id = fields.Many2one(
        "account.customer.group",
        string="Customer Group",
        required=True,
        ondelete="cascade",
        check_company=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="group_id.company_id", store=True, precompute=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    year = fields.Integer(
        required=True,
        aggregator=None,
        help="Statistics year, named after the year it ends in.",
    )
    period = fields.Integer(
        required=True, aggregator=None, help="Period of the year, from 1."
    )
    transaction_type = fields.Selection(
        TRANSACTION_TYPES, required=True, default="invoice"
    )
    amount = fields.Monetary(
        help="Amount added to the computed figure, in company currency."
    )
    count = fields.Integer(help="Number of documents added to the computed figure.")
    days_to_pay_total = fields.Integer(
        string="Total Days to Pay",
        help="Days to pay added to the period's computed total.",
    )
    paid_count = fields.Integer(
        string="Invoices Paid", help="Paid invoices added to the computed count."
    )
    note = fields.Char(
        help="Why the figures were adjusted, e.g. history brought over from the old "
        "system."
    )

    @api.constrains("year", "period", "company_id")
    def _check_period(self):
        for adjustment in self:
            company = adjustment.company_id
            count = periods.statistics_period_count(
                adjustment.year, *company._customer_statistics_period_settings()
            )
            if not 1 <= adjustment.period <= count:
                raise ValidationError(
                    self.env._(
                        "Period %(period)s does not exist: with the company's "
                        "statistics settings, year %(year)s has periods 1 to "
                        "%(count)s.",
                        period=adjustment.period,
                        year=adjustment.year,
                        count=count,
                    )
                )

    def _check_edit_allowed(self, companies):
        refused = companies.filtered(
            lambda company: not company.customer_statistics_allow_edit
        )
        if refused:
            raise UserError(
                self.env._(
                    "Statistics cannot be edited in %(company)s. An administrator can "
                    "allow it in Accounting settings, under Customer Group Statistics "
                    "> Allow Edit of Statistics.",
                    company=refused[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_value_kinds(self, vals)
        groups = self.env["account.customer.group"].browse(
            [vals["group_id"] for vals in vals_list if vals.get("group_id")]
        )
        self._check_edit_allowed(groups.company_id)
        return super().create(vals_list)

    def write(self, vals):
        self._check_edit_allowed(self.company_id)
        result = super().write(vals)
        self._check_edit_allowed(self.company_id)
        return result

    def unlink(self):
        self._check_edit_allowed(self.company_id)
        return super().unlink()
