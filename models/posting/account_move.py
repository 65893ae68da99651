from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    customer_group_id = fields.Many2one(
        "account.customer.group",
        string="Customer Group at Posting",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Group of the customer when the document was posted. Statistics count the "
        "document under this group, so moving the customer to another group leaves its "
        "history in place.",
    )

    @api.model
    def _get_customer_invoice_types(self):
        """The customer documents that raise what a customer owes: invoices (debit
        notes included) and sales receipts, i.e. the inbound sale documents."""
        inbound = self.get_inbound_types(include_receipts=True)
        return [
            move_type
            for move_type in self.get_sale_types(include_receipts=True)
            if move_type in inbound
        ]

    def write(self, vals):
        if vals.get("state") != "posted" or "customer_group_id" in vals:
            return super().write(vals)
        # The group is recorded by the very UPDATE that posts the documents: one more
        # UPDATE would leave one more version of each posted row, which every sequence
        # lookup of the next postings in the same transaction would have to scan.
        moves_by_stamp = defaultdict(list)
        for move, group in self._customer_groups_now().items():
            if (
                group
                and not group.active
                and move.is_sale_document(include_receipts=True)
            ):
                move._raise_archived_customer_group(group)
            moves_by_stamp[group.id if group is not None else None].append(move.id)
        for group_id, move_ids in moves_by_stamp.items():
            stamp = {} if group_id is None else {"customer_group_id": group_id}
            super(AccountMove, self.browse(move_ids)).write({**vals, **stamp})
        return True

    def _customer_groups_now(self):
        """The current customer group of each move's customer, by move.

        None for the moves that are no customer documents; an empty recordset for those
        whose customer is in no group.
        """
        groups = {}
        # The documents recorded under their customer's group when posted.
        customer_types = [*self.get_sale_types(include_receipts=True), "entry"]
        for company, moves in self.grouped("company_id").items():
            for move in moves.with_company(company):
                if move.move_type not in customer_types:
                    groups[move] = None
                    continue
                # A manual entry names its customer on the receivable lines only.
                partner = (
                    move.commercial_partner_id
                    or move.line_ids.filtered(
                        lambda line: line.account_type == "asset_receivable"
                    )
                    .partner_id[:1]
                    .commercial_partner_id
                )
                groups[move] = partner.customer_group_id
        return groups

    def _raise_archived_customer_group(self, group):
        """Sage: no new transactions for the customers of an inactive group."""
        raise UserError(
            self.env._(
                "%(move)s cannot be posted: its customer %(partner)s belongs to the "
                "archived customer group %(group)s. Move the customer to an active "
                "group, or restore the group.",
                move=self.display_name,
                partner=self.commercial_partner_id.display_name,
                group=group.display_name,
            )
        )
