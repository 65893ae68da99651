"""Tier 3 replica: past one server. A streaming replica of the test cluster
(pg_basebackup -R, a second PostgreSQL on its own socket); server A, prefork, reads
from it (--db_replica_host), server B, prefork, from the primary only, both on the
tested database. tests/replica/client.py checks over JSON-2 that A's heavy reads
are answered by the replica with B's figures and that posting through A works, then
posts invoices and payments for one group's customers through B alone and through
both servers at once, printing both throughputs."""

import json
import os
import subprocess
import sys
import time

from .common import (
    SetupError,
    TierResult,
    fresh_log,
    header,
    run_captured,
    say,
    stop_process,
    summary_line,
    tail,
    timed_out_output,
)
from .pg_cluster import streaming_replica
from .sandbox import (
    PARTNER_RANK_RACE,
    WARNINGS,
    checklog,
    logging_to,
    prefork_options,
    run_odoo,
    serve_in_background,
    wait_for_http,
)
from .tier_live import RPC_SUMMARY_RE

REPLICA_LABEL = "TIER 3 replica"
DATABASE = "acg_test"
WORKERS = 2
CLIENT_TIMEOUT = 600  # seconds


def replica_check(odoo, work, cluster, module_dir):
    header(
        f"TIER 3: a streaming replica and two prefork servers ({WORKERS} workers "
        "each) on one database"
    )
    started = time.monotonic()
    scripts = module_dir / "tests" / "replica"
    setup = work / "replica-setup.json"
    log = fresh_log(module_dir, "odoo-replica-setup.log")
    with open(scripts / "setup_replica.py", "rb") as script:
        returncode = run_odoo(
            odoo,
            work,
            cluster,
            DATABASE,
            "--no-http",
            *logging_to(log, "warn"),
            subcommand="shell",
            stdin=script,
            env={**os.environ, "ACG_REPLICA_SETUP": str(setup)},
        )
    if returncode or not setup.exists():
        tail(log)
        return failed(f"preparing the database failed (exit {returncode})")
    servers = []
    logs = {name: fresh_log(module_dir, f"odoo-replica-{name}.log") for name in "ab"}
    try:
        with streaming_replica(cluster, work / "pg-replica") as replica:
            servers = [
                start_server(
                    odoo, work, cluster, logs["a"], *replica.replica_options()
                ),
                start_server(odoo, work, cluster, logs["b"]),
            ]
            for (server, url), name in zip(servers, "ab", strict=True):
                if not wait_for_http(f"{url}/web/version", server, timeout=180):
                    tail(logs[name])
                    return failed(f"server {name.upper()} did not answer on loopback")
            client = drive(servers, scripts, setup, cluster, replica)
    except SetupError as err:
        return failed(str(err))
    finally:
        for server, _url in servers:
            stop_process(server, timeout=60)
    counts = RPC_SUMMARY_RE.search(client.stdout)
    passed, failures = (
        (int(counts["passed"]), int(counts["failed"])) if counts else (0, 0)
    )
    errors = 0
    for name, path in logs.items():
        found, account = checklog(path, ignore=(WARNINGS, PARTNER_RANK_RACE))
        if found:
            say(f"server {name.upper()}: {account}")
        errors += found
    elapsed = time.monotonic() - started
    if client.returncode or not counts or failures or errors:
        return TierResult(
            REPLICA_LABEL,
            "FAILED",
            f"client exit {client.returncode}, {errors} server errors; logs "
            f"{logs['a']}, {logs['b']}; {elapsed:.0f} s",
            passed,
            failures or 1,
        )
    return TierResult(
        REPLICA_LABEL,
        "PASSED",
        f"{summary_line(client.stdout)}; part {elapsed:.0f} s",
        passed,
    )


def failed(why):
    say(f"*** {REPLICA_LABEL} FAILED: {why} ***")
    return TierResult(REPLICA_LABEL, "FAILED", why, 0, 1)


def start_server(odoo, work, cluster, log, *options):
    """A prefork server of the tested database without cron workers."""
    return serve_in_background(
        odoo,
        work,
        cluster,
        DATABASE,
        log,
        *prefork_options(WORKERS),
        *("--max-cron-threads", 0),
        *options,
    )


def drive(servers, scripts, setup, cluster, replica):
    (_a, replica_url), (_b, primary_url) = servers
    psql = {
        side: [
            str(c)
            for c in (
                pg.bindir / "psql",
                *("-h", pg.dir, "-p", pg.port, "-U", "odoo", "-d", "postgres"),
            )
        ]
        for side, pg in (("primary", cluster), ("replica", replica))
    }
    try:
        client = run_captured(
            [
                sys.executable,
                scripts / "client.py",
                *("--replica-url", replica_url, "--primary-url", primary_url),
                *("--db", DATABASE, "--setup", setup, "--psql", json.dumps(psql)),
            ],
            timeout=CLIENT_TIMEOUT,
        )
    except subprocess.TimeoutExpired as err:
        output = timed_out_output(err)
        say(output.rstrip())
        return subprocess.CompletedProcess(err.cmd, 1, output, "")
    return client
