from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...rules import splits


class AccountCustomerGroupSalesperson(models.Model):
    """A salesperson's share of a customer group's or a customer's sales.

    A line belongs either to a customer group (the defaults of its members) or
    to a customer. The lines of one owner are validated together: at most
    five, each share above zero, each user once, 100% in total.
    """

    _name = "account.customer.group.salesperson"
    _inherit = "account.customer.owned.line.mixin"
    _description = "Customer Salesperson Share"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        ondelete="restrict",
        domain=[("share", "=", False)],
        help="Internal user credited with this share of the customer's sales.",
    )
    percent = fields.Float(
        string="Share (%)",
        digits=(5, 2),
        required=True,
        help="Percentage of the sales credited to this salesperson; the lines add up "
        "to 100.",
    )

    _one_owner = models.Constraint(
        "CHECK((group_id IS NULL) != (partner_id IS NULL))",
        "A salesperson line belongs either to a customer group or to a customer.",
    )

    @api.constrains("user_id")
    def _check_internal_user(self):
        for line in self:
            if line.user_id.share:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a portal user and cannot be a salesperson. Choose "
                        "an internal user.",
                        user=line.user_id.display_name,
                    )
                )

    # Lines written through their owner's one2many are checked by the owner once
    # all its commands are applied (a form moves shares between lines one command
    # at a time); lines written on their own, over RPC say, are checked here.
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_owner_splits(lines.group_id, lines.partner_id, lines.company_id)
        return lines

    def write(self, vals):
        groups, partners, companies = self.group_id, self.partner_id, self.company_id
        result = super().write(vals)
        self._check_owner_splits(
            groups | self.group_id,
            partners | self.partner_id,
            companies | self.company_id,
        )
        return result

    def unlink(self):
        groups, partners, companies = self.group_id, self.partner_id, self.company_id
        result = super().unlink()
        self._check_owner_splits(groups.exists(), partners.exists(), companies)
        return result

    def _check_owner_splits(self, groups, partners, companies):
        if self.env.context.get("salesperson_split_checked_by_owner"):
            return
        groups._check_salesperson_split()
        for company in companies:
            company_partners = partners.with_company(company)
            company_partners._check_salesperson_split()
            # Lines edited one by one are the customer's own split all the same.
            company_partners.filtered(
                lambda partner: not partner.customer_salesperson_edited
            ).with_context(
                salesperson_split_checked_by_owner=True
            ).customer_salesperson_edited = True

    @api.model
    def _check_split(self, lines, owner_name):
        """Raise a clear error when ``lines`` (one owner's) are not a valid split."""
        problem = splits.salesperson_split_problem(
            [(line.user_id.id, line.percent) for line in lines]
        )
        if not problem:
            return
        if problem == splits.SPLIT_TOO_MANY:
            reason = self.env._(
                "it has %(count)s salesperson lines, and at most %(max)s are allowed. "
                "Remove a line.",
                count=len(lines),
                max=splits.MAX_SALESPERSONS,
            )
        elif problem == splits.SPLIT_NOT_POSITIVE:
            reason = self.env._(
                "the share of %(user)s is %(percent)s%%: every share must be above "
                "zero. Remove the line or give it a positive share.",
                user=lines.filtered(lambda line: round(line.percent, 2) <= 0)[
                    :1
                ].user_id.display_name,
                percent=lines.filtered(lambda line: round(line.percent, 2) <= 0)[
                    :1
                ].percent,
            )
        elif problem == splits.SPLIT_DUPLICATE_USER:
            seen = set()
            duplicate = next(
                line.user_id
                for line in lines
                if line.user_id in seen or seen.add(line.user_id)
            )
            reason = self.env._(
                "%(user)s appears on more than one line. Keep one line per "
                "salesperson.",
                user=duplicate.display_name,
            )
        else:
            reason = self.env._(
                "the shares add up to %(total)s%%, not 100%%. Adjust the shares so "
                "they total exactly 100.",
                total=round(sum(lines.mapped("percent")), 2),
            )
        raise ValidationError(
            self.env._(
                "Salesperson split of %(owner)s: %(reason)s",
                owner=owner_name,
                reason=reason,
            )
        )
