from odoo import api, fields, models


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

    # Lines written through a customer's one2many are checked by the customer once
    # all its commands are applied.
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "customer_salesperson_ids" in vals:
                vals["customer_salesperson_edited"] = True
        partners = super(
            ResPartner, self.with_context(salesperson_split_checked_by_owner=True)
        ).create(vals_list)
        # The lines are the customer's to check from now on: the records returned
        # must not carry the context that skips it.
        return self.browse(partners.ids)

    def write(self, vals):
        if "customer_salesperson_ids" in vals:
            vals = {**vals, "customer_salesperson_edited": True}
        super(
            ResPartner, self.with_context(salesperson_split_checked_by_owner=True)
        ).write(vals)
        if "customer_salesperson_ids" in vals:
            self._check_salesperson_split()
            if "user_id" not in vals:
                self._set_user_from_salespersons()
        return True

    def _customer_group_created(self, vals_list):
        # The group's defaults are in vals_list: its first salesperson is the user_id
        # of a customer created with a group, unless the caller gave one.
        for vals, partner in zip(vals_list, self, strict=True):
            if "customer_salesperson_ids" in vals:
                partner._check_salesperson_split()
                if "user_id" not in vals:
                    partner._set_user_from_salespersons()
            elif vals.get("customer_group_id"):
                partner._apply_group_salespersons(
                    self.env["account.customer.group"].browse(vals["customer_group_id"])
                )
        return super()._customer_group_created(vals_list)

    def _customer_group_joined(self, group, vals):
        if "customer_salesperson_ids" not in vals:
            self._apply_group_salespersons(group)
            # A customer that keeps its own split keeps its own salesperson too.
            self.filtered("customer_salesperson_edited")._set_user_from_salespersons()
        return super()._customer_group_joined(group, vals)

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
