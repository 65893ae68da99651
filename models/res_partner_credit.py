from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_amount

from ..rules import credit


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    customer_credit_limit_ids = fields.One2many(
        "account.customer.credit.limit",
        "partner_id",
        string="Own Credit Limits",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="This customer's own credit and overdue limits, per currency. They "
        "replace the group's limits of the same currency while the group allows "
        "members to edit them.",
    )
    customer_group_allow_edit_credit = fields.Boolean(
        related="customer_group_id.allow_edit_credit_limit",
        string="Group Allows Own Limits",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    customer_credit_summary = fields.Html(
        string="Effective Credit Limits",
        compute="_compute_customer_credit",
        sanitize=False,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="The limits this customer's documents are checked against, and what the "
        "customer owes, per currency.",
    )
    customer_credit_warning = fields.Text(
        string="Credit Warning",
        compute="_compute_customer_credit",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="The credit rules of its customer group that this customer breaks today.",
    )

    @api.depends(
        "customer_group_id",
        "national_account_id",
        "customer_credit_limit_ids.credit_limit",
        "customer_credit_limit_ids.overdue_limit",
    )
    @api.depends_context("company")
    def _compute_customer_credit(self):
        company = self.env.company
        for partner in self:
            rows, warnings = [], []
            origin = partner._origin
            for currency, rule in (
                origin._get_credit_rules(company).items() if origin else []
            ):
                outstanding, overdue = origin._get_credit_exposure(
                    company, currency, rule.overdue_days, pooled=rule.pooled
                )
                warnings += origin._credit_breach_messages(
                    credit.credit_breaches(
                        rule, outstanding, overdue, currency.rounding
                    ),
                    currency,
                    rule,
                )
                rows.append(
                    Markup(
                        "<tr><td>%s</td>"
                        "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
                        "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
                    )
                    % (
                        currency.name,
                        format_amount(self.env, rule.credit_limit, currency)
                        if rule.check_credit_limit
                        else "-",
                        format_amount(self.env, outstanding, currency),
                        format_amount(self.env, rule.overdue_limit, currency)
                        if rule.check_overdue
                        else "-",
                        format_amount(self.env, overdue, currency),
                    )
                )
            partner.customer_credit_warning = "\n".join(warnings)
            partner.customer_credit_summary = (
                Markup(
                    "<table class='table table-sm'><thead><tr><th>%s</th>"
                    "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                    "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                    "</tr></thead><tbody>%s</tbody></table>"
                )
                % (
                    self.env._("Currency"),
                    self.env._("Credit Limit"),
                    self.env._("Outstanding"),
                    self.env._("Overdue Limit"),
                    self.env._("Overdue"),
                    Markup().join(rows),
                )
                if rows
                else False
            )

    @api.readonly
    def get_effective_credit_limits(self):
        """The customer's effective credit rules and what it owes, per currency, in the
        current company: a list of dicts, for integrations (XML-RPC / JSON-2) and
        reports."""
        self.ensure_one()
        self.check_access("read")
        company = self.env.company
        result = []
        for currency, rule in self._get_credit_rules(company).items():
            outstanding, overdue = self._get_credit_exposure(
                company, currency, rule.overdue_days, pooled=rule.pooled
            )
            result.append(
                {
                    "currency": currency.name,
                    "credit_limit": rule.credit_limit,
                    "overdue_limit": rule.overdue_limit,
                    "overdue_days": rule.overdue_days,
                    "check_credit_limit": rule.check_credit_limit,
                    "check_overdue": rule.check_overdue,
                    "pooled": rule.pooled,
                    "outstanding": outstanding,
                    "overdue": overdue,
                }
            )
        return result

    def _get_credit_rules(self, company=None):
        """Effective credit rules of this customer in ``company``, by currency.

        The one place where a customer's limits are resolved: the checks on
        invoices and on the customer form all ask this method. The customer
        group gives the checks, the overdue days and a line per currency; the
        customer's own line of a currency wins while the group allows members
        to edit their limit. Extend this method (e.g. for national accounts,
        whose limits win over the group's) rather than the callers.

        :return: dict mapping ``res.currency`` records to ``credit.CreditRule``;
                 a currency without a line is not checked.
        """
        self.ensure_one()
        company = company or self.env.company
        partner = self._credit_commercial_partner(company, ["customer_group_id"])
        head = partner._credit_national_account()
        # The head office's group sets the checks for all its members.
        group = head.customer_group_id or partner.customer_group_id
        if not group:
            return {}
        group.fetch(
            [
                "allow_edit_credit_limit",
                "check_credit_limit",
                "check_overdue",
                "overdue_days",
            ]
        )
        group_limits, own_limits = {}, {}
        for line in (
            self.env["account.customer.credit.limit"]
            .sudo()
            .search_fetch(
                Domain("group_id", "=", group.id)
                | Domain(
                    [("partner_id", "=", partner.id), ("company_id", "=", company.id)]
                ),
                ["group_id", "currency_id", "credit_limit", "overdue_limit", "pooled"],
            )
        ):
            limits = group_limits if line.group_id else own_limits
            limits[line.currency_id] = (
                line.credit_limit,
                line.overdue_limit,
                line.pooled,
            )
        limits = credit.resolve_credit_limits(
            group_limits, own_limits, group.allow_edit_credit_limit
        )
        if head:
            # A national account's limits win, in every currency it has a line for; they
            # already cover all its members, so they are never pooled over the group.
            limits.update(
                (currency, (credit_limit, overdue_limit, False))
                for currency, (
                    credit_limit,
                    overdue_limit,
                ) in head._national_account_limits(company).items()
            )
        return {
            currency: credit.CreditRule(
                credit_limit=credit_limit,
                overdue_limit=overdue_limit,
                overdue_days=group.overdue_days,
                check_credit_limit=group.check_credit_limit,
                check_overdue=group.check_overdue,
                pooled=pooled,
            )
            for currency, (credit_limit, overdue_limit, pooled) in limits.items()
        }

    def _credit_commercial_partner(self, company, field_names=()):
        """The commercial partner whose credit is checked, read as a superuser in
        ``company``.

        Credit rules are company policy, applied whatever the user's rights;
        only the columns the check needs (``field_names``) are read, as it runs
        on every change of an invoice being entered.
        """
        needed = ["commercial_partner_id", *field_names]
        partner = self.sudo().with_company(company)
        partner.fetch(needed)
        if partner.commercial_partner_id != partner:
            partner = partner.commercial_partner_id
            partner.fetch(needed)
        return partner

    def _credit_exposure_partners(self, company, currency):
        """Commercial partners whose open items make up this customer's exposure in
        ``currency``.

        Under a national account with a limit in that currency, the exposure is
        the head office's and all its members'.
        """
        head = self._credit_national_account()
        if not head or currency not in head._national_account_limits(company):
            return self
        return head | self.with_context(active_test=False).search(
            [("national_account_id", "=", head.id)]
        )

    def _get_credit_exposure(
        self, company, currency, overdue_days, exclude_move=None, pooled=False
    ):
        """What this customer owes in ``currency``: ``(outstanding, overdue)``.

        Outstanding is the open residual of the posted receivables (unapplied
        receipts and credit notes reduce it), plus the draft customer documents
        when the company counts pending transactions; ``exclude_move`` (the
        document being entered) is left out of them, its caller adds it.
        Overdue is the open residual of the posted items due ``overdue_days``
        days ago or earlier. One query, grouped by due date, whatever the
        number of open items. ``pooled`` sums what every member of the
        customer's group owes, for a limit set on the group as a whole.
        """
        self.ensure_one()
        partner = self._credit_commercial_partner(company)
        if pooled and partner.customer_group_id:
            partners = partner.customer_group_id.with_company(company).member_ids
        else:
            partners = partner._credit_exposure_partners(company, currency)
        open_by_due_date = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", company.id),
                    ("currency_id", "=", currency.id),
                    ("parent_state", "=", "posted"),
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("reconciled", "=", False),
                ],
                ["date_maturity:day"],
                ["amount_residual_currency:sum"],
            )
        )
        outstanding, overdue = credit.split_overdue(
            open_by_due_date, fields.Date.context_today(self), overdue_days
        )
        company = company.sudo()
        company.fetch(["customer_group_credit_include_pending"])
        if company.customer_group_credit_include_pending:
            outstanding += partners._get_credit_pending(company, currency, exclude_move)
        return outstanding, overdue

    def _get_credit_pending(self, company, currency, exclude_move=None):
        """Total of the customer's documents not posted yet, in ``currency``.

        Counted only when the company includes pending transactions in credit
        checks; extend it to count other pending documents, e.g. sale orders.
        """
        domain = Domain(
            [
                ("commercial_partner_id", "in", self.ids),
                ("company_id", "=", company.id),
                ("currency_id", "=", currency.id),
                ("state", "=", "draft"),
                (
                    "move_type",
                    "in",
                    self.env["account.move"].get_sale_types(include_receipts=True),
                ),
            ]
        )
        if exclude_move:
            domain &= Domain("id", "not in", exclude_move.ids)
        [[pending]] = (
            self.env["account.move"]
            .sudo()
            ._read_group(domain, [], ["amount_total_in_currency_signed:sum"])
        )
        return pending

    def _credit_breach_messages(self, breaches, currency, rule):
        """One sentence per broken rule, in the words of the Sage credit check."""
        messages = []
        debtor = self.commercial_partner_id.name
        if rule.pooled:
            debtor = self.env._(
                "%(partner)s (group %(group)s, pooled limit)",
                partner=debtor,
                group=self.commercial_partner_id.customer_group_id.display_name,
            )
        for breach in breaches:
            if breach.kind == credit.BREACH_OUTSTANDING:
                messages.append(
                    self.env._(
                        "%(partner)s: outstanding %(amount)s exceeds the limit "
                        "%(limit)s in %(currency)s by %(excess)s.",
                        partner=debtor,
                        amount=format_amount(self.env, breach.amount, currency),
                        limit=format_amount(self.env, breach.limit, currency),
                        currency=currency.name,
                        excess=format_amount(self.env, breach.excess, currency),
                    )
                )
            else:
                messages.append(
                    self.env._(
                        "%(partner)s: overdue amount %(amount)s (%(days)s days and "
                        "older) exceeds %(limit)s.",
                        partner=debtor,
                        amount=format_amount(self.env, breach.amount, currency),
                        days=rule.overdue_days,
                        limit=format_amount(self.env, breach.limit, currency),
                    )
                )
        return messages

    def _get_credit_warning(self, company, currency, amount=0.0, exclude_move=None):
        """The warning for a new document of ``amount`` in ``currency``, or ''."""
        self.ensure_one()
        rule = self._get_credit_rules(company).get(currency)
        if not rule:
            return ""
        outstanding, overdue = self._get_credit_exposure(
            company, currency, rule.overdue_days, exclude_move, pooled=rule.pooled
        )
        breaches = credit.credit_breaches(
            rule, outstanding + amount, overdue, currency.rounding
        )
        return "\n".join(self._credit_breach_messages(breaches, currency, rule))
