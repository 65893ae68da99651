from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, format_amount

from ...rules import credit
from .credit_functions import CREDIT_FUNCTIONS


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

    # init() returns nothing; pylint-odoo expects super()'s result to be passed on.
    def init(self):  # pylint: disable=missing-return
        super().init()
        self.env.cr.execute(CREDIT_FUNCTIONS)

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
                    company, currency, rule
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
        # A portal user may read its own partner, not the limits its supplier
        # keeps on it.
        if not self.env.su and not self.env.user._is_internal():
            raise AccessError(
                self.env._(
                    "Credit limits are for the company's own users: portal and "
                    "public users cannot read them."
                )
            )
        self.check_access("read")
        company = self.env.company
        result = []
        for currency, rule in self._get_credit_rules(company).items():
            outstanding, overdue = self._get_credit_exposure(company, currency, rule)
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
        to edit their limit; a national account's line wins over both, for the
        head office and all its members, and the head office's group sets the
        checks. Extend this method rather than the callers.

        :return: dict mapping ``res.currency`` records to ``credit.CreditRule``;
                 a currency without a line is not checked.
        """
        self.ensure_one()
        company = company or self.env.company
        # The customer, its national account, the group's checks and every limit
        # line that may apply in one query, in the order of their currencies (the
        # customer form lists them so).
        partners = self.env["res.partner"].sudo().with_company(company)
        partners.flush_model(
            [
                "active",
                "commercial_partner_id",
                "customer_account_type",
                "customer_group_id",
                "is_national_account",
                "national_account_id",
            ]
        )
        self.env["account.customer.group"].flush_model(
            [
                "allow_edit_credit_limit",
                "check_credit_limit",
                "check_overdue",
                "overdue_days",
            ]
        )
        self.env["account.customer.credit.limit"].flush_model(
            [
                "group_id",
                "partner_id",
                "company_id",
                "currency_id",
                "credit_limit",
                "overdue_limit",
                "pooled",
            ]
        )
        self.env["res.currency"].flush_model(["active", "name"])
        self.env.cr.execute(
            SQL(
                "SELECT * FROM account_customer_group_credit_rules(%s, %s, %s, %s)",
                self.id,
                company.id,
                # A default set for all customers (a company-dependent default) is
                # the value of every customer without one of its own.
                partners._fields["customer_group_id"]
                .get_company_dependent_fallback(partners)
                .id
                or None,
                partners._fields[
                    "customer_account_type"
                ].get_company_dependent_fallback(partners)
                or None,
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return {}
        allow_edit, check_credit_limit, check_overdue, overdue_days = rows[0][:4]
        balance_forward = rows[0][-1]
        currencies = self.env["res.currency"]
        limits = {"group": {}, "own": {}, "national": {}}
        for (
            *__,
            kind,
            currency_id,
            credit_limit,
            overdue_limit,
            pooled,
            debtors,
            _balance_forward,
        ) in rows:
            if currency_id:
                limits[kind][currencies.browse(currency_id)] = (
                    float(credit_limit or 0.0),
                    float(overdue_limit or 0.0),
                    bool(pooled),
                    tuple(debtors),
                )
        resolved = credit.resolve_credit_limits(
            limits["group"], limits["own"], allow_edit
        )
        resolved.update(limits["national"])
        return {
            currency: credit.CreditRule(
                credit_limit=credit_limit,
                overdue_limit=overdue_limit,
                overdue_days=overdue_days or 0,
                check_credit_limit=bool(check_credit_limit),
                check_overdue=bool(check_overdue),
                pooled=pooled,
                debtor_ids=debtor_ids,
                balance_forward=bool(balance_forward),
            )
            for currency, (
                credit_limit,
                overdue_limit,
                pooled,
                debtor_ids,
            ) in resolved.items()
        }

    def _get_credit_exposure(self, company, currency, rule, exclude_move=None):
        """What the debtors of ``rule`` owe in ``currency``: ``(outstanding,
        overdue)``.

        Outstanding is the open residual of the posted receivables (unapplied
        receipts and credit notes reduce it), plus the pending documents when
        the company counts pending transactions; ``exclude_move`` (the document
        being entered) is left out of them, its caller adds it. Overdue is the
        open residual of the posted items due ``rule.overdue_days`` days ago or
        earlier.

        One query whatever the number of open items and pending documents.
        """
        partners = self.browse(rule.debtor_ids)
        company = company.sudo()
        company.fetch(["customer_group_credit_include_pending"])
        # Pending documents have no due date yet: outstanding, never overdue.
        pending = (
            SQL(" + ").join(
                partners._credit_pending_sql(company, currency, exclude_move)
            )
            if company.customer_group_credit_include_pending
            else SQL("0")
        )
        self.env["account.move.line"].flush_model(
            [
                "partner_id",
                "company_id",
                "currency_id",
                "parent_state",
                "reconciled",
                "account_id",
                "date_maturity",
                "amount_residual_currency",
            ]
        )
        self.env["account.account"].flush_model(["account_type"])
        self.env.cr.execute(
            SQL(
                """
                SELECT outstanding + %s, overdue
                  FROM account_customer_group_receivables(%s, %s, %s, %s, %s)
                """,
                pending,
                partners.ids,
                company.id,
                currency.id,
                credit.overdue_cutoff(
                    fields.Date.context_today(self), rule.overdue_days
                ),
                rule.balance_forward,
            )
        )
        outstanding, overdue = self.env.cr.fetchone()
        return float(outstanding), float(overdue)

    def _credit_pending_sql(self, company, currency, exclude_move=None):
        """The totals in ``currency`` of the customers' documents not posted yet,
        as SQL expressions (one per kind of document) that the credit exposure
        adds to its own query.

        Counted only when the company includes pending transactions in credit
        checks; extend it to count other pending documents, e.g. sale orders
        (each expression a number, never NULL, its models flushed; a call of a
        PL/pgSQL function of the extending module, like this one's, is planned
        once per database connection).
        """
        self.env["account.move"].flush_model(
            [
                "commercial_partner_id",
                "company_id",
                "currency_id",
                "state",
                "move_type",
                "amount_total_in_currency_signed",
            ]
        )
        return [
            SQL(
                "account_customer_group_draft_invoices(%s, %s, %s, %s, %s)",
                self.ids,
                company.id,
                currency.id,
                self.env["account.move"].get_sale_types(include_receipts=True),
                exclude_move.ids if exclude_move else [],
            )
        ]

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
            company, currency, rule, exclude_move
        )
        breaches = credit.credit_breaches(
            rule, outstanding + amount, overdue, currency.rounding
        )
        return "\n".join(self._credit_breach_messages(breaches, currency, rule))
