from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, frozendict

from ..models.aging.res_company import AGING_PERIOD_FIELDS
from ..models.group.account_customer_group import ACCOUNT_TYPES
from ..rules import aging

AGING_BASES = [("due", "Due Date"), ("document", "Document Date")]
# Context key: True when the rows are the summary's, one per company, group and aging
# period (``_summary_query``), False to have the items' rows whatever is read.
SUMMARY = "customer_aging_summary"
# What the summary's rows hold, and what can be read of them.
SUMMARY_FIELDS = frozenset(
    {"company_id", "company_currency_id", "customer_group_id", "aging_bucket"}
)
SUMMARY_AGGREGATES = frozenset(
    {
        "__count",
        "residual:sum",
        "residual:sum_currency",
        "retainage:sum",
        "retainage:sum_currency",
    }
)


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
        """The values the companies give the customers without one of their own (the
        company-dependent defaults): ``{field: {company id: value}}`` of the group,
        the account type and the billing cycle."""
        partners = self.env["res.partner"]
        fallbacks = {"group_id": {}, "account_type": {}, "billing_cycle_id": {}}
        for company in self.env.companies:
            partner = partners.with_company(company)
            for name, field in (
                ("group_id", "customer_group_id"),
                ("account_type", "customer_account_type"),
                ("billing_cycle_id", "customer_billing_cycle_id"),
            ):
                value = partners._fields[field].get_company_dependent_fallback(partner)
                fallbacks[name][company.id] = (
                    value.id if isinstance(value, models.BaseModel) else value
                ) or None
        return fallbacks

    @staticmethod
    def _fallback(fallbacks, name, company):
        """SQL of the value ``name`` of ``_company_fallbacks`` of ``company`` (an SQL
        expression of a company id), NULL for the companies not active: an
        expression rather than a join, which would add a step to each item."""
        whens = [
            SQL("WHEN %s THEN %s", company_id, value)
            for company_id, value in fallbacks[name].items()
        ]
        cast = SQL("varchar" if name == "account_type" else "int")
        if not whens:
            return SQL("NULL::%s", cast)
        return SQL("(CASE %s %s END)::%s", company, SQL(" ").join(whens), cast)

    def _customer_account_type(self, fallbacks, company):
        """SQL of the account type of the customer ``cp`` in ``company`` (an SQL
        expression of a company id)."""
        return SQL(
            "COALESCE(cp.customer_account_type ->> %s::text, %s, 'open_item')",
            company,
            self._fallback(fallbacks, "account_type", company),
        )

    @staticmethod
    def _forward_by_default(fallbacks):
        """Whether a company makes its customers balance-forward by default."""
        return "balance_forward" in fallbacks["account_type"].values()

    def _aging_facts(self, fallbacks):
        """What the planner cannot know, read first in one query: the receivable
        accounts (it then knows how many items they hold), whether a reconciliation
        is dated after the aging date (today, as a rule, none is: the items are then
        read without looking for one) and the contacts of the balance-forward
        customers (their items are read by contact; not where a company makes its
        customers balance-forward, whose items are then most of them)."""
        contacts = SQL(
            """
            ARRAY(SELECT contact.id
                    FROM res_partner contact
                    JOIN res_partner cp ON cp.id = COALESCE(
                        contact.commercial_partner_id, contact.id)
                   CROSS JOIN res_company company
                   WHERE %s = 'balance_forward')
            """,
            self._customer_account_type(fallbacks, SQL("company.id")),
        )
        if self._forward_by_default(fallbacks):
            contacts = SQL("ARRAY[]::int[]")
        [facts] = self.env.execute_query(
            SQL(
                """
                SELECT ARRAY(SELECT id FROM account_account
                              WHERE account_type = 'asset_receivable'),
                       EXISTS(SELECT FROM account_partial_reconcile
                               WHERE max_date > %s),
                       %s
                """,
                self._aging_date(),
                contacts,
            )
        )
        return dict(zip(("accounts", "later", "forward_contacts"), facts, strict=True))

    def _open_items(self, facts, columns, joins=None, where=None):
        """``columns`` of the receivable items open at the aging date, ``aml``, with
        their company ``c``, their customer (the commercial partner) ``cp`` and
        ``open.amount`` and ``open.amount_currency``, what was open of them on that
        date: what they have today plus what the reconciliations dated after it took
        off (``facts`` from ``_aging_facts``)."""
        aging_date = self._aging_date()
        if facts["later"]:
            later_join = SQL(
                """
                LEFT JOIN (
                    SELECT line_id, SUM(amount) AS amount,
                           SUM(amount_currency) AS amount_currency
                      FROM (
                          SELECT debit_move_id AS line_id, amount,
                                 debit_amount_currency AS amount_currency
                            FROM account_partial_reconcile
                           WHERE max_date > %(aging_date)s
                           UNION ALL
                          SELECT credit_move_id, -amount, -credit_amount_currency
                            FROM account_partial_reconcile
                           WHERE max_date > %(aging_date)s
                      ) later
                     GROUP BY line_id
                ) l ON l.line_id = aml.id
                CROSS JOIN LATERAL (
                    SELECT aml.amount_residual + COALESCE(l.amount, 0) AS amount,
                           aml.amount_residual_currency
                               + COALESCE(l.amount_currency, 0) AS amount_currency
                ) open
                """,
                aging_date=aging_date,
            )
            is_open = SQL("(NOT aml.reconciled OR l.line_id IS NOT NULL)")
        else:
            later_join = SQL(
                """
                CROSS JOIN LATERAL (
                    SELECT aml.amount_residual AS amount,
                           aml.amount_residual_currency AS amount_currency
                ) open
                """
            )
            is_open = SQL("NOT aml.reconciled")
        return SQL(
            """
            SELECT %(columns)s
              FROM account_move_line aml
              JOIN res_company c ON c.id = aml.company_id
              -- Nested, so that a read that takes nothing of the customer skips
              -- both joins.
              LEFT JOIN (
                  res_partner p
                  LEFT JOIN res_partner cp
                    ON cp.id = COALESCE(p.commercial_partner_id, p.id)
              ) ON p.id = aml.partner_id
              %(later_join)s
              %(joins)s
             WHERE aml.account_id = ANY(%(accounts)s::int[])
               AND aml.parent_state = 'posted'
               AND aml.date <= %(aging_date)s
               AND %(is_open)s
               %(where)s
            """,
            columns=columns,
            later_join=later_join,
            joins=joins or SQL(),
            where=where or SQL(),
            aging_date=aging_date,
            accounts=facts["accounts"],
            is_open=is_open,
        )

    def _forward_residuals(self, fallbacks, facts, summary=False):
        """What is open of the items of the balance-forward customers, by item
        (``id``, ``residual``, ``residual_currency``), None when no customer is: a
        customer's credits pay its oldest items first, as rules/aging.py's
        net_oldest_first: what can be paid is the lesser of its debits and credits,
        spent on them oldest due first. For the ``summary``, each item's key there
        too (``company_id``, ``group_id``, ``retainage``, ``age_date``) and what it
        has open before netting (``amount``, ``amount_currency``).

        Read by customer where a company's customers are not balance-forward by
        default: the items of these customers' contacts only, rather than every
        item for the few that are."""
        where = SQL(
            "AND %s = 'balance_forward'",
            self._customer_account_type(fallbacks, SQL("aml.company_id")),
        )
        if not self._forward_by_default(fallbacks):
            if not facts["forward_contacts"]:
                return None
            where = SQL(
                "%s AND aml.partner_id = ANY(%s::int[])",
                where,
                facts["forward_contacts"],
            )
        columns = SQL(
            "aml.id, aml.company_id, cp.id AS partner_id, aml.currency_id, "
            "aml.date, aml.date_maturity, open.amount, open.amount_currency"
        )
        joins = carried = carried_out = SQL()
        if summary:
            columns = SQL(
                "%s, m.customer_group_id AS group_id, "
                "aml.customer_retainage AS retainage, %s AS age_date",
                columns,
                self._age_date("aml"),
            )
            joins = SQL("LEFT JOIN account_move m ON m.id = aml.move_id")
            carried = SQL(", t.company_id, t.group_id, t.retainage, t.age_date")
            carried_out = SQL(
                ", w.company_id, w.group_id, w.retainage, w.age_date, w.amount, "
                "w.amount_currency"
            )
        items = self._open_items(facts, columns, joins=joins, where=where)
        return SQL(
            """
            SELECT w.id %(carried_out)s,
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
              FROM (
                  SELECT t.id, t.amount, t.amount_currency %(carried)s,
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
                    FROM (%(items)s) t
                  WINDOW customer AS (
                             PARTITION BY t.company_id, t.partner_id, t.currency_id),
                         older AS (
                             PARTITION BY t.company_id, t.partner_id, t.currency_id
                             ORDER BY COALESCE(t.date_maturity, t.date), t.date, t.id
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
              ) w
            """,
            items=items,
            carried=carried,
            carried_out=carried_out,
        )

    @property
    def _table_query(self):
        if self.env.context.get(SUMMARY):
            return self._summary_query()
        # One scan of the items, no CTE: the balance-forward customers' items are
        # netted apart and joined by item, so that the others are a plain scan,
        # with nothing materialized and no join that a read does not use.
        fallbacks = self._company_fallbacks()
        days = SQL("%s - %s", self._aging_date(), self._age_date("aml"))
        facts = self._aging_facts(fallbacks)
        forward = self._forward_residuals(fallbacks, facts)
        # A left join, which a read that takes nothing of the document skips.
        joins = SQL("LEFT JOIN account_move m ON m.id = aml.move_id")
        if forward is None:
            residual = SQL("open.amount")
            residual_currency = SQL("open.amount_currency")
        else:
            # The other customers' items are open for what they have.
            joins = SQL("%s LEFT JOIN (%s) f ON f.id = aml.id", joins, forward)
            residual = SQL(
                "CASE WHEN f.id IS NULL THEN open.amount ELSE f.residual END"
            )
            residual_currency = SQL(
                "CASE WHEN f.id IS NULL THEN open.amount_currency "
                "ELSE f.residual_currency END"
            )
        columns = SQL(
            """
            aml.id, aml.id AS move_line_id, aml.company_id,
            c.currency_id AS company_currency_id, m.customer_group_id,
            COALESCE((cp.customer_group_id ->> aml.company_id::text)::int, %(group)s)
                AS partner_group_id,
            cp.id AS partner_id, cp.user_id,
            COALESCE((cp.customer_billing_cycle_id ->> aml.company_id::text)::int,
                     %(cycle)s) AS billing_cycle_id,
            CASE WHEN cp.is_national_account THEN cp.id
                 ELSE cp.national_account_id END AS national_account_id,
            %(account_type)s AS customer_account_type, aml.move_id, aml.currency_id,
            aml.date, aml.date_maturity, GREATEST(%(days)s, 0) AS days_overdue,
            %(bucket)s AS aging_bucket,
            %(residual)s AS residual, %(residual_currency)s AS residual_currency,
            CASE WHEN aml.customer_retainage THEN %(residual)s ELSE 0 END
                AS retainage
            """,
            group=self._fallback(fallbacks, "group_id", SQL("aml.company_id")),
            cycle=self._fallback(fallbacks, "billing_cycle_id", SQL("aml.company_id")),
            account_type=self._customer_account_type(fallbacks, SQL("aml.company_id")),
            days=days,
            bucket=self._aging_bucket(SQL("aml.customer_retainage"), days),
            residual=residual,
            residual_currency=residual_currency,
        )
        return self._open_items(
            facts,
            columns,
            joins=joins,
            where=SQL("AND (%s != 0 OR %s != 0)", residual, residual_currency),
        )

    @staticmethod
    def _aging_bucket(retainage, days):
        """SQL of the aging period of an item (``retainage`` and ``days`` past its
        due or document date, SQL expressions) in the periods of its company
        ``c``."""
        return SQL(
            """
            CASE WHEN %(retainage)s THEN 'retainage'
                 WHEN %(days)s <= 0 THEN 'current'
                 WHEN %(days)s <= c.customer_aging_period_1 THEN 'period_1'
                 WHEN %(days)s <= c.customer_aging_period_2 THEN 'period_2'
                 WHEN %(days)s <= c.customer_aging_period_3 THEN 'period_3'
                 WHEN %(days)s <= c.customer_aging_period_4 THEN 'period_4'
                 ELSE 'older' END
            """,
            retainage=retainage,
            days=days,
        )

    def _age_date(self, alias):
        """SQL of the date an item of ``alias`` ages from, on the context's basis."""
        if self._aging_basis() == "due":
            return SQL(
                "COALESCE(%s, %s)",
                SQL.identifier(alias, "date_maturity"),
                SQL.identifier(alias, "date"),
            )
        return SQL.identifier(alias, "date")

    def _summary_query(self):
        """One row per company, group and aging period: the summary the pivot and
        the graph show, from the movements kept as the ledger changes
        (``account.customer.aging.movement``) rather than from every open item.
        ``item_count`` is the number of items each row stands for.

        The balance-forward customers' items are read as the items' rows read them,
        and what their unapplied credits pay moves their amounts between periods."""
        fallbacks = self._company_fallbacks()
        facts = self._aging_facts(fallbacks)
        aging_date = self._aging_date()
        parts = [
            SQL(
                """
                SELECT company_id, group_id, retainage, %s AS age_date, amount,
                       item_count
                  FROM account_customer_aging_movement mv
                 WHERE movement_date <= %s
                """,
                self._age_date("mv"),
                aging_date,
            )
        ]
        forward = self._forward_residuals(fallbacks, facts, summary=True)
        if forward is not None:
            # The movements count these items as open-item ones: the difference.
            parts.append(
                SQL(
                    """
                    SELECT company_id, group_id, retainage, age_date,
                           residual - amount AS amount,
                           (CASE WHEN residual != 0 OR residual_currency != 0
                                 THEN 1 ELSE 0 END)
                           - (CASE WHEN amount != 0 OR amount_currency != 0
                                   THEN 1 ELSE 0 END) AS item_count
                      FROM (%s) f
                    """,
                    forward,
                )
            )
        bucket = self._aging_bucket(
            SQL("u.retainage"), SQL("%s - u.age_date", aging_date)
        )
        return SQL(
            """
            SELECT ROW_NUMBER() OVER () AS id, s.company_id,
                   c.currency_id AS company_currency_id, s.customer_group_id,
                   s.aging_bucket, s.residual, s.retainage, s.item_count
              FROM (
                  SELECT u.company_id, u.group_id AS customer_group_id,
                         %(bucket)s AS aging_bucket,
                         SUM(u.amount) AS residual,
                         COALESCE(SUM(u.amount) FILTER (WHERE u.retainage), 0)
                             AS retainage,
                         SUM(u.item_count) AS item_count
                    FROM (%(parts)s) u
                    JOIN res_company c ON c.id = u.company_id
                   GROUP BY 1, 2, 3
                  HAVING SUM(u.item_count) != 0
              ) s
              JOIN res_company c ON c.id = s.company_id
            """,
            bucket=bucket,
            parts=SQL(" UNION ALL ").join(parts),
        )

    @api.model
    def _summary_serves(self, domain, groupby, aggregates, having=()):
        """Whether the summary's rows give what is read: groups and totals of
        company, group and aging period, filtered on them only, for companies
        whose customers are not balance-forward by default."""
        if SUMMARY in self.env.context or having:
            return False
        if not (
            set(groupby) <= SUMMARY_FIELDS and set(aggregates) <= SUMMARY_AGGREGATES
        ):
            return False
        if any(
            condition.field_expr.split(".")[0] not in SUMMARY_FIELDS
            for condition in Domain(domain).iter_conditions()
        ):
            return False
        return not self._forward_by_default(self._company_fallbacks())

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        report = self
        if self._summary_serves(domain, groupby, aggregates, having):
            report = self.with_context(**{SUMMARY: True})
        return super(AccountCustomerAgingReport, report)._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        report = self
        groupby = {spec for grouping_set in grouping_sets for spec in grouping_set}
        if self._summary_serves(domain, groupby, aggregates):
            report = self.with_context(**{SUMMARY: True})
        return super(AccountCustomerAgingReport, report)._read_grouping_sets(
            domain, grouping_sets, aggregates, order
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec == "__count" and self.env.context.get(SUMMARY):
            # Each of the summary's rows stands for its items.
            return SQL(
                "COALESCE(SUM(%s), 0)::int", SQL.identifier(self._table, "item_count")
            )
        return super()._read_group_select(aggregate_spec, query)

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
