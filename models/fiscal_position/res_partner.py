from odoo import api, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._check_fiscal_position_company()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if {"property_account_position_id", "customer_group_id"} & set(vals):
            self._check_fiscal_position_company()
        return result

    def _check_fiscal_position_company(self):
        """Members of a group only use fiscal positions of the group's company."""
        for partner in self.filtered("customer_group_id"):
            position = partner.property_account_position_id
            company = partner.customer_group_id.company_id
            if (
                position
                and position.company_id
                and position.company_id not in company.parent_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot use the fiscal position %(position)s of "
                        "%(other)s: as a member of the customer group %(group)s it may "
                        "only use a fiscal position of %(company)s.",
                        partner=partner.display_name,
                        position=position.display_name,
                        other=position.company_id.display_name,
                        group=partner.customer_group_id.display_name,
                        company=company.display_name,
                    )
                )
