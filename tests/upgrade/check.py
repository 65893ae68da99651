"""After the upgrade: take the snapshot again and compare it with the one dump.py
wrote before, plus what the migrations must make of the populated records.
Prints every difference and ends with "N passed, N failed"; exits 1 on any
difference.

Run through `odoo-bin shell` (`env` is given by the shell) on the upgraded
database. ACG_UPGRADE_DIR names this folder, ACG_UPGRADE_JSON the file
dump.py wrote. A field of tests/upgrade/renames.py missing under its new
name after the upgrade fails the check.
"""

import importlib
import json
import os
import sys

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`


def say(text):
    # The shell's stdout is what the runner reads (pylint-odoo frowns on print).
    sys.stdout.write(f"{text}\n")


sys.path.insert(0, os.environ["ACG_UPGRADE_DIR"])
snapshot = importlib.import_module("snapshot")


def compare(expected, actual, path, differences):
    """Count the leaves that are equal; note every one that is not."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        equal = 0
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                differences.append(f"{path}/{key}: missing after the upgrade")
            elif key not in expected:
                differences.append(
                    f"{path}/{key}: new after the upgrade: {actual[key]}"
                )
            else:
                equal += compare(
                    expected[key], actual[key], f"{path}/{key}", differences
                )
        return equal
    if expected != actual:
        differences.append(f"{path}: before {expected!r}, after {actual!r}")
        return 0
    return 1


with open(os.environ["ACG_UPGRADE_JSON"], encoding="utf-8") as handle:
    before = json.load(handle)
# Through JSON too, so tuples and lists compare alike.
after = json.loads(json.dumps(snapshot.snapshot(env)))
say(f"account_customer_group installed version: {snapshot.installed_version(env)}")
differences = []
equal = compare(before, after, "", differences)
# 19.0.1.2.0: the account set holds the customer currency its groups agreed on.
account_set = env["account.customer.account.set"].search([("code", "=", "UPGSET")])
if account_set.currency_id.name == "EUR":
    equal += 1
else:
    differences.append(
        f"account set UPGSET: currency {account_set.currency_id.name!r} after the "
        "upgrade, expected its groups' EUR"
    )
# 19.0.1.8.0: the aged receivables' movements are built from the ledger, and the
# summary read from them is what the open items add up to.
report = env["account.customer.aging.report"]
summary_specs = (
    [],
    ["company_id", "customer_group_id", "aging_bucket"],
    ["residual:sum", "__count"],
)
summary = report._read_group(*summary_specs)
items = report.with_context(customer_aging_summary=False)._read_group(*summary_specs)
aging_drift = env["account.customer.aging.movement"]._drift()
if summary and summary == items and not aging_drift:
    equal += 1
else:
    differences.append(
        f"aged receivables: summary {summary}, items {items}, movements differing "
        f"from the ledger {aging_drift[:2]}"
    )
for difference in differences:
    say(f"DIFFERENCE {difference}")
say(f"{equal} passed, {len(differences)} failed")
if differences:
    sys.exit(1)
