"""Integration suite: drive the addon from outside, as a partner system would.

Runs the same scenarios over XML-RPC (`/xmlrpc/2`, deprecated in Odoo 19) and
over the JSON-2 API (`/json/2/<model>/<method>` with a bearer API key) that
replaces it, then the fuzz part (tests/rpc/fuzz.py): calls the addon must refuse,
by an integration user, a billing clerk, another company's manager and a portal
user. Standard library only.

Usage:
    python3 tests/rpc/client.py --url http://127.0.0.1:PORT --db DB --credentials FILE
Prints one line per scenario, the fuzz part's count of calls and its problems, and
ends with "N passed, N failed" (the fuzz part counts as one); exits 1 on any
failure.
"""

import argparse
import json
import sys
import traceback

from fuzz import Fuzz
from protocols import Json2, XmlRpc
from scenarios import Scenarios


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
    users = (*roles, "scheduler")
    transports = [("X", *map(xml, users)), ("J", *map(json2, users))]
    passed = failed = 0
    for tag, api, clerk, manager_b, scheduler in transports:
        for name, scenario in Scenarios(api, clerk, manager_b, scheduler, tag):
            try:
                scenario()
            except Exception:  # noqa: BLE001 -- every failure is reported, then counted
                failed += 1
                print(f"FAIL {api.transport}: {name}\n{traceback.format_exc()}")
            else:
                passed += 1
                print(f"ok   {api.transport}: {name}")
    fuzz = Fuzz({who: json2(who) for who in (*roles, "portal")}).run()
    for problem in fuzz.problems:
        print(f"FAIL fuzz: {problem}")
    print(
        f"fuzz: {fuzz.tried} calls tried over JSON-2 ({fuzz.refused} refused, "
        f"{fuzz.accepted} accepted), {len(fuzz.problems)} problems"
    )
    if fuzz.problems:
        failed += 1
    else:
        passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
