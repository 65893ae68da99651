"""Tier 3 lifecycle: the addon installed on a live database with history, then
uninstalled and installed again. A database with only `account` is filled with
customers and two years of posted documents (tests/lifecycle/populate.py), the
addon is installed, the Assign Customer Groups wizard runs and is checked
(assign.py), the addon is uninstalled (uninstall.py), the customers' invoicing
settings are compared with those before (check.py), and it is installed again."""

import os
import re

from .common import INSTALL, MODULE, TierResult, header, runner_dir
from .sandbox import ONE_SHOT, logging_to, odoo_command
from .tier_upgrade import odoo_step

LIFECYCLE_LABEL = "TIER 3 lifecycle"
DATABASE = "acg_lifecycle"


def lifecycle_check(odoo, work, cluster, module_dir):
    header("TIER 3: install on a live database, assign, uninstall, reinstall")
    scripts = module_dir / "tests" / "lifecycle"
    logs = runner_dir(module_dir)
    env = {
        **os.environ,
        "ACG_LIFECYCLE_JSON": str(work / "lifecycle-before.json"),
        "ACG_LIFECYCLE_MODULE": MODULE,
        "ACG_LIFECYCLE_DIR": str(scripts),
    }
    steps = (
        ("install account only", ("-i", "account", *ONE_SHOT), None),
        ("populate customers and two years of documents", (), "populate.py"),
        (f"install {MODULE}", ("-i", INSTALL, *ONE_SHOT), None),
        ("assign customer groups by country, check, run again", (), "assign.py"),
        (f"uninstall {MODULE}", (), "uninstall.py"),
        ("customers' invoicing settings as before", (), "check.py"),
        (f"install {MODULE} again", ("-i", INSTALL, *ONE_SHOT), None),
    )
    passed = 0
    for index, (title, options, script) in enumerate(steps, 1):
        log = logs / f"odoo-lifecycle-{index}.log"
        command = odoo_command(
            odoo,
            work,
            cluster,
            DATABASE,
            *options,
            *(("--no-http",) if script else ()),
            *logging_to(log, "warn" if script else "info"),
            subcommand="shell" if script else "server",
        )
        if script:
            with open(scripts / script, "rb") as stdin:
                ok, output = odoo_step(title, command, log, work, stdin, env)
        else:
            ok, output = odoo_step(title, command, log, work, env=env)
        counts = re.search(r"^(\d+) passed, (\d+) failed$", output, re.MULTILINE)
        if counts:
            passed += int(counts[1])
            ok = ok and not int(counts[2])
        if not ok:
            return TierResult(
                LIFECYCLE_LABEL, "FAILED", f"{title} failed; log {log}", passed, 1
            )
    return TierResult(
        LIFECYCLE_LABEL,
        "PASSED",
        f"{passed} checks after install on history, assignment, uninstall and "
        "reinstall; no errors in their logs",
        passed,
    )
