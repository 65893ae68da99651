from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

# Context key of a caller that joins many customers in several writes, each batch of
# them committed apart (the Assign Customer Groups wizard): the statistics gain what
# the documents stamped by each write bring instead of being rebuilt for the whole
# company, so they equal the ledger after every batch at the cost of the batch alone.
STAMPED_ONLY = "customer_group_statistics_stamped_only"


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        members = defaultdict(list)
        for vals, partner in zip(vals_list, partners, strict=True):
            if vals.get("customer_group_id"):
                members[vals["customer_group_id"]].append(partner.id)
        self._record_group_in_history(members)
        return partners

    def write(self, vals):
        result = super().write(vals)
        if vals.get("customer_group_id"):
            self._record_group_in_history({vals["customer_group_id"]: self.ids})
        return result

    @api.model
    def _record_group_in_history(self, partner_ids_by_group):
        """Record the group ``{group id: [partner ids]}`` on the customers' posted
        documents that have none, then rebuild the statistics of the companies
        concerned (or, for a caller that asks it, add what the stamped documents
        bring).

        A customer that joins its first group brings its history along: documents
        posted before the addon was installed, or while the customer was in no
        group, count under this group from now on. A document that already records a
        group keeps it: statistics show the group at posting. Returns the companies
        whose documents changed."""
        companies = self.env["res.company"]
        stamped = self.env["account.move"]
        for group_id, partner_ids in partner_ids_by_group.items():
            group = self.env["account.customer.group"].browse(group_id)
            partners = self.browse(partner_ids).with_company(group.company_id)
            commercial = partners.filtered(
                lambda partner, group=group: (
                    partner.commercial_partner_id == partner
                    and partner.customer_group_id == group
                )
            )
            moves = commercial and self._stamp_history(group, commercial.ids)
            if moves:
                stamped |= moves
                companies |= group.company_id
        statistics = self.env["account.customer.statistic"]
        if self.env.context.get(STAMPED_ONLY):
            # A document without a group counted nowhere: what it brings now under
            # its group is all that changes.
            statistics._apply_contributions(stamped, 1)
        elif companies:
            statistics._rebuild(companies)
        return companies

    @api.model
    def _stamp_history(self, group, partner_ids):
        """Write ``group`` on the posted customer documents of ``partner_ids`` in its
        company that record no group yet.

        The documents are the ones posting records a group on (see
        ``account.move._customer_groups_now``): customer invoices, credit notes and
        receipts, and journal entries on the customer (payments, manual entries naming
        it on their receivable lines only). Plain SQL: an ORM write would recompute
        and re-check posted documents for a column no computation depends on. Returns
        the documents stamped."""
        moves = self.env["account.move"]
        moves.flush_model()
        self.env["account.move.line"].flush_model(["partner_id", "account_id"])
        self.env["account.account"].flush_model(["account_type"])
        customer_types = (*moves.get_sale_types(include_receipts=True), "entry")
        stamped = self.env.execute_query(
            SQL(
                """
                UPDATE account_move m
                   SET customer_group_id = %(group)s
                 WHERE m.company_id = %(company)s
                   AND m.state = 'posted'
                   AND m.customer_group_id IS NULL
                   AND m.move_type IN %(types)s
                   AND (m.commercial_partner_id = ANY(%(partners)s)
                        OR m.commercial_partner_id IS NULL AND m.id IN (
                            SELECT l.move_id
                              FROM account_move_line l
                              JOIN account_account a ON a.id = l.account_id
                              JOIN res_partner p ON p.id = l.partner_id
                             WHERE a.account_type = 'asset_receivable'
                               AND p.commercial_partner_id = ANY(%(partners)s)))
             RETURNING m.id
                """,
                group=group.id,
                company=group.company_id.id,
                types=customer_types,
                partners=list(partner_ids),
            )
        )
        if stamped:
            moves.invalidate_model(["customer_group_id"])
        return moves.browse(move_id for (move_id,) in stamped)
