from odoo import fields, models

from ...rules import splits as split_rules


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    salesperson_split_ids = fields.One2many(
        "account.move.salesperson.split",
        "move_id",
        readonly=True,
        help="How the invoice's untaxed amount is shared between salespersons, as the "
        "customer's split stood when the invoice was posted.",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._record_salesperson_split()
        return posted

    def button_draft(self):
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
