from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...rules import aging


def _aging_period_fields():
    """The last day past due of each aging period, Sage's four aging periods."""
    return {
        f"customer_aging_period_{number}": fields.Integer(
            string=f"Aging Period {number}",
            default=last,
            required=True,
            help="Last day past due (or past the document date) of this period of "
            "the aged receivables.",
        )
        for number, last in enumerate(aging.AGING_PERIODS, start=1)
    }


AGING_PERIOD_FIELDS = [
    f"customer_aging_period_{number}"
    for number in range(1, len(aging.AGING_PERIODS) + 1)
]


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    locals().update(_aging_period_fields())

    def _customer_aging_periods(self):
        self.ensure_one()
        return tuple(self[name] for name in AGING_PERIOD_FIELDS)

    @api.constrains(*AGING_PERIOD_FIELDS)
    def _check_customer_aging_periods(self):
        for company in self:
            try:
                aging.check_aging_periods(company._customer_aging_periods())
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "The aging periods of %(company)s must end on increasing "
                        "numbers of days, the first one at least 1: %(periods)s.",
                        company=company.display_name,
                        periods=", ".join(map(str, company._customer_aging_periods())),
                    )
                ) from None
