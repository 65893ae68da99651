from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain

from ...rules import aging, interest


class AccountCustomerInterestMixin(models.AbstractModel):
    """The interest a company's customers owe on a date, and its invoices: what the
    Charge Interest wizard previews and the interest runs charge."""

    _name = "account.customer.interest.mixin"
    _inherit = "account.customer.run.wizard.mixin"
    _description = "Customer Interest Charges"

    company_id = fields.Many2one(
        help="Company whose customers are charged.",
    )
    run_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Interest is charged on the days overdue up to this date; it is also the "
        "date of the interest invoices.",
    )
    customer_group_ids = fields.Many2many(
        help="Charge only the customers of these groups. Leave empty for every group.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        help="Charge only these customers. Leave empty for every customer.",
    )
    billing_cycle_id = fields.Many2one(
        help="Charge only the customers of this billing cycle.",
    )
    post_invoices = fields.Boolean(
        help="Post the interest invoices at once. Otherwise they are created as drafts "
        "to review.",
    )

    def _customers(self, partners=None):
        """The customers the filters select, or None when no filter restricts them;
        only those of ``partners`` (commercial partners) when given, so that a batch
        does not read every customer of a large run."""
        self.ensure_one()
        Partner = self.env["res.partner"].with_company(self.company_id)
        domain = Domain.TRUE
        if self.customer_group_ids:
            domain &= Domain("customer_group_id", "in", self.customer_group_ids.ids)
        if self.billing_cycle_id:
            domain &= Domain("customer_billing_cycle_id", "=", self.billing_cycle_id.id)
        if self.partner_ids:
            domain &= Domain("id", "in", self.partner_ids.commercial_partner_id.ids)
        if domain.is_true():
            return None
        if partners is not None:
            domain &= Domain("commercial_partner_id", "in", partners.ids)
        return Partner.search(domain)

    def _overdue_lines(self, partners=None):
        """Posted receivable lines still open and past due on the run date, of
        ``partners`` (commercial partners) when given."""
        domain = self.env["account.move.line"]._customer_receivable_domain(
            self.company_id
        ) & Domain(
            [
                ("reconciled", "=", False),
                ("date_maturity", "<", self.run_date),
                ("amount_residual", ">", 0),
                ("partner_id", "!=", False),
            ]
        )
        customers = self._customers(partners)
        if customers is not None:
            domain &= Domain("partner_id", "in", customers.ids)
        if partners is not None:
            domain &= Domain("partner_id.commercial_partner_id", "in", partners.ids)
        return self.env["account.move.line"].search(
            domain, order="partner_id, date_maturity, id"
        )

    def _balance_forward_credits(self, partners):
        """What each balance-forward customer among ``partners`` has in unapplied
        credits on the run date, by ``(commercial partner, currency)``: they pay
        its oldest overdue items before any interest is charged on them."""
        company = self.company_id
        unapplied = defaultdict(float)
        MoveLine = self.env["account.move.line"]
        for partner, currency, amount in MoveLine._read_group(
            MoveLine._customer_receivable_domain(company)
            & Domain(
                [
                    ("reconciled", "=", False),
                    ("amount_residual", "<", 0),
                    ("date", "<=", self.run_date),
                    ("partner_id", "in", partners.ids),
                ]
            ),
            ["partner_id", "currency_id"],
            ["amount_residual_currency:sum"],
        ):
            customer = partner.commercial_partner_id.with_company(company)
            if customer.customer_account_type == "balance_forward":
                unapplied[customer, currency] -= amount
        return unapplied

    def _compute_charges(self, partners=None):
        """Interest owed on the run date, as values of preview lines.

        One entry per overdue document that owes interest, for the customers
        (all those the filters select, or ``partners``) and currencies whose
        total reaches their profile's minimum charge.
        """
        self.ensure_one()
        if not self.run_date:
            raise UserError(self.env._("Set the run date to charge interest up to."))
        lines = self._overdue_lines(partners)
        if not lines:
            return []
        MoveLine = self.env["account.move.line"]
        charged_until = dict(
            MoveLine._read_group(
                [
                    ("interest_source_line_id", "in", lines.ids),
                    ("parent_state", "in", ("draft", "posted")),
                ],
                ["interest_source_line_id"],
                ["interest_date_to:max"],
            )
        )
        interest_moves = {
            move
            for (move,) in MoveLine._read_group(
                [
                    ("move_id", "in", lines.move_id.ids),
                    ("interest_source_line_id", "!=", False),
                ],
                ["move_id"],
            )
        }
        company = self.company_id
        unapplied = self._balance_forward_credits(lines.partner_id)
        minimums = {}
        values = []
        for (partner, currency), doc_lines in lines.grouped(
            lambda line: (line.partner_id.commercial_partner_id, line.currency_id)
        ).items():
            profile = partner.with_company(company)._get_interest_profile()
            if not profile or not profile.annual_rate:
                continue
            # Whatever its date, the credit pays the oldest overdue items first.
            netted = aging.net_oldest_first(
                [
                    *doc_lines.mapped("amount_residual_currency"),
                    -unapplied.get((partner, currency), 0.0),
                ]
            )[:-1]
            open_amounts = {
                line_id: amount
                for line_id, amount in zip(doc_lines.ids, netted, strict=True)
                if currency.compare_amounts(amount, 0.0) > 0
            }
            doc_lines = doc_lines.browse(list(open_amounts))
            charges = interest.interest_charges(
                [
                    {
                        "key": line.id,
                        "due_date": line.date_maturity,
                        "open_amount": open_amounts[line.id],
                        "charged_until": charged_until.get(line),
                        "is_interest": line.move_id in interest_moves,
                    }
                    for line in doc_lines
                ],
                profile.annual_rate,
                profile.grace_days,
                profile.compound,
                self.run_date,
                currency.rounding,
            )
            if (profile, currency) not in minimums:
                minimums[profile, currency] = company.currency_id._convert(
                    profile.minimum_charge, currency, company, self.run_date
                )
            if not interest.meets_minimum_charge(
                sum(c["amount"] for c in charges), minimums[profile, currency]
            ):
                continue
            values += [
                {
                    "partner_id": partner.id,
                    "profile_id": profile.id,
                    "currency_id": currency.id,
                    "source_line_id": charge["key"],
                    "open_amount": open_amounts[charge["key"]],
                    "date_from": charge["date_from"],
                    "date_to": charge["date_to"],
                    "days": charge["days"],
                    "amount": charge["amount"],
                }
                for charge in charges
            ]
        return values

    def _create_interest_invoices(self):
        """Create one interest invoice per customer and currency; return them.

        The charges are computed again rather than taken from the preview, so
        that an invoice created meanwhile by another run is never doubled.
        """
        self.ensure_one()
        invoice_vals = [vals for _partner, vals in self._interest_invoices_vals()]
        Move = self.env["account.move"].with_company(self.company_id)
        moves = Move.create(invoice_vals) if invoice_vals else Move
        if moves and self.post_invoices:
            moves.action_post()
        return moves

    def _interest_invoices_vals(self, partners=None):
        """``(customer, invoice values)`` of the interest owed on the run date, one
        invoice per customer, currency and profile."""
        by_invoice = defaultdict(list)
        for charge in self._compute_charges(partners):
            by_invoice[
                charge["partner_id"], charge["currency_id"], charge["profile_id"]
            ].append(charge)
        # What the invoices share is looked up once for all of them, not once per
        # invoice: the customers and the documents charged (one read each), each
        # profile's journal and account, each language's environment.
        customers = {
            partner.id: partner
            for partner in self.env["res.partner"].browse(
                {partner_id for partner_id, _currency, _profile in by_invoice}
            )
        }
        source_lines = self.env["account.move.line"].browse(
            [
                charge["source_line_id"]
                for charges in by_invoice.values()
                for charge in charges
            ]
        )
        source_names = {line.id: line.move_id.name for line in source_lines}
        profiles = self.env["account.customer.interest.profile"].browse(
            {profile_id for _partner, _currency, profile_id in by_invoice}
        )
        postings = {
            profile.id: self._interest_journal_and_account(profile)
            for profile in profiles
        }
        lang_envs = {
            lang: self.with_context(lang=lang).env
            for lang in {partner.lang for partner in customers.values()}
        }
        return [
            (
                customers[partner_id],
                self._interest_invoice_vals(
                    customers[partner_id],
                    self.env["res.currency"].browse(currency_id),
                    profiles.browse(profile_id),
                    invoice_charges,
                    *postings[profile_id],
                    source_names,
                    lang_envs[customers[partner_id].lang],
                ),
            )
            for (
                partner_id,
                currency_id,
                profile_id,
            ), invoice_charges in by_invoice.items()
        ]

    def _interest_journal_and_account(self, profile):
        journal = profile.journal_id or self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        account = profile._interest_income_account()
        if not journal or not account:
            raise UserError(
                self.env._(
                    "The interest profile %(profile)s has no interest income account "
                    "and the company no default one, or the company has no sales "
                    "journal. Set the account on the profile or in Accounting "
                    "settings (Customer Group Interest), and the journal on the "
                    "profile.",
                    profile=profile.display_name,
                )
            )
        return journal, account

    def _interest_invoice_vals(
        self,
        partner,
        currency,
        profile,
        charges,
        journal,
        account,
        source_names,
        lang_env,
    ):
        """The values of ``partner``'s interest invoice of ``charges``, in
        ``journal`` to ``account``; ``source_names`` names the documents charged by
        line, ``lang_env`` is the environment in the customer's language."""
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "currency_id": currency.id,
            "invoice_date": self.run_date,
            # Interest is due at once: with the customer's usual terms, unpaid interest
            # would only be overdue, and so compounded, weeks later.
            "invoice_payment_term_id": False,
            "invoice_date_due": self.run_date,
            # Retainage holds back part of the price of work until it is accepted;
            # interest is no such price, and is due in full.
            "customer_retainage_percent": 0.0,
            "customer_retainage_days": 0,
            "invoice_origin": lang_env._("Interest to %(date)s", date=self.run_date),
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": lang_env._(
                            "Interest on %(document)s: %(days)s days, %(date_from)s to "
                            "%(date_to)s, at %(rate)s%% a year on %(amount)s",
                            document=source_names[charge["source_line_id"]],
                            days=charge["days"],
                            date_from=charge["date_from"],
                            date_to=charge["date_to"],
                            rate=profile.annual_rate,
                            amount=currency.format(charge["open_amount"]),
                        ),
                        "account_id": account.id,
                        "quantity": 1,
                        "price_unit": charge["amount"],
                        "tax_ids": [Command.set([])],
                        "interest_source_line_id": charge["source_line_id"],
                        "interest_date_from": charge["date_from"],
                        "interest_date_to": charge["date_to"],
                        "interest_days": charge["days"],
                    }
                )
                for charge in charges
            ],
        }
