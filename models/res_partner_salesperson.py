from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    customer_salesperson_ids = fields.One2many(
        "account.customer.group.salesperson",
        "partner_id",
        string="Salesperson Split",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Salespersons sharing this customer's sales, up to five, adding up to "
        "100%. Copied from the customer group on joining it, until edited here.",
    )
    customer_salesperson_edited = fields.Boolean(
        string="Own Salesperson Split",
        company_dependent=True,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="The customer's salesperson lines were edited: joining another group "
        "keeps them.",
    )

    def _customer_salesperson_lines(self):
        """This customer's salesperson lines in the current company."""
        self.ensure_one()
        return self.customer_salesperson_ids.filtered(
            lambda line: line.company_id == self.env.company
        )

    def _check_salesperson_split(self):
        splits = self.env["account.customer.group.salesperson"]
        for partner in self:
            splits._check_split(
                partner._customer_salesperson_lines(), partner.display_name
            )

    def _set_user_from_salespersons(self):
        """Odoo's salesperson of a customer is the first line of its split."""
        for partner in self:
            first = partner._customer_salesperson_lines()[:1]
            if first and partner.user_id != first.user_id:
                partner.user_id = first.user_id

    def _apply_group_salespersons(self, group):
        """A customer joining ``group`` takes its salesperson lines, unless it has its
        own.

        Contacts follow their company into the group but are never invoiced on
        their own account, so only commercial partners get lines.
        """
        partners = self.with_company(group.company_id).filtered(
            lambda partner: (
                partner.commercial_partner_id == partner
                and not partner.customer_salesperson_edited
            )
        )
        if not partners or not group.salesperson_ids:
            return
        lines = (
            self.env["account.customer.group.salesperson"]
            .sudo()
            .with_context(salesperson_split_checked_by_owner=True)
        )
        lines.search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", group.company_id.id),
            ]
        ).unlink()
        lines.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": group.company_id.id,
                    "sequence": line.sequence,
                    "user_id": line.user_id.id,
                    "percent": line.percent,
                }
                for partner in partners
                for line in group.salesperson_ids
            ]
        )
        partners.with_context(salesperson_split_checked_by_owner=True).write(
            {"user_id": group.salesperson_ids[0].user_id.id}
        )
