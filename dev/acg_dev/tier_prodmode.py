"""Tier 3 prodmode: a month-end in Odoo's production mode. A copy of the tested
database gets 1,000 customers each owing an overdue invoice
(tests/prodmode/populate.py); Odoo serves it prefork, as in production, with 2 HTTP
workers, a cron worker and --limit-time-real 60; tests/prodmode/client.py charges
interest and sends statements through the web client's calls, every request timed
(none may take over 5 s), then does the next month for 400 of the customers while
killing the cron worker in the middle of each run; with the server stopped,
tests/prodmode/check.py checks that nothing was charged or emailed twice and that the
statistics equal the ledger."""

import os
import re
import shutil
import subprocess
import sys
import time

from .common import (
    SetupError,
    TierResult,
    header,
    run,
    run_captured,
    runner_dir,
    say,
    stop_process,
    summary_line,
    tail,
    timed_out_output,
)
from .sandbox import (
    logging_to,
    odoo_command,
    prefork_options,
    serve_in_background,
    wait_for_http,
)
from .tier_live import RPC_SUMMARY_RE
from .tier_upgrade import log_errors, odoo_step

PRODMODE_LABEL = "TIER 3 prodmode"
TEMPLATE = "acg_test"
DATABASE = "acg_prodmode"
WORKERS = 2
LIMIT_TIME_REAL = 60
CLIENT_TIMEOUT = 1200  # seconds
# What ir.cron logs when a run of a job ends.
JOB_DONE_RE = re.compile(
    r"Job 'Customer groups: process statement and interest runs' \(\d+\) "
    r"\w+ done \(.*duration (?P<seconds>[\d.]+)s\)"
)


def prodmode_check(odoo, work, cluster, module_dir):
    header(
        f"TIER 3: month-end on a prefork server ({WORKERS} workers, a cron worker, "
        f"--limit-time-real {LIMIT_TIME_REAL})"
    )
    started = time.monotonic()
    scripts = module_dir / "tests" / "prodmode"
    logs = runner_dir(module_dir)
    env = {
        **os.environ,
        "ACG_PRODMODE_SETUP": str(work / "prodmode-setup.json"),
        "ACG_PRODMODE_RUNS": str(work / "prodmode-runs.json"),
    }
    if not copy_database(work, cluster):
        return failed("copying the tested database failed")
    passed = 0
    ok, output = shell_step(
        odoo, work, cluster, scripts / "populate.py", logs, "populate", env
    )
    if not ok:
        return failed(f"populating failed; log {logs / 'odoo-prodmode-populate.log'}")
    say(f"populated after {time.monotonic() - started:.0f} s")
    log = logs / "odoo-prodmode-server.log"
    log.unlink(missing_ok=True)
    try:
        prefork = prefork_options(WORKERS, LIMIT_TIME_REAL)
    except SetupError as err:
        return failed(str(err))
    server, url = serve_in_background(
        odoo, work, cluster, DATABASE, log, *prefork, "--max-cron-threads", 1
    )
    try:
        if not wait_for_http(f"{url}/web/login", server, timeout=180):
            tail(log)
            return failed("the prefork server did not answer on loopback")
        client = drive(url, server.pid, log, scripts, env)
    finally:
        stop_process(server, timeout=60)
    counts = RPC_SUMMARY_RE.search(client.stdout)
    passed += int(counts["passed"]) if counts else 0
    server_errors = log_errors(log)
    for lines in server_errors:
        say("\n".join(lines[:40]))
    jobs = [
        float(seconds)
        for seconds in JOB_DONE_RE.findall(
            log.read_text(encoding="utf-8", errors="replace")
        )
    ]
    say(
        f"runs cron: {len(jobs)} job runs, longest {max(jobs, default=0):.1f} s "
        f"(limit {LIMIT_TIME_REAL} s)"
    )
    ok, output = shell_step(
        odoo, work, cluster, scripts / "check.py", logs, "check", env
    )
    checks = RPC_SUMMARY_RE.search(output)
    passed += int(checks["passed"]) if checks else 0
    elapsed = time.monotonic() - started
    problems = []
    if client.returncode or not counts or int(counts["failed"]):
        problems.append(f"client exit {client.returncode}")
    if server_errors:
        problems.append(f"{len(server_errors)} errors in the server's log {log}")
    if not jobs or max(jobs) > LIMIT_TIME_REAL:
        problems.append(
            f"a run of the runs cron took {max(jobs, default=0):.0f} s, over "
            f"--limit-time-real {LIMIT_TIME_REAL}"
        )
    if not ok or not checks or int(checks["failed"]):
        problems.append("the checks after the month-end failed")
    if problems:
        return TierResult(
            PRODMODE_LABEL,
            "FAILED",
            f"{'; '.join(problems)}; {elapsed:.0f} s",
            passed,
            1,
        )
    return TierResult(
        PRODMODE_LABEL,
        "PASSED",
        f"{summary_line(client.stdout)}; nothing charged or emailed twice, "
        f"statistics equal the ledger; part {elapsed:.0f} s",
        passed,
    )


def failed(why):
    say(f"*** {PRODMODE_LABEL} FAILED: {why} ***")
    return TierResult(PRODMODE_LABEL, "FAILED", why, 0, 1)


def copy_database(work, cluster):
    """The tested database and its filestore, copied: the month-end's data stays
    out of the database the other parts use."""
    statement = f'CREATE DATABASE "{DATABASE}" TEMPLATE "{TEMPLATE}"'
    if run(cluster.psql("odoo", statement)).returncode:
        return False
    filestore = work / "odoo-data" / "filestore"
    if (filestore / TEMPLATE).is_dir():
        shutil.copytree(filestore / TEMPLATE, filestore / DATABASE)
    return True


def shell_step(
    odoo,
    work,
    cluster,
    script,
    logs,
    name,
    env,
    part="prodmode",
    database=DATABASE,
    addons=None,
):
    """``script`` run by `odoo-bin shell` on the part's ``database``."""
    log = logs / f"odoo-{part}-{name}.log"
    command = odoo_command(
        odoo,
        work,
        cluster,
        database,
        "--no-http",
        *logging_to(log, "warn"),
        subcommand="shell",
        addons=addons,
    )
    with open(script, "rb") as stdin:
        return odoo_step(name, command, log, work, stdin, env, part=part)


def drive(url, server_pid, log, scripts, env):
    """The month-end through the web client's calls (tests/prodmode/client.py)."""
    try:
        return run_captured(
            [
                sys.executable,
                scripts / "client.py",
                *("--url", url, "--db", DATABASE, "--server-pid", server_pid),
                *("--setup", env["ACG_PRODMODE_SETUP"], "--log", log),
            ],
            env=env,
            timeout=CLIENT_TIMEOUT,
        )
    except subprocess.TimeoutExpired as err:
        output = timed_out_output(err)
        say(output.rstrip())
        return subprocess.CompletedProcess(err.cmd, 1, output, "")
