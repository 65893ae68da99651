# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.6.0 makes a charge of interest unique: one interest invoice line per
overdue item and period start, among the invoices not cancelled. Two runs started
together before could both charge (the issue's 2 x 19.73 drafts), and the unique
index could not be built on such a database.

Of each such group of lines the first created stays the charge. A later one on a
draft invoice cancels that invoice (it was never sent: nothing is lost, it can be
reset to draft once its twin is cancelled); one on a posted invoice keeps its
invoice, its amount and its days, but no longer counts as the period's charge (its
period start is cleared) and is logged, for the accountant to credit it.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT id, move_id, parent_state
          FROM (
              SELECT id, move_id, parent_state,
                     row_number() OVER (
                         PARTITION BY interest_source_line_id, interest_date_from
                         ORDER BY id
                     ) AS rank
                FROM account_move_line
               WHERE interest_source_line_id IS NOT NULL
                 AND interest_date_from IS NOT NULL
                 AND parent_state != 'cancel'
          ) charges
         WHERE rank > 1
        """
    )
    duplicates = cr.fetchall()
    draft_moves = sorted(
        {move for _line, move, state in duplicates if state == "draft"}
    )
    posted_lines = [line for line, _move, state in duplicates if state != "draft"]
    if draft_moves:
        cr.execute(
            "UPDATE account_move SET state = 'cancel' WHERE id = ANY(%s)",
            [draft_moves],
        )
        cr.execute(
            "UPDATE account_move_line SET parent_state = 'cancel' "
            "WHERE move_id = ANY(%s)",
            [draft_moves],
        )
        _logger.warning(
            "Draft interest invoices charging an item a second time for the same "
            "period cancelled: account.move %s",
            draft_moves,
        )
    if posted_lines:
        cr.execute(
            "UPDATE account_move_line SET interest_date_from = NULL "
            "WHERE id = ANY(%s) RETURNING move_id",
            [posted_lines],
        )
        _logger.warning(
            "Posted interest invoices charging an item a second time for the same "
            "period, to credit: account.move %s",
            sorted({move for (move,) in cr.fetchall()}),
        )
