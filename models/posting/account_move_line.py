from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.sql import column_exists, create_column


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"  # pylint: disable=consider-merging-classes-inherited

    customer_group_id = fields.Many2one(
        related="move_id.customer_group_id",
        store=True,
        string="Customer Group at Posting",
        help="Group the document records: the aged receivables read it on the item "
        "rather than joining every item to its document.",
    )

    def _auto_init(self):
        # Made and filled in SQL before the ORM sees the field: it would otherwise
        # compute it line by line for every journal item of the database. Posting
        # then keeps it with the move's (the same UPDATE as the lines' state).
        if not column_exists(self.env.cr, self._table, "customer_group_id"):
            create_column(self.env.cr, self._table, "customer_group_id", "int4")
            if column_exists(self.env.cr, "account_move", "customer_group_id"):
                self.env.cr.execute(
                    """
                    UPDATE account_move_line aml
                       SET customer_group_id = m.customer_group_id
                      FROM account_move m
                     WHERE m.id = aml.move_id AND m.customer_group_id IS NOT NULL
                    """
                )
        return super()._auto_init()

    @api.model
    def _customer_receivable_domain(self, company):
        """The posted journal items on the receivable accounts of ``company``: what
        statements and interest charges read of a customer's account."""
        return Domain(
            [
                ("company_id", "=", company.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )
