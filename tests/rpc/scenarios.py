"""The integration suite's scenarios (tests/rpc/client.py runs them): a partner
system's calls, the same over XML-RPC and over JSON-2."""

import datetime
import random
import string

from protocols import check, expect_error

GROUP_MODEL = "account.customer.group"


class Scenarios:
    """The scenarios, run in order on one transport: each a (name, method) pair.

    Codes carry the transport's letter and a random run id, so both transports
    and repeated runs on one database never collide on the unique codes.
    """

    def __init__(self, api, clerk, manager_b, scheduler, transport_letter):
        self.api, self.clerk, self.manager_b = api, clerk, manager_b
        self.scheduler = scheduler
        self.tag = transport_letter + "".join(
            random.choices(string.ascii_uppercase + string.digits, k=3)
        )
        self.state = {}

    def __iter__(self):
        return iter(
            [
                ("read the default group and accounts", self.receivable_and_income),
                (
                    "create an account set and a group",
                    self.create_account_set_and_group,
                ),
                ("assign customers, defaults applied", self.assign_customers),
                (
                    "effective credit limits, posting, recalculation and statistics",
                    self.credit_limits_and_statistics,
                ),
                (
                    "statement and interest runs done in the background",
                    self.statement_and_interest_runs,
                ),
                (
                    "salesperson shares of 60 + 39.99 refused, nothing written",
                    self.salesperson_split_must_total_100,
                ),
                (
                    "roll a changed default down to one member",
                    self.roll_down_to_one_member,
                ),
                (
                    "locked field refused on a member, nothing written",
                    self.locked_field_is_refused,
                ),
                (
                    "code of 8 characters refused, nothing written",
                    self.code_too_long_is_refused,
                ),
                (
                    "income account as receivables control refused",
                    self.wrong_account_type_is_refused,
                ),
                (
                    "Invoicing clerk cannot create a group",
                    self.clerk_cannot_create_a_group,
                ),
                (
                    "user of another company cannot read the group",
                    self.other_company_cannot_read_the_group,
                ),
            ]
        )

    def read_group(self, *fields, via=None):
        return (via or self.api).call(
            GROUP_MODEL, "read", ids=[self.state["group"]], fields=list(fields)
        )[0]

    def on_group(self, method, **kwargs):
        return self.api.call(GROUP_MODEL, method, ids=[self.state["group"]], **kwargs)

    def group_vals(self, code, name, **vals):
        return {
            "code": code,
            "name": name,
            "account_set_id": self.state["set"],
            "interest_profile_id": self.state["defaults"]["interest_profile_id"][0],
            "payment_term_id": self.state["defaults"]["payment_term_id"][0],
            **vals,
        }

    def refused(self, model, create, error, message):
        """``create`` fails with ``error``, and ``model`` has no new record."""
        before = self.api.call(model, "search_count", domain=[])
        expect_error(create, error, message)
        after = self.api.call(model, "search_count", domain=[])
        check(after == before, "nothing written")

    def receivable_and_income(self):
        accounts = self.api.call(
            "account.account",
            "search_read",
            domain=[("account_type", "in", ["asset_receivable", "income"])],
            fields=["account_type"],
        )
        by_type = {account["account_type"]: account["id"] for account in accounts}
        self.state["receivable"], self.state["income"] = (
            by_type["asset_receivable"],
            by_type["income"],
        )
        self.state["defaults"] = self.api.call(
            "account.customer.group",
            "search_read",
            domain=[("code", "=", "DOM")],
            fields=["interest_profile_id", "payment_term_id"],
        )[0]
        check(
            self.state["defaults"]["interest_profile_id"],
            "the default group has an interest profile",
        )

    def create_account_set_and_group(self):
        self.state["set"] = self.api.call(
            "account.customer.account.set",
            "create",
            vals_list=[
                {
                    "code": f"S{self.tag}",
                    "name": "Integration set",
                    "receivable_account_id": self.state["receivable"],
                }
            ],
        )[0]
        self.state["group"] = self.api.call(
            GROUP_MODEL,
            "create",
            vals_list=[
                self.group_vals(
                    f"I{self.tag}".lower(),
                    f"Integration {self.tag}",
                    account_type="balance_forward",
                )
            ],
        )[0]
        group = self.read_group("code", "member_count")
        check(
            group["code"] == f"I{self.tag}",
            f"code stored upper-case, got {group['code']}",
        )
        check(group["member_count"] == 0, "a new group has no members")

    def assign_customers(self):
        partners = self.api.call(
            "res.partner",
            "create",
            vals_list=[
                {
                    "name": f"Integration customer {self.tag}{i}",
                    "customer_group_id": self.state["group"],
                }
                for i in range(3)
            ],
        )
        self.state["partners"] = partners
        rows = self.api.call(
            "res.partner",
            "read",
            ids=partners,
            fields=[
                "customer_group_id",
                "property_account_receivable_id",
                "customer_interest_profile_id",
                "customer_account_type",
            ],
        )
        for row in rows:
            check(
                row["customer_group_id"][0] == self.state["group"],
                "customer is in the group",
            )
            check(
                row["property_account_receivable_id"][0] == self.state["receivable"],
                "receivable account applied",
            )
            check(
                row["customer_account_type"] == "balance_forward",
                "account type applied",
            )
        group = self.read_group("member_count")
        check(group["member_count"] == 3, f"3 members, got {group['member_count']}")
        self.state["partners"] = partners

    def roll_down_to_one_member(self):
        self.on_group(
            "write",
            vals={"account_type": "open_item"},
        )
        first, *others = self.state["partners"]
        result = self.on_group(
            "apply_defaults_to_members",
            field_names=["customer_account_type"],
            member_ids=[first],
        )
        check(
            [row["partner_id"] for row in result] == [first],
            f"one member changed, got {result}",
        )
        rows = self.api.call(
            "res.partner",
            "read",
            ids=self.state["partners"],
            fields=["customer_account_type"],
        )
        types = {row["id"]: row["customer_account_type"] for row in rows}
        check(
            types[first] == "open_item",
            "the chosen member got the group's account type",
        )
        check(
            all(types[other] == "balance_forward" for other in others),
            "the other members kept theirs",
        )

    def locked_field_is_refused(self):
        self.on_group(
            "write",
            vals={"account_type_mode": "locked"},
        )
        member = self.state["partners"][1]
        expect_error(
            lambda: self.api.call(
                "res.partner",
                "write",
                ids=[member],
                vals={"customer_account_type": "balance_forward"},
            ),
            "UserError",
            "is locked by its customer group",
        )
        [row] = self.api.call(
            "res.partner", "read", ids=[member], fields=["customer_account_type"]
        )
        check(
            row["customer_account_type"] == "open_item",
            f"locked value kept, got {row['customer_account_type']}",
        )

    def code_too_long_is_refused(self):
        self.refused(
            GROUP_MODEL,
            lambda: self.api.call(
                GROUP_MODEL,
                "create",
                vals_list=[self.group_vals("TOOLONG7", "Too long")],
            ),
            "ValidationError",
            "use at most 6",
        )

    def wrong_account_type_is_refused(self):
        account_set = "account.customer.account.set"
        vals = {
            "code": f"B{self.tag}",
            "name": "Income",
            "receivable_account_id": self.state["income"],
        }
        self.refused(
            account_set,
            lambda: self.api.call(account_set, "create", vals_list=[vals]),
            "ValidationError",
            "must be a receivable account",
        )

    def clerk_cannot_create_a_group(self):
        expect_error(
            lambda: self.clerk.call(
                GROUP_MODEL, "create", vals_list=[self.group_vals("CLERK", "Clerk")]
            ),
            "AccessError",
            "",
        )
        group = self.read_group("code", via=self.clerk)
        check(group["code"] == f"I{self.tag}", "the clerk can read groups")

    def other_company_cannot_read_the_group(self):
        expect_error(
            lambda: self.manager_b.call(
                GROUP_MODEL, "read", ids=[self.state["group"]], fields=["code"]
            ),
            "AccessError",
            "",
        )
        codes = {
            g["code"]
            for g in self.manager_b.call(
                "account.customer.group", "search_read", domain=[], fields=["code"]
            )
        }
        check(f"I{self.tag}" not in codes, "company B does not list company A's group")
        check({"DOM", "EUR", "OVS"} <= codes, "company B has its own default groups")

    def credit_limits_and_statistics(self):
        partner = self.state["partners"][0]
        self.on_group(
            "write",
            vals={
                "check_credit_limit": True,
                "check_overdue": True,
                "overdue_days": 30,
            },
        )
        group = self.read_group("credit_limit_ids")
        self.api.call(
            "account.customer.credit.limit",
            "write",
            ids=group["credit_limit_ids"][:1],
            vals={"credit_limit": 500.0, "overdue_limit": 100.0},
        )
        self.post_invoice(partner, 120.0)
        [limits] = self.api.call(
            "res.partner", "get_effective_credit_limits", ids=[partner]
        )
        check(
            limits["credit_limit"] == 500.0 and limits["overdue_limit"] == 100.0,
            f"group limits apply: {limits}",
        )
        check(
            limits["outstanding"] == 120.0,
            f"outstanding is the posted invoice: {limits}",
        )
        self.on_group(
            "action_recalculate_statistics",
        )
        rows = self.api.call(
            "account.customer.statistic",
            "search_read",
            domain=[
                ("group_id", "=", self.state["group"]),
                ("transaction_type", "=", "invoice"),
            ],
            fields=["count", "amount"],
        )
        check(
            sum(r["count"] for r in rows) == 1
            and sum(r["amount"] for r in rows) == 120.0,
            f"statistics: {rows}",
        )
        check(
            self.on_group("get_statistics_drift") == [],
            "no drift",
        )

    def post_invoice(self, partner, amount, **vals):
        invoice = self.api.call(
            "account.move",
            "create",
            vals_list=[
                {
                    "move_type": "out_invoice",
                    "partner_id": partner,
                    "invoice_line_ids": [
                        [
                            0,
                            0,
                            {
                                "name": "Integration",
                                "quantity": 1,
                                "price_unit": amount,
                                "account_id": self.state["income"],
                                "tax_ids": [[6, 0, []]],
                            },
                        ]
                    ],
                    **vals,
                }
            ],
        )[0]
        self.api.call("account.move", "action_post", ids=[invoice])
        return invoice

    def run_in_background(self, model, run, via):
        """Start ``run`` as ``via`` and let the runs cron process it, as Odoo's cron
        worker would; the run as read at the end."""
        check(via.call(model, "action_start", ids=[run]) is True, "run started")
        [started] = via.call(model, "read", ids=[run], fields=["state"])
        check(started["state"] == "running", f"running once started: {started}")
        [cron] = self.scheduler.call(
            "ir.model.data",
            "search_read",
            domain=[
                ("module", "=", "account_customer_group"),
                ("name", "=", "ir_cron_account_customer_runs"),
            ],
            fields=["res_id"],
        )
        fields = [
            "state",
            "customer_count",
            "done_count",
            "skipped_count",
            "failed_count",
        ]
        # Each pass of the cron does what its time allows: a few suffice here.
        for _attempt in range(5):
            self.scheduler.call(
                "ir.cron", "method_direct_trigger", ids=[cron["res_id"]]
            )
            [row] = via.call(model, "read", ids=[run], fields=fields)
            if row["state"] != "running":
                break
        return row

    def statement_and_interest_runs(self):
        today = datetime.date.today().isoformat()
        group = [[6, 0, [self.state["group"]]]]
        [statements] = self.api.call(
            "account.customer.statement.run",
            "create",
            vals_list=[{"customer_group_ids": group, "statement_date": today}],
        )
        run = self.run_in_background(
            "account.customer.statement.run", statements, self.api
        )
        # The first customer owes the invoice posted above; the two others have
        # nothing open and no transaction, and are skipped.
        check(
            run["state"] == "done"
            and (run["customer_count"], run["done_count"], run["skipped_count"])
            == (3, 1, 2),
            f"statements: one printed, two skipped: {run}",
        )
        [printed] = self.api.call(
            "account.customer.statement.run",
            "read",
            ids=[statements],
            fields=["printed_count", "emailed_count", "attachment_id"],
        )
        check(
            printed["printed_count"] == 1
            and printed["emailed_count"] == 0
            and printed["attachment_id"],
            f"the printed statement is in the run's PDF: {printed}",
        )
        # A billing clerk runs interest: refused while nothing is overdue, done
        # once the second customer owes an invoice due two months ago.
        [interest] = self.clerk.call(
            "account.customer.interest.run",
            "create",
            vals_list=[{"customer_group_ids": group, "run_date": today}],
        )
        expect_error(
            lambda: self.clerk.call(
                "account.customer.interest.run", "action_start", ids=[interest]
            ),
            "UserError",
            "has anything overdue",
        )
        due = (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
        self.post_invoice(self.state["partners"][1], 80.0, invoice_date=due)
        run = self.run_in_background(
            "account.customer.interest.run", interest, self.clerk
        )
        check(
            run["state"] == "done"
            and run["customer_count"] >= 1
            and run["failed_count"] == 0,
            f"interest run done for the overdue customer, nothing failed: {run}",
        )

    def salesperson_split_must_total_100(self):
        users = self.api.call(
            "res.users", "search", domain=[("share", "=", False)], limit=2
        )
        before = self.read_group("salesperson_ids")
        expect_error(
            lambda: self.on_group(
                "write",
                vals={
                    "salesperson_ids": [
                        [0, 0, {"user_id": users[0], "percent": 60.0}],
                        [0, 0, {"user_id": users[1], "percent": 39.99}],
                    ]
                },
            ),
            "ValidationError",
            "99.99",
        )
        after = self.read_group("salesperson_ids")
        check(after["salesperson_ids"] == before["salesperson_ids"], "nothing written")
