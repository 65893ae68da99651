from odoo import api, models


class AccountCustomerStatisticRuleMixin(models.AbstractModel):
    """A setting the statistics sort postings by: an interest profile's journal makes
    its invoices interest charges, an account set's payment discount account makes
    payment lines discounts. Changing one sorts the documents posted before anew, so
    the statistics of the companies concerned are rebuilt from the ledger, as when
    their periods change; otherwise they would keep counting the old way what a
    rebuild counts the new way."""

    _name = "account.customer.statistic.rule.mixin"
    _description = "Setting the Customer Group Statistics Depend On"

    # Fields of the model whose value the statistics queries read.
    _statistic_rule_fields = ()

    def _statistic_rule_values(self):
        return {
            record.id: tuple(record[name] for name in self._statistic_rule_fields)
            for record in self
        }

    def _rebuild_statistics(self):
        companies = self.company_id
        if companies:
            self.env["account.customer.statistic"].sudo()._rebuild(companies)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered(
            lambda record: any(record[name] for name in self._statistic_rule_fields)
        )._rebuild_statistics()
        return records

    def write(self, vals):
        if not set(self._statistic_rule_fields) & set(vals):
            return super().write(vals)
        before = self._statistic_rule_values()
        result = super().write(vals)
        after = self._statistic_rule_values()
        self.filtered(
            lambda record: before[record.id] != after[record.id]
        )._rebuild_statistics()
        return result

    def unlink(self):
        concerned = self.filtered(
            lambda record: any(record[name] for name in self._statistic_rule_fields)
        )
        companies = concerned.company_id
        result = super().unlink()
        if companies:
            self.env["account.customer.statistic"].sudo()._rebuild(companies)
        return result
