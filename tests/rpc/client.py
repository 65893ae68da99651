"""Integration suite: drive the addon from outside, as a partner system would.

Runs the same scenarios over XML-RPC (`/xmlrpc/2`, deprecated in Odoo 19) and
over the JSON-2 API (`/json/2/<model>/<method>` with a bearer API key) that
replaces it. Standard library only.

Usage:
    python3 tests/rpc/client.py --url http://127.0.0.1:PORT --db DB --credentials FILE
Prints one line per scenario and ends with "N passed, N failed"; exits 1 on any
failure.
"""

import argparse
import json
import random
import string
import sys
import traceback

from protocols import Json2, XmlRpc, check, expect_error


def scenarios(api, clerk, manager_b, transport_letter):
    """Yield (name, function) pairs.

    Codes carry the transport's letter and a random run id, so both transports
    and repeated runs on one database never collide on the unique codes.
    """
    tag = transport_letter + "".join(
        random.choices(string.ascii_uppercase + string.digits, k=3)
    )
    state = {}

    def receivable_and_income():
        accounts = api.call(
            "account.account",
            "search_read",
            domain=[("account_type", "in", ["asset_receivable", "income"])],
            fields=["account_type"],
        )
        by_type = {account["account_type"]: account["id"] for account in accounts}
        state["receivable"], state["income"] = (
            by_type["asset_receivable"],
            by_type["income"],
        )
        state["defaults"] = api.call(
            "account.customer.group",
            "search_read",
            domain=[("code", "=", "DOM")],
            fields=["interest_profile_id", "payment_term_id"],
        )[0]
        check(
            state["defaults"]["interest_profile_id"],
            "the default group has an interest profile",
        )

    def create_account_set_and_group():
        state["set"] = api.call(
            "account.customer.account.set",
            "create",
            vals_list=[
                {
                    "code": f"S{tag}",
                    "name": "Integration set",
                    "receivable_account_id": state["receivable"],
                }
            ],
        )[0]
        state["group"] = api.call(
            "account.customer.group",
            "create",
            vals_list=[
                {
                    "code": f"I{tag}".lower(),
                    "name": f"Integration {tag}",
                    "account_set_id": state["set"],
                    "interest_profile_id": state["defaults"]["interest_profile_id"][0],
                    "payment_term_id": state["defaults"]["payment_term_id"][0],
                    "account_type": "balance_forward",
                }
            ],
        )[0]
        [group] = api.call(
            "account.customer.group",
            "read",
            ids=[state["group"]],
            fields=["code", "member_count"],
        )
        check(
            group["code"] == f"I{tag}", f"code stored upper-case, got {group['code']}"
        )
        check(group["member_count"] == 0, "a new group has no members")

    def assign_customers():
        partners = api.call(
            "res.partner",
            "create",
            vals_list=[
                {
                    "name": f"Integration customer {tag}{i}",
                    "customer_group_id": state["group"],
                }
                for i in range(3)
            ],
        )
        state["partners"] = partners
        rows = api.call(
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
                row["customer_group_id"][0] == state["group"],
                "customer is in the group",
            )
            check(
                row["property_account_receivable_id"][0] == state["receivable"],
                "receivable account applied",
            )
            check(
                row["customer_account_type"] == "balance_forward",
                "account type applied",
            )
        [group] = api.call(
            "account.customer.group",
            "read",
            ids=[state["group"]],
            fields=["member_count"],
        )
        check(group["member_count"] == 3, f"3 members, got {group['member_count']}")
        state["partners"] = partners

    def roll_down_to_one_member():
        api.call(
            "account.customer.group",
            "write",
            ids=[state["group"]],
            vals={"account_type": "open_item"},
        )
        first, *others = state["partners"]
        result = api.call(
            "account.customer.group",
            "apply_defaults_to_members",
            ids=[state["group"]],
            field_names=["customer_account_type"],
            member_ids=[first],
        )
        check(
            [row["partner_id"] for row in result] == [first],
            f"one member changed, got {result}",
        )
        rows = api.call(
            "res.partner",
            "read",
            ids=state["partners"],
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

    def locked_field_is_refused():
        api.call(
            "account.customer.group",
            "write",
            ids=[state["group"]],
            vals={"account_type_mode": "locked"},
        )
        member = state["partners"][1]
        expect_error(
            lambda: api.call(
                "res.partner",
                "write",
                ids=[member],
                vals={"customer_account_type": "balance_forward"},
            ),
            "UserError",
            "is locked by its customer group",
        )
        [row] = api.call(
            "res.partner", "read", ids=[member], fields=["customer_account_type"]
        )
        check(
            row["customer_account_type"] == "open_item",
            f"locked value kept, got {row['customer_account_type']}",
        )

    def code_too_long_is_refused():
        before = api.call("account.customer.group", "search_count", domain=[])
        expect_error(
            lambda: api.call(
                "account.customer.group",
                "create",
                vals_list=[
                    {
                        "code": "TOOLONG7",
                        "name": "Too long",
                        "account_set_id": state["set"],
                        "interest_profile_id": state["defaults"]["interest_profile_id"][
                            0
                        ],
                        "payment_term_id": state["defaults"]["payment_term_id"][0],
                    }
                ],
            ),
            "ValidationError",
            "use at most 6",
        )
        check(
            api.call("account.customer.group", "search_count", domain=[]) == before,
            "nothing written",
        )

    def wrong_account_type_is_refused():
        before = api.call("account.customer.account.set", "search_count", domain=[])
        expect_error(
            lambda: api.call(
                "account.customer.account.set",
                "create",
                vals_list=[
                    {
                        "code": f"B{tag}",
                        "name": "Income",
                        "receivable_account_id": state["income"],
                    }
                ],
            ),
            "ValidationError",
            "must be a receivable account",
        )
        check(
            api.call("account.customer.account.set", "search_count", domain=[])
            == before,
            "nothing written",
        )

    def clerk_cannot_create_a_group():
        expect_error(
            lambda: clerk.call(
                "account.customer.group",
                "create",
                vals_list=[
                    {
                        "code": "CLERK",
                        "name": "Clerk",
                        "account_set_id": state["set"],
                        "interest_profile_id": state["defaults"]["interest_profile_id"][
                            0
                        ],
                        "payment_term_id": state["defaults"]["payment_term_id"][0],
                    }
                ],
            ),
            "AccessError",
            "",
        )
        [group] = clerk.call(
            "account.customer.group", "read", ids=[state["group"]], fields=["code"]
        )
        check(group["code"] == f"I{tag}", "the clerk can read groups")

    def other_company_cannot_read_the_group():
        expect_error(
            lambda: manager_b.call(
                "account.customer.group", "read", ids=[state["group"]], fields=["code"]
            ),
            "AccessError",
            "",
        )
        codes = {
            g["code"]
            for g in manager_b.call(
                "account.customer.group", "search_read", domain=[], fields=["code"]
            )
        }
        check(f"I{tag}" not in codes, "company B does not list company A's group")
        check({"DOM", "EUR", "OVS"} <= codes, "company B has its own default groups")

    def credit_limits_and_statistics():
        partner = state["partners"][0]
        api.call(
            "account.customer.group",
            "write",
            ids=[state["group"]],
            vals={
                "check_credit_limit": True,
                "check_overdue": True,
                "overdue_days": 30,
            },
        )
        [group] = api.call(
            "account.customer.group",
            "read",
            ids=[state["group"]],
            fields=["credit_limit_ids"],
        )
        api.call(
            "account.customer.credit.limit",
            "write",
            ids=group["credit_limit_ids"][:1],
            vals={"credit_limit": 500.0, "overdue_limit": 100.0},
        )
        invoice = api.call(
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
                                "price_unit": 120.0,
                                "account_id": state["income"],
                                "tax_ids": [[6, 0, []]],
                            },
                        ]
                    ],
                }
            ],
        )[0]
        api.call("account.move", "action_post", ids=[invoice])
        [limits] = api.call("res.partner", "get_effective_credit_limits", ids=[partner])
        check(
            limits["credit_limit"] == 500.0 and limits["overdue_limit"] == 100.0,
            f"group limits apply: {limits}",
        )
        check(
            limits["outstanding"] == 120.0,
            f"outstanding is the posted invoice: {limits}",
        )
        api.call(
            "account.customer.group",
            "action_recalculate_statistics",
            ids=[state["group"]],
        )
        rows = api.call(
            "account.customer.statistic",
            "search_read",
            domain=[
                ("group_id", "=", state["group"]),
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
            api.call(
                "account.customer.group", "get_statistics_drift", ids=[state["group"]]
            )
            == [],
            "no drift",
        )

    def salesperson_split_must_total_100():
        users = api.call("res.users", "search", domain=[("share", "=", False)], limit=2)
        before = api.call(
            "account.customer.group",
            "read",
            ids=[state["group"]],
            fields=["salesperson_ids"],
        )[0]
        expect_error(
            lambda: api.call(
                "account.customer.group",
                "write",
                ids=[state["group"]],
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
        after = api.call(
            "account.customer.group",
            "read",
            ids=[state["group"]],
            fields=["salesperson_ids"],
        )[0]
        check(after["salesperson_ids"] == before["salesperson_ids"], "nothing written")

    yield "read the default group and accounts", receivable_and_income
    yield "create an account set and a group", create_account_set_and_group
    yield "assign customers, defaults applied", assign_customers
    yield (
        "effective credit limits, posting, recalculation and statistics",
        credit_limits_and_statistics,
    )
    yield (
        "salesperson shares of 60 + 39.99 refused, nothing written",
        salesperson_split_must_total_100,
    )
    yield "roll a changed default down to one member", roll_down_to_one_member
    yield "locked field refused on a member, nothing written", locked_field_is_refused
    yield "code of 8 characters refused, nothing written", code_too_long_is_refused
    yield "income account as receivables control refused", wrong_account_type_is_refused
    yield "Invoicing clerk cannot create a group", clerk_cannot_create_a_group
    yield (
        "user of another company cannot read the group",
        other_company_cannot_read_the_group,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--credentials", required=True)
    args = parser.parse_args()
    with open(args.credentials, encoding="utf-8") as credentials_file:
        credentials = json.load(credentials_file)

    def xml(who):
        return XmlRpc(
            args.url, args.db, credentials[who]["login"], credentials[who]["password"]
        )

    def json2(who):
        return Json2(args.url, args.db, credentials[who]["api_key"])

    roles = ("integration", "clerk", "manager_b")
    transports = [("X", *map(xml, roles)), ("J", *map(json2, roles))]
    passed = failed = 0
    for tag, api, clerk, manager_b in transports:
        for name, scenario in scenarios(api, clerk, manager_b, tag):
            try:
                scenario()
            except Exception:  # noqa: BLE001 -- every failure is reported, then counted
                failed += 1
                print(f"FAIL {api.transport}: {name}\n{traceback.format_exc()}")
            else:
                passed += 1
                print(f"ok   {api.transport}: {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
