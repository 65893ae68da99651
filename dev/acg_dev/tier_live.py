"""Tier 3 rpc and concur: a live server driven over XML-RPC and JSON-2 by a
separate client, and invoices posted from parallel processes."""

import os
import re
import subprocess
import sys
import time

from .common import (
    TierResult,
    free_port,
    fresh_log,
    header,
    run_captured,
    say,
    summary_line,
    tail,
    timed_out_output,
)
from .sandbox import (
    WARNINGS,
    checklog,
    logging_to,
    odoo_command,
    odoo_importable,
    run_odoo,
    server_options,
    wait_for_http,
)

CONCURRENCY_LABEL = "TIER 3 concur"
CONCURRENCY_WORKERS = "4,8"
CONCURRENCY_POSTINGS = 200  # per round, shared by its workers
CONCURRENCY_ROUNDS = 2  # per mode and number of workers
CONCURRENCY_TIMEOUT = 1800  # seconds


def concurrency_check(odoo, work, cluster, module_dir):
    """Post invoices and payments from parallel processes, for one group and for
    customers in no group side by side, then compare the statistics with the
    ledger."""
    header(
        f"TIER 3: concurrent posting ({CONCURRENCY_WORKERS} workers, "
        f"{CONCURRENCY_ROUNDS} rounds of {CONCURRENCY_POSTINGS} postings per mode)"
    )
    started = time.monotonic()
    script = module_dir / "tests" / "concurrency" / "concurrent_posting.py"
    options = server_options(odoo, work, cluster, "acg_test", "--log-level", "warn")
    try:
        # The script imports odoo itself.
        check = run_captured(
            [
                sys.executable,
                script,
                *("--workers", CONCURRENCY_WORKERS),
                *("--postings", CONCURRENCY_POSTINGS, "--rounds", CONCURRENCY_ROUNDS),
                "--",
                *options,
            ],
            cwd=work,
            env=odoo_importable(odoo),
            timeout=CONCURRENCY_TIMEOUT,
        )
    except subprocess.TimeoutExpired as err:
        # subprocess.run has killed the script; its workers end with it.
        say(timed_out_output(err).rstrip())
        return TierResult(
            CONCURRENCY_LABEL,
            "FAILED",
            f"no result after {CONCURRENCY_TIMEOUT} s (a loaded machine?)",
            0,
            1,
        )
    elapsed = time.monotonic() - started
    counts = RPC_SUMMARY_RE.search(check.stdout)
    passed, failed = (
        (int(counts["passed"]), int(counts["failed"])) if counts else (0, 0)
    )
    if check.returncode or not counts or failed:
        return TierResult(
            CONCURRENCY_LABEL,
            "FAILED",
            f"exit {check.returncode} after {elapsed:.0f} s",
            passed,
            failed or 1,
        )
    return TierResult(
        CONCURRENCY_LABEL,
        "PASSED",
        f"{summary_line(check.stdout)}; statistics equal the ledger",
        passed,
    )


RPC_LABEL = "TIER 3 rpc   "
RPC_SUMMARY_RE = re.compile(
    r"^(?P<passed>\d+) passed, (?P<failed>\d+) failed$", re.MULTILINE
)
FUZZ_SUMMARY_RE = re.compile(r"^fuzz: (?P<calls>\d+) calls tried", re.MULTILINE)


def integration_suite(odoo, work, cluster, module_dir):
    """Serve the tested database on a free loopback port and drive it from a
    separate client process over XML-RPC and JSON-2 (tests/rpc/client.py)."""
    header("TIER 3: integration suite (XML-RPC and JSON-2 against a live server)")
    rpc_dir = module_dir / "tests" / "rpc"
    credentials = work / "rpc-credentials.json"
    log = fresh_log(module_dir, "odoo-rpc.log")
    with open(rpc_dir / "setup_integration.py", "rb") as script:
        returncode = run_odoo(
            odoo,
            work,
            cluster,
            "acg_test",
            "--no-http",
            *logging_to(log, "warn"),
            subcommand="shell",
            stdin=script,
            env={**os.environ, "ACG_RPC_CREDENTIALS": str(credentials)},
        )
    if returncode or not credentials.exists():
        tail(log)
        return TierResult(
            RPC_LABEL,
            "FAILED",
            f"preparing the integration users failed (exit {returncode})",
        )
    port = free_port()
    # The deprecation notice of /xmlrpc is logged on every call; the suite knows.
    server = subprocess.Popen(
        [
            str(c)
            for c in odoo_command(
                odoo,
                work,
                cluster,
                "acg_test",
                "--db-filter",
                "^acg_test$",
                "--http-port",
                port,
                "--max-cron-threads",
                "0",
                "--log-handler",
                "odoo.addons.rpc.controllers.xmlrpc:ERROR",
                "--logfile",
                log,
            )
        ],
        cwd=work,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        if not wait_for_http(f"{url}/web/version", server, timeout=180):
            tail(log)
            return TierResult(
                RPC_LABEL, "FAILED", "the Odoo server did not answer on loopback"
            )
        client = subprocess.run(
            [
                sys.executable,
                rpc_dir / "client.py",
                "--url",
                url,
                "--db",
                "acg_test",
                "--credentials",
                credentials,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    say(client.stdout.rstrip())
    if client.stderr.strip():
        say(client.stderr.rstrip())
    counts = RPC_SUMMARY_RE.search(client.stdout)
    fuzz = FUZZ_SUMMARY_RE.search(client.stdout)
    passed, failed = (
        (int(counts["passed"]), int(counts["failed"])) if counts else (0, 0)
    )
    # Refused input is logged by odoo.http at WARNING, as it should be; errors are
    # not expected.
    errors, account = checklog(log, ignore=(WARNINGS,))
    if errors:
        say(account)
    if client.returncode or not counts or failed or not passed or errors:
        return TierResult(
            RPC_LABEL,
            "FAILED",
            f"client exit {client.returncode}, {errors} server errors; log {log}",
            passed,
            failed or 1,
        )
    return TierResult(
        RPC_LABEL,
        "PASSED",
        f"{passed} scenarios over XML-RPC and JSON-2 on 127.0.0.1:{port}, the fuzz "
        f"part among them with {fuzz['calls'] if fuzz else '?'} calls",
        passed,
    )
