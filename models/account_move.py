from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from . import ar_rules

# The documents that raise what a customer owes: invoices, debit notes, receipts.
_CREDIT_INCREASING_TYPES = ("out_invoice", "out_receipt")


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
        help="Group of the customer when the document was posted. Statistics count the document "
        "under this group, so moving the customer to another group leaves its history in place.",
    )

    def _post(self, soft=True):
        self._check_customer_group_active()
        self._check_customer_group_credit_block()
        posted = super()._post(soft=soft)
        posted._stamp_customer_group()
        self.env["account.customer.statistic"]._apply_contributions(posted, 1)
        posted._record_salesperson_split()
        return posted

    def button_draft(self):
        self.env["account.customer.statistic"]._apply_contributions(
            self.filtered(lambda move: move.state == "posted"), -1
        )
        result = super().button_draft()
        self.salesperson_split_ids.sudo().unlink()
        return result

    def _record_salesperson_split(self):
        """Freeze the customer's salesperson split (or its group's) on posted customer documents.

        Written as superuser: posting is open to billing users, who only read the splits.
        """
        splits = self.env["account.move.salesperson.split"].sudo()
        moves = self.filtered(lambda m: m.is_sale_document(include_receipts=True) and m.partner_id)
        moves.salesperson_split_ids.sudo().unlink()
        vals_list = []
        for move in moves:
            partner = move.commercial_partner_id.with_company(move.company_id).sudo()
            group = move.customer_group_id or partner.customer_group_id
            lines = partner._customer_salesperson_lines() or group.salesperson_ids
            if not lines:
                continue
            amounts = ar_rules.split_amount(
                move.amount_untaxed_signed, lines.mapped("percent"), move.company_currency_id.rounding
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
                for index, (line, amount) in enumerate(zip(lines, amounts))
            ]
        splits.create(vals_list)

    def _check_customer_group_active(self):
        """Sage: no new transactions for the customers of an inactive group."""
        for move in self.filtered(lambda m: m.is_sale_document(include_receipts=True) and m.partner_id):
            group = move.commercial_partner_id.with_company(move.company_id).customer_group_id
            if group and not group.active:
                raise UserError(
                    self.env._(
                        "%(move)s cannot be posted: its customer %(partner)s belongs to the archived "
                        "customer group %(group)s. Move the customer to an active group, or restore "
                        "the group.",
                        move=move.display_name,
                        partner=move.commercial_partner_id.display_name,
                        group=group.display_name,
                    )
                )

    def _customer_group_credit_warning(self):
        """The customer group's credit warning for this document, or ''."""
        self.ensure_one()
        if self.state != "draft" or self.move_type not in _CREDIT_INCREASING_TYPES or not self.partner_id:
            return ""
        return self.commercial_partner_id._get_credit_warning(
            self.company_id,
            self.currency_id,
            amount=self.amount_total_in_currency_signed,
            exclude_move=self._origin,
        )

    # A compute method returns nothing; pylint-odoo expects super()'s result to be passed on.
    def _compute_partner_credit_warning(self):  # pylint: disable=missing-return
        # Same banner as Odoo's own credit limit: the group's rules add their lines to it.
        super()._compute_partner_credit_warning()
        for move in self:
            warning = move._customer_group_credit_warning()
            if warning:
                move.partner_credit_warning = "\n".join(filter(None, [move.partner_credit_warning, warning]))

    def _check_customer_group_credit_block(self):
        """Where the company blocks instead of warning, only accountants may post past a limit."""
        if self.env.su or self.env.user.has_group("account.group_account_user"):
            # Posting done by the system itself (automatic posting, online payments)
            # has no one to warn and must not stall.
            return
        for move in self.filtered(lambda m: m.company_id.customer_group_credit_block):
            warning = move._customer_group_credit_warning()
            if warning:
                raise UserError(
                    self.env._(
                        "%(move)s cannot be posted: its customer is over its credit rules.\n"
                        "%(warning)s\nAsk an accountant to post it, or have the customer pay first.",
                        move=move.display_name,
                        warning=warning,
                    )
                )

    def _stamp_customer_group(self):
        """Record on each customer document the customer's group at the time of posting."""
        moves_by_group = {}
        for move in self:
            if move.move_type not in ("out_invoice", "out_refund", "out_receipt", "entry"):
                continue
            # A manual entry names its customer on the receivable lines only.
            partner = move.commercial_partner_id or move.line_ids.filtered(
                lambda line: line.account_type == "asset_receivable"
            ).partner_id[:1].commercial_partner_id
            group = partner.with_company(move.company_id).customer_group_id
            if group != move.customer_group_id:
                moves_by_group.setdefault(group.id or None, []).append(move.id)
        for group_id, move_ids in moves_by_group.items():
            # Plain SQL: the stamp is no business field, and a write would run the posted-entry
            # checks of account.move for nothing.
            self.env.cr.execute(
                SQL("UPDATE account_move SET customer_group_id = %s WHERE id = ANY(%s)", group_id, move_ids)
            )
        if moves_by_group:
            self.invalidate_recordset(["customer_group_id"])
