from odoo import models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_amount


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        if vals.get("active") is False:
            self.filtered("active")._check_can_archive()
        return super().write(vals)

    def _check_accepts_members(self):
        archived = self.filtered(lambda group: not group.active)
        if archived:
            raise UserError(
                self.env._(
                    "The customer group %(group)s is archived: customers cannot join "
                    "it. Choose an active group, or restore this one first.",
                    group=archived[0].display_name,
                )
            )

    def _member_receivables_domain(self):
        """The members' posted receivable lines in the group's company."""
        return Domain(
            [
                ("partner_id", "in", self.member_ids.ids),
                ("company_id", "=", self.company_id.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )

    def _open_items_by_partner(self):
        """Open receivable amount (company currency) per member, for the members with
        any."""
        self.ensure_one()
        members = self.member_ids
        if not members:
            return {}
        lines = self.env["account.move.line"].sudo()
        base = self._member_receivables_domain()
        open_amounts = {}
        for partner, balance in lines._read_group(
            base, ["partner_id"], ["balance:sum"]
        ):
            if not self.company_id.currency_id.is_zero(balance):
                open_amounts[partner] = balance
        for partner, residual in lines._read_group(
            base & Domain([("reconciled", "=", False), ("amount_residual", "!=", 0)]),
            ["partner_id"],
            ["amount_residual:sum"],
        ):
            open_amounts.setdefault(partner, residual)
        return open_amounts

    def _archive_blockers(self):
        """What stops archiving the group, per member: ``{partner: (open, draft)}``
        where ``open`` and ``draft`` map each currency to the member's open receivables
        and its draft customer documents in that currency. A currency counts as soon as
        anything is left in it, even when the balances of all currencies add up to zero
        in the company currency."""
        self.ensure_one()
        members = self.member_ids
        if not members:
            return {}
        blockers = {}
        for partner, currency, residual in (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                self._member_receivables_domain() & Domain("reconciled", "=", False),
                ["partner_id", "currency_id"],
                ["amount_residual_currency:sum"],
            )
        ):
            if not currency.is_zero(residual):
                blockers.setdefault(partner, ({}, {}))[0][currency] = residual
        for partner, currency, total in (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", members.ids),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "draft"),
                    (
                        "move_type",
                        "in",
                        self.env["account.move"].get_sale_types(include_receipts=True),
                    ),
                ],
                ["commercial_partner_id", "currency_id"],
                ["amount_total_in_currency_signed:sum"],
            )
        ):
            blockers.setdefault(partner, ({}, {}))[1][currency] = total
        return blockers

    def _check_can_archive(self):
        for group in self:
            open_amounts = group._open_items_by_partner()
            blockers = group._archive_blockers()
            if not open_amounts and not blockers:
                continue

            def amounts(by_currency):
                return ", ".join(
                    format_amount(self.env, amount, currency)
                    for currency, amount in by_currency.items()
                )

            details = []
            for partner in list(dict.fromkeys([*open_amounts, *blockers]))[:10]:
                open_by_currency, draft_by_currency = blockers.get(partner, ({}, {}))
                parts = []
                if open_by_currency:
                    parts.append(self.env._("open %s", amounts(open_by_currency)))
                if draft_by_currency:
                    parts.append(
                        self.env._("draft invoices %s", amounts(draft_by_currency))
                    )
                if not parts:
                    parts.append(
                        self.env._(
                            "balance %s",
                            format_amount(
                                self.env,
                                open_amounts[partner],
                                group.company_id.currency_id,
                            ),
                        )
                    )
                details.append(f"{partner.display_name} ({'; '.join(parts)})")
            raise UserError(
                self.env._(
                    "The customer group %(group)s cannot be archived: %(count)s "
                    "customer(s) still have open receivables or draft invoices, "
                    "%(amount)s in total in %(company_currency)s posted: "
                    "%(customers)s. Settle their open items, post or cancel the "
                    "drafts, or move these customers to another group first.",
                    group=group.display_name,
                    count=len(set(open_amounts) | set(blockers)),
                    amount=format_amount(
                        self.env,
                        sum(open_amounts.values()),
                        group.company_id.currency_id,
                    ),
                    company_currency=group.company_id.currency_id.name,
                    customers=", ".join(details),
                )
            )
