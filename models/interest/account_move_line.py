from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # Set on the lines of interest invoices. The latest date charged per overdue
    # receivable line is what keeps a re-run from charging the same days twice.
    interest_source_line_id = fields.Many2one(
        "account.move.line",
        string="Interest On",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        readonly=True,
        help="Overdue receivable line this interest is charged on.",
    )
    # The period charged, from its first day to the run date the next run starts
    # from.
    locals().update(
        {
            name: fields.Date(string=label, copy=False, readonly=True, help=help_text)
            for name, label, help_text in (
                (
                    "interest_date_from",
                    "Interest From",
                    "First day of the period charged.",
                ),
                (
                    "interest_date_to",
                    "Interest Until",
                    (
                        "Run date the interest is charged up to; the next run starts "
                        "from here."
                    ),
                ),
            )
        }
    )
    interest_days = fields.Integer(
        string="Days Charged",
        copy=False,
        readonly=True,
        help="Number of days of interest charged.",
    )

    # One charge per overdue item and period, whatever runs in parallel: the second
    # run's invoice for the same days is refused by the database, and a cancelled
    # invoice frees its charges.
    _interest_charge_unique = models.UniqueIndex(
        "(interest_source_line_id, interest_date_from) "
        "WHERE interest_source_line_id IS NOT NULL AND parent_state != 'cancel'",
        "This item has been charged interest for this period already.",
    )
