from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, frozendict

from ..models.aging.res_company import AGING_PERIOD_FIELDS
from ..models.group.account_customer_group import ACCOUNT_TYPES
from ..rules import aging

AGING_BASES = [("due", "Due Date"), ("document", "Document Date")]


class AccountCustomerAgingReport(models.Model):
    """The receivable items open at the aging date, one row each, aged by due or
    document date into the company's aging periods.

    The aging date and basis come from the context (``aging_date``, default today;
    ``aging_basis``, ``due`` or ``document``), so one query serves today's aging and
    any past one: an item's open amount at a date is what it has today plus what the
    reconciliations dated after it took off.
    """

    _name = "account.customer.aging.report"
    _description = "Aged Receivables by Customer Group"
    _auto = False
    _order = "date_maturity, date, id"
    _rec_name = "move_id"
    _depends = frozendict(
        {
            "account.move.line": [
                "account_id",
                "amount_residual",
                "amount_residual_currency",
                "company_id",
                "currency_id",
                "customer_retainage",
                "date",
                "date_maturity",
                "move_id",
                "parent_state",
                "partner_id",
                "reconciled",
            ],
            "account.move": ["customer_group_id"],
            "account.partial.reconcile": [
                "amount",
                "credit_amount_currency",
                "credit_move_id",
                "debit_amount_currency",
                "debit_move_id",
                "max_date",
            ],
            "account.account": ["account_type"],
            "res.partner": [
                "commercial_partner_id",
                "customer_account_type",
                "customer_billing_cycle_id",
                "customer_group_id",
                "is_national_account",
                "national_account_id",
                "user_id",
            ],
            "res.company": ["currency_id", *AGING_PERIOD_FIELDS],
        }
    )

    company_id = fields.Many2one("res.company", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    customer_group_id = fields.Many2one(
        "account.customer.group",
        readonly=True,
        help="Group of the customer when the document was posted.",
    )
    partner_group_id = fields.Many2one(
        "account.customer.group",
        string="Current Customer Group",
        readonly=True,
        help="Group the customer belongs to now.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    billing_cycle_id = fields.Many2one(
        "account.customer.billing.cycle",
        readonly=True,
        help="The customer's billing cycle now.",
    )
    national_account_id = fields.Many2one(
        "res.partner",
        readonly=True,
        help="Head office of the customer's national account, the customer itself "
        "when it is one.",
    )
    customer_account_type = fields.Selection(
        ACCOUNT_TYPES, string="Account Type", readonly=True
    )
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    move_line_id = fields.Many2one(
        "account.move.line", string="Journal Item", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Days past the due date (or past the document date, aging by document "
        "date) on the aging date; 0 for what is not due yet.",
    )
    aging_bucket = fields.Selection(
        selection="_selection_aging_bucket",
        string="Aging Period",
        readonly=True,
        help="Aging period of the item under the company's aging periods (Accounting "
        "settings); retainage is aged apart.",
    )
    residual = fields.Monetary(
        string="Open Amount",
        currency_field="company_currency_id",
        readonly=True,
        help="What is open of the item on the aging date, in the company currency. "
        "A balance-forward customer's unapplied credits have paid its oldest items.",
    )
    residual_currency = fields.Monetary(string="Open Amount in Currency", readonly=True)
    retainage = fields.Monetary(
        currency_field="company_currency_id",
        readonly=True,
        help="Open amount of a retainage item, held back until the work is accepted.",
    )

    @api.model
    def _selection_aging_bucket(self):
        labels = []
        for bucket, first, last in aging.aged_bucket_bounds(
            self.env.company._customer_aging_periods()
        ):
            if first is None:
                label = self.env._("Current")
            elif last is None:
                label = self.env._("Over %s days", first - 1)
            else:
                label = self.env._("%(first)s-%(last)s days", first=first, last=last)
            labels.append((bucket, label))
        return [*labels, ("retainage", self.env._("Retainage"))]

    @api.model
    def _aging_date(self):
        value = self.env.context.get("aging_date")
        return fields.Date.to_date(value) if value else fields.Date.context_today(self)

    @api.model
    def _aging_basis(self):
        basis = self.env.context.get("aging_basis") or "due"
        if basis not in dict(AGING_BASES):
            raise UserError(
                self.env._("Receivables age by due date or by document date.")
            )
        return basis

    def _company_fallbacks(self):
        """SQL rows (company, group, account type, billing cycle) of the values a
        company gives the customers without one of their own (the company-dependent
        defaults)."""
        partners = self.env["res.partner"]
        rows = [
            SQL(
                "(%s::int, %s::int, %s::varchar, %s::int)",
                company.id,
                partners._fields["customer_group_id"]
                .get_company_dependent_fallback(partners.with_company(company))
                .id
                or None,
                partners._fields[
                    "customer_account_type"
                ].get_company_dependent_fallback(partners.with_company(company))
                or None,
                partners._fields["customer_billing_cycle_id"]
                .get_company_dependent_fallback(partners.with_company(company))
                .id
                or None,
            )
            for company in self.env.companies
        ]
        return SQL("VALUES %s", SQL(", ").join(rows))

    @property
    def _table_query(self):
        aged_from = (
            SQL("COALESCE(i.date_maturity, i.date)")
            if self._aging_basis() == "due"
            else SQL("i.date")
        )
        return SQL(
            """
            WITH later AS (
                -- What the reconciliations after the aging date took off the items:
                -- added back, it gives what was open on that date.
                SELECT debit_move_id AS line_id, amount,
                       debit_amount_currency AS amount_currency
                  FROM account_partial_reconcile
                 WHERE max_date > %(aging_date)s
                 UNION ALL
                SELECT credit_move_id, -amount, -credit_amount_currency
                  FROM account_partial_reconcile
                 WHERE max_date > %(aging_date)s
            ), later_by_line AS (
                SELECT line_id, SUM(amount) AS amount,
                       SUM(amount_currency) AS amount_currency
                  FROM later
                 GROUP BY line_id
            ), items AS (
                SELECT aml.id, aml.company_id, aml.move_id, aml.currency_id,
                       aml.date, aml.date_maturity, aml.customer_retainage,
                       m.customer_group_id,
                       COALESCE(p.commercial_partner_id, p.id) AS partner_id,
                       aml.amount_residual + COALESCE(l.amount, 0) AS amount,
                       aml.amount_residual_currency
                           + COALESCE(l.amount_currency, 0) AS amount_currency
                  FROM account_move_line aml
                  JOIN account_move m ON m.id = aml.move_id
                  LEFT JOIN later_by_line l ON l.line_id = aml.id
                  LEFT JOIN res_partner p ON p.id = aml.partner_id
                 -- An array rather than a join: the planner then picks the index of
                 -- the unreconciled lines of these accounts.
                 WHERE aml.account_id = ANY(ARRAY(
                           SELECT account.id FROM account_account account
                            WHERE account.account_type = 'asset_receivable'))
                   AND aml.parent_state = 'posted'
                   AND aml.date <= %(aging_date)s
                   AND (NOT aml.reconciled OR l.line_id IS NOT NULL)
            ), typed AS (
                -- Kept for the netting below: only what it and the aging need, the
                -- customer's other fields are read last, when asked for.
                SELECT i.*,
                       COALESCE(p.customer_account_type ->> i.company_id::text,
                                f.account_type, 'open_item') AS account_type,
                       %(aging_date)s - %(aged_from)s AS days
                  FROM items i
                  LEFT JOIN res_partner p ON p.id = i.partner_id
                  LEFT JOIN (%(fallbacks)s) f(company_id, group_id, account_type,
                                             billing_cycle_id)
                    ON f.company_id = i.company_id
            ), forward AS (
                -- A balance-forward customer's credits pay its oldest items first,
                -- as rules/aging.py's net_oldest_first: what can be paid is the
                -- lesser of its debits and credits, spent on them oldest due first.
                -- Only these customers' items are sorted for it.
                SELECT t AS item, t.amount, t.amount_currency,
                       LEAST(SUM(GREATEST(t.amount, 0)) OVER customer,
                             SUM(GREATEST(-t.amount, 0)) OVER customer) AS to_pay,
                       SUM(GREATEST(t.amount, 0)) OVER older AS debit_before,
                       SUM(GREATEST(-t.amount, 0)) OVER older AS credit_before,
                       LEAST(SUM(GREATEST(t.amount_currency, 0)) OVER customer,
                             SUM(GREATEST(-t.amount_currency, 0)) OVER customer)
                           AS to_pay_currency,
                       SUM(GREATEST(t.amount_currency, 0)) OVER older
                           AS debit_before_currency,
                       SUM(GREATEST(-t.amount_currency, 0)) OVER older
                           AS credit_before_currency
                  FROM typed t
                 WHERE t.account_type = 'balance_forward'
                WINDOW customer AS (
                           PARTITION BY t.company_id, t.partner_id, t.currency_id),
                       older AS (
                           PARTITION BY t.company_id, t.partner_id, t.currency_id
                           ORDER BY COALESCE(t.date_maturity, t.date), t.date, t.id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
            ), aged AS (
                -- The other customers' items are open for what they have (a union,
                -- not a join: nothing to match item by item).
                SELECT t.*, t.amount AS residual, t.amount_currency AS residual_currency
                  FROM typed t
                 WHERE t.account_type != 'balance_forward'
                 UNION ALL
                SELECT (w.item).*,
                       CASE WHEN w.amount > 0
                            THEN w.amount - LEAST(w.amount, GREATEST(
                                w.to_pay - COALESCE(w.debit_before, 0), 0))
                            ELSE w.amount + LEAST(-w.amount, GREATEST(
                                w.to_pay - COALESCE(w.credit_before, 0), 0))
                       END AS residual,
                       CASE WHEN w.amount_currency > 0
                            THEN w.amount_currency - LEAST(
                                w.amount_currency, GREATEST(w.to_pay_currency
                                    - COALESCE(w.debit_before_currency, 0), 0))
                            ELSE w.amount_currency + LEAST(
                                -w.amount_currency, GREATEST(w.to_pay_currency
                                    - COALESCE(w.credit_before_currency, 0), 0))
                       END AS residual_currency
                  FROM forward w
            )
            SELECT a.id, a.id AS move_line_id, a.company_id,
                   c.currency_id AS company_currency_id, a.customer_group_id,
                   COALESCE((p.customer_group_id ->> a.company_id::text)::int,
                            f.group_id) AS partner_group_id,
                   a.partner_id, p.user_id,
                   COALESCE(
                       (p.customer_billing_cycle_id ->> a.company_id::text)::int,
                       f.billing_cycle_id) AS billing_cycle_id,
                   CASE WHEN p.is_national_account THEN p.id
                        ELSE p.national_account_id END AS national_account_id,
                   a.account_type AS customer_account_type, a.move_id, a.currency_id,
                   a.date, a.date_maturity, GREATEST(a.days, 0) AS days_overdue,
                   CASE WHEN a.customer_retainage THEN 'retainage'
                        WHEN a.days <= 0 THEN 'current'
                        WHEN a.days <= c.customer_aging_period_1 THEN 'period_1'
                        WHEN a.days <= c.customer_aging_period_2 THEN 'period_2'
                        WHEN a.days <= c.customer_aging_period_3 THEN 'period_3'
                        WHEN a.days <= c.customer_aging_period_4 THEN 'period_4'
                        ELSE 'older' END AS aging_bucket,
                   a.residual, a.residual_currency,
                   CASE WHEN a.customer_retainage THEN a.residual ELSE 0 END
                       AS retainage
              FROM aged a
              JOIN res_company c ON c.id = a.company_id
              LEFT JOIN res_partner p ON p.id = a.partner_id
              LEFT JOIN (%(fallbacks)s) f(company_id, group_id, account_type,
                                         billing_cycle_id)
                ON f.company_id = a.company_id
             WHERE a.residual != 0 OR a.residual_currency != 0
            """,
            aging_date=self._aging_date(),
            aged_from=aged_from,
            fallbacks=self._company_fallbacks(),
        )

    def action_open_document(self):
        self.ensure_one()
        return self.move_id.get_formview_action()

    @api.model
    def _aged_receivables(self, company, groups=None):
        """The rows of ``company`` (of ``groups`` only, where given) at the context's
        aging date and basis, by customer group and customer, with the totals of
        each aging period: what the PDF and the XLSX print. Amounts are in the
        company currency."""
        buckets = self._fields["aging_bucket"]._description_selection(
            self.with_company(company).env
        )
        # Rows of another aging date may be in the cache under the same ids.
        self.invalidate_model()
        domain = [("company_id", "=", company.id)]
        if groups:
            domain.append(("customer_group_id", "in", groups.ids))
        rows = self.search(
            domain, order="customer_group_id, partner_id, date_maturity, date, id"
        )

        def totals_of(lines):
            amounts = dict.fromkeys((bucket for bucket, _label in buckets), 0.0)
            for line in lines:
                amounts[line.aging_bucket] += line.residual
            return {
                bucket: company.currency_id.round(amount)
                for bucket, amount in amounts.items()
            }

        def total_of(lines):
            return company.currency_id.round(sum(lines.mapped("residual")))

        return {
            "company": company,
            "currency": company.currency_id,
            "aging_date": self._aging_date(),
            "aging_basis": dict(
                self.env["account.customer.aging.wizard"]
                ._fields["aging_basis"]
                ._description_selection(self.env)
            )[self._aging_basis()],
            "buckets": buckets,
            "groups": [
                {
                    "name": group.display_name or self.env._("No Customer Group"),
                    "customers": [
                        {
                            "partner": partner,
                            "name": partner.display_name or self.env._("No Customer"),
                            "items": partner_rows,
                            "totals": totals_of(partner_rows),
                            "total": total_of(partner_rows),
                        }
                        for partner, partner_rows in group_rows.grouped(
                            "partner_id"
                        ).items()
                    ],
                    "totals": totals_of(group_rows),
                    "total": total_of(group_rows),
                }
                for group, group_rows in rows.grouped("customer_group_id").items()
            ],
            "totals": totals_of(rows),
            "total": total_of(rows),
        }
