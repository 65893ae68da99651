import copy

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, mute_logger


class AccountCustomerInterestRun(models.Model):
    """Interest charged to a company's customers up to a date, in the background."""

    _name = "account.customer.interest.run"
    _description = "Interest Run"
    _inherit = ("account.customer.run.mixin", "account.customer.interest.mixin")
    # Computing charges is a few queries per batch and an invoice per customer:
    # 200 customers make a batch of seconds.
    _run_batch_size = 200

    line_ids = fields.One2many(
        "account.customer.interest.run.line", "run_id", string="Customer Lines"
    )
    move_ids = fields.Many2many(
        "account.move",
        string="Interest Invoices",
        compute="_compute_move_ids",
        help="Interest invoices the run created.",
    )
    charged_count = fields.Integer(
        string="Charged",
        compute="_compute_move_ids",
        help="Customers charged interest.",
    )

    @api.depends("line_ids.move_ids")
    def _compute_move_ids(self):
        for run in self:
            charged = run.line_ids.filtered("move_ids")
            run.move_ids = charged.move_ids
            run.charged_count = len(charged)

    @api.depends("run_date")
    def _compute_display_name(self):
        for run in self:
            run.display_name = self.env._(
                "Interest to %(date)s", date=format_date(self.env, run.run_date)
            )

    def _check_start(self):
        if not self.run_date:
            raise UserError(self.env._("Set the run date to charge interest up to."))
        if not self._overdue_lines():
            raise UserError(
                self.env._(
                    "No customer of the run has anything overdue on %(date)s.",
                    date=format_date(self.env, self.run_date),
                )
            )

    def _collect_line_values(self):
        customers = self._overdue_lines().partner_id.commercial_partner_id
        return [
            {"run_id": self.id, "partner_id": partner.id}
            for partner in customers.sorted("name")
        ]

    def _process_lines(self, lines):
        invoices = self._interest_invoices_vals(lines.partner_id)
        by_partner = {}
        for partner, vals in invoices:
            by_partner.setdefault(partner, []).append(vals)
        nothing = lines.filtered(lambda line: line.partner_id not in by_partner)
        nothing.write(
            {
                "state": "skipped",
                "error": self.env._(
                    "Nothing to charge on %(date)s: nothing overdue beyond the grace "
                    "days, every day charged already, or below the minimum charge.",
                    date=format_date(self.env, self.run_date),
                ),
            }
        )
        to_charge = lines - nothing
        try:
            # The batch at once, which is fast; one customer at a time when some
            # charge is refused, to tell which.
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._charge(to_charge, by_partner)
        except (UniqueViolation, UserError):
            for line in to_charge:
                self._charge_one(line, by_partner[line.partner_id])

    def _charge(self, lines, by_partner):
        # Odoo posts its "Invoice Created" message invoice by invoice, which took
        # more than a third of the run; a note each, logged for the batch at once,
        # says more.
        Move = (
            self.env["account.move"]
            .with_company(self.company_id)
            .with_context(mail_create_nolog=True)
        )
        # Given all their lines, the invoices need nothing of Odoo's sync of an
        # invoice's lines, about half of what was left; the invoices then go on
        # without the context, and are synchronized as any other when edited.
        # Copies: creating may alter them, and a refused batch retries them.
        moves = (
            Move.with_context(skip_invoice_sync=True)
            .create(
                [
                    self._with_all_lines(copy.deepcopy(vals))
                    for line in lines
                    for vals in by_partner[line.partner_id]
                ]
            )
            .with_env(Move.env)
        )
        moves._message_log_batch(
            bodies=dict.fromkeys(
                moves.ids,
                self.env._("Interest charged by %(run)s.", run=self._get_html_link()),
            )
        )
        if self.post_invoices:
            moves.action_post()
        # The unique index on the charges is checked here, in this savepoint.
        self.env.flush_all()
        by_customer = moves.grouped("partner_id")
        company = self.company_id
        lines.write({"state": "done", "error": False})
        # Setting a line's invoices reads what it had: read for the batch at once.
        lines.fetch(["move_ids"])
        for line in lines:
            customer_moves = by_customer[line.partner_id]
            line.write(
                {
                    "move_ids": [fields.Command.set(customer_moves.ids)],
                    "amount": sum(
                        move.currency_id._convert(
                            move.amount_total,
                            company.currency_id,
                            company,
                            self.run_date,
                        )
                        for move in customer_moves
                    ),
                }
            )

    def _with_all_lines(self, vals):
        """``vals`` of an interest invoice with all its journal items, as Odoo's
        sync of an invoice's lines makes them once it is created, line by line:
        the charges' amounts, in the invoice's currency and the company's, as its
        tax sync rounds them; the receivable, due on the invoice's due date, as its
        sync of payment terms makes it without terms. Untaxed, without terms, cash
        rounding or discount, the invoice needs nothing else of the sync."""
        AccountTax = self.env["account.tax"]
        company = self.company_id
        currency = self.env["res.currency"].browse(vals["currency_id"])
        rate = self.env["res.currency"]._get_conversion_rate(
            company.currency_id, currency, company, vals["invoice_date"]
        )
        line_vals = [command[2] for command in vals["invoice_line_ids"]]
        base_lines = [
            AccountTax._prepare_base_line_for_taxes_computation(
                None,
                price_unit=values["price_unit"],
                quantity=values["quantity"],
                currency_id=currency,
                rate=rate,
                # A customer invoice credits its income.
                sign=-1,
            )
            for values in line_vals
        ]
        AccountTax._add_tax_details_in_base_lines(base_lines, company)
        AccountTax._round_base_lines_tax_details(base_lines, company)
        for values, base_line in zip(line_vals, base_lines, strict=True):
            details = base_line["tax_details"]
            values["amount_currency"] = -(
                details["total_excluded_currency"]
                + details["delta_total_excluded_currency"]
            )
            values["balance"] = -(
                details["total_excluded"] + details["delta_total_excluded"]
            )
        vals["line_ids"] = [
            fields.Command.create(
                {
                    "display_type": "payment_term",
                    "date_maturity": vals["invoice_date_due"],
                    "amount_currency": -currency.round(
                        sum(values["amount_currency"] for values in line_vals)
                    ),
                    "balance": -company.currency_id.round(
                        sum(values["balance"] for values in line_vals)
                    ),
                }
            )
        ]
        return vals

    def _charge_one(self, line, invoice_vals):
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self._charge(line, {line.partner_id: invoice_vals})
        except UniqueViolation:
            line.write(
                {"state": "skipped", "error": self._already_charged(invoice_vals)}
            )
        except UserError as error:
            line.write({"state": "failed", "error": str(error)})

    def _already_charged(self, invoice_vals):
        """Why a customer's charges were refused: the interest invoices, and their
        runs, that charged the same items for the same period first."""
        charges = [
            (command[2]["interest_source_line_id"], command[2]["interest_date_from"])
            for vals in invoice_vals
            for command in vals["invoice_line_ids"]
        ]
        MoveLine = self.env["account.move.line"]
        moves = MoveLine.browse()
        for source_id, date_from in charges:
            moves |= MoveLine.search(
                [
                    ("interest_source_line_id", "=", source_id),
                    ("interest_date_from", "=", date_from),
                    ("parent_state", "!=", "cancel"),
                ]
            )
        moves = moves.move_id
        runs = (
            self.env["account.customer.interest.run.line"]
            .search([("move_ids", "in", moves.ids)])
            .run_id
        )
        return self.env._(
            "Already charged by %(documents)s.",
            documents=", ".join(
                runs.mapped("display_name") + moves.mapped("display_name")
            ),
        )

    def action_open_moves(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Interest Invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.move_ids.ids)],
            "context": {"default_move_type": "out_invoice"},
        }

    def _done_summary(self):
        return self.env._(
            "%(charged)s customers charged interest, %(skipped)s with nothing to "
            "charge, %(failed)s failed.",
            charged=self.charged_count,
            skipped=self.skipped_count,
            failed=self.failed_count,
        )
