from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import splits as split_rules


class AccountMove(models.Model):
    _inherit = "account.move"

    salesperson_split_ids = fields.One2many(
        "account.move.salesperson.split",
        "move_id",
        readonly=True,
        help="How the invoice's untaxed amount is shared between salespersons, as the "
        "customer's split stood when the invoice was posted.",
    )

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

    # Credit checks that count pending transactions sum a customer's drafts on every
    # document entered; drafts are few, posted documents many.
    _customer_draft_idx = models.Index("(commercial_partner_id) WHERE state = 'draft'")

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

    def _post(self, soft=True):
        self._check_customer_group_credit_block()
        posted = super()._post(soft=soft)
        self.env["account.customer.statistic"]._apply_contributions(posted, 1)
        posted._record_salesperson_split()
        return posted

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

    def button_draft(self):
        self.env["account.customer.statistic"]._apply_contributions(
            self.filtered(lambda move: move.state == "posted"), -1
        )
        result = super().button_draft()
        self.salesperson_split_ids.sudo().unlink()
        return result

    def _record_salesperson_split(self):
        """Freeze the customer's salesperson split (or its group's) on posted customer
        documents.

        Written as superuser: posting is open to billing users, who only read the
        splits.
        """
        splits = self.env["account.move.salesperson.split"].sudo()
        moves = self.filtered(
            lambda m: m.is_sale_document(include_receipts=True) and m.partner_id
        )
        moves.salesperson_split_ids.sudo().unlink()
        if not (
            moves.commercial_partner_id.sudo().customer_salesperson_ids
            or moves.customer_group_id.sudo().salesperson_ids
        ):
            # Most customers share no sales: spare them the loop over the documents.
            return
        vals_list = []
        for company, company_moves in moves.grouped("company_id").items():
            for move in company_moves.with_company(company).sudo():
                group = move.customer_group_id
                lines = (
                    move.commercial_partner_id._customer_salesperson_lines()
                    or group.salesperson_ids
                )
                if not lines:
                    continue
                amounts = split_rules.split_amount(
                    move.amount_untaxed_signed,
                    lines.mapped("percent"),
                    move.company_currency_id.rounding,
                )
                vals_list += [
                    {
                        "move_id": move.id,
                        "sequence": index,
                        "user_id": line.user_id.id,
                        "percent": line.percent,
                        "amount": amount,
                        "customer_group_id": group.id,
                    }
                    for index, (line, amount) in enumerate(
                        zip(lines, amounts, strict=True)
                    )
                ]
        splits.create(vals_list)

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

    def _customer_group_credit_warning(self):
        """The customer group's credit warning for this document, or ''."""
        self.ensure_one()
        if (
            self.state != "draft"
            or self.move_type not in self._get_customer_invoice_types()
            or not self.partner_id
        ):
            return ""
        # The totals the form shows follow every line as it is typed; the stored
        # amounts only follow the journal items, which a new invoice gets on save.
        amount = (self.tax_totals or {}).get("total_amount_currency", 0.0)
        return self.commercial_partner_id._get_credit_warning(
            self.company_id,
            self.currency_id,
            amount=amount,
            exclude_move=self._origin,
        )

    # A compute method returns nothing; pylint-odoo expects super()'s result to be
    # passed on.
    def _compute_partner_credit_warning(self):  # pylint: disable=missing-return
        # Same banner as Odoo's own credit limit: the group's rules add lines to it.
        super()._compute_partner_credit_warning()
        for move in self:
            warning = move._customer_group_credit_warning()
            if warning:
                move.partner_credit_warning = "\n".join(
                    filter(None, [move.partner_credit_warning, warning])
                )

    def _check_customer_group_credit_block(self):
        """Where the company blocks instead of warning, only accountants may post
        past a limit."""
        if self.env.su or self.env.user.has_group("account.group_account_user"):
            # Posting done by the system itself (automatic posting, online payments)
            # has no one to warn and must not stall.
            return
        for move in self.filtered(lambda m: m.company_id.customer_group_credit_block):
            warning = move._customer_group_credit_warning()
            if warning:
                raise UserError(
                    self.env._(
                        "%(move)s cannot be posted: its customer is over its credit "
                        "rules.\n%(warning)s\n"
                        "Ask an accountant to post it, or have the customer pay first.",
                        move=move.display_name,
                        warning=warning,
                    )
                )
