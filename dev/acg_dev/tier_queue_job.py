"""Tier 3 queuejob: a month-end done by OCA's queue_job job runner. A database of its
own gets the addon, queue_job from PyPI and the bridge
account_customer_group_queue_job, and customers each owing an overdue invoice
(tests/prodmode/populate.py); Odoo serves it prefork with 2 HTTP workers, queue_job
loaded server-wide (its job runner), the channels set in the server's configuration
file and no cron worker, so that only the jobs can do the runs. An interest run and a
statement run are started through the web client's calls (tests/prodmode/client.py);
then the database must show the runs' batches done as jobs on the channel
root.account_customer_group and each customer charged and sent a statement once."""

import importlib.util
import json
import os
import subprocess
import time

from .common import (
    SetupError,
    TierResult,
    free_port,
    header,
    run_captured,
    runner_dir,
    say,
    stop_process,
    tail,
)
from .oca import oca_addons
from .sandbox import (
    ONE_SHOT,
    logging_to,
    odoo_command,
    prefork_options,
    wait_for_http,
)
from .tier_prodmode import shell_step
from .tier_upgrade import log_errors, odoo_step

QUEUE_JOB_LABEL = "TIER 3 queuejob"
DATABASE = "acg_queuejob"
BRIDGE = "account_customer_group_queue_job"
CHANNEL = "root.account_customer_group"
CHANNELS = f"root:2,{CHANNEL}:2"
WORKERS = 2
CUSTOMERS = 300


def queue_job_check(odoo, work, cluster, module_dir):
    header(
        f"TIER 3: month-end on queue_job's job runner ({WORKERS} workers, channels "
        f"{CHANNELS})"
    )
    started = time.monotonic()
    logs = runner_dir(module_dir)
    try:
        addons = addons_with_queue_job(work)
        prefork = prefork_options(WORKERS, 60)
    except SetupError as err:
        return failed(str(err))
    env = {
        **os.environ,
        "ACG_PRODMODE_CUSTOMERS": str(CUSTOMERS),
        "ACG_PRODMODE_SETUP": str(work / "queuejob-setup.json"),
    }
    install = odoo_command(
        odoo,
        work,
        cluster,
        DATABASE,
        "-i",
        BRIDGE,
        *ONE_SHOT,
        *logging_to(logs / "odoo-queuejob-install.log", "warn"),
        addons=addons,
    )
    ok, _output = odoo_step(
        "install", install, logs / "odoo-queuejob-install.log", work, part="queuejob"
    )
    if not ok:
        return failed("installing the bridge with queue_job failed")
    ok, _output = shell_step(
        odoo,
        work,
        cluster,
        module_dir / "tests" / "prodmode" / "populate.py",
        logs,
        "populate",
        env,
        part="queuejob",
        database=DATABASE,
        addons=addons,
    )
    if not ok:
        return failed("populating failed")
    log = logs / "odoo-queuejob-server.log"
    log.unlink(missing_ok=True)
    port = free_port()
    command = odoo_command(
        odoo,
        work,
        cluster,
        DATABASE,
        *prefork,
        *("--max-cron-threads", 0, "--http-port", port),
        *("--load", "base,web,queue_job", "--db-filter", f"^{DATABASE}$"),
        *logging_to(log, "info"),
        addons=addons,
    )
    # queue_job reads its channels from the server's configuration file.
    config = work / "odoo-queuejob.conf"
    config.write_text(
        f"[options]\n\n[queue_job]\nchannels = {CHANNELS}\n", encoding="utf-8"
    )
    command[command.index(work / "odoo.conf")] = config
    server = subprocess.Popen([str(c) for c in command], cwd=work)
    try:
        url = f"http://127.0.0.1:{port}"
        if not wait_for_http(f"{url}/web/login", server, timeout=180):
            tail(log)
            return failed("the prefork server did not answer on loopback")
        month_end = drive(url, module_dir, env)
    finally:
        stop_process(server, timeout=60)
    checks = database_checks(cluster)
    for condition, message in checks:
        month_end.check(condition, message)
    server_errors = log_errors(log)
    for lines in server_errors:
        say("\n".join(lines[:40]))
    month_end.check(not server_errors, f"no error in the server's log {log}")
    elapsed = time.monotonic() - started
    summary = f"{month_end.passed} passed, {month_end.failed} failed"
    if month_end.failed:
        return TierResult(
            QUEUE_JOB_LABEL,
            "FAILED",
            f"{summary}; {elapsed:.0f} s",
            month_end.passed,
            month_end.failed,
        )
    return TierResult(
        QUEUE_JOB_LABEL,
        "PASSED",
        f"{CUSTOMERS} customers charged and sent statements once each by the jobs "
        f"of {CHANNEL}; {summary}; part {elapsed:.0f} s",
        month_end.passed,
    )


def failed(why):
    say(f"*** {QUEUE_JOB_LABEL} FAILED: {why} ***")
    return TierResult(QUEUE_JOB_LABEL, "FAILED", why, 0, 1)


def addons_with_queue_job(work):
    """An addons folder with the sandbox's addons and queue_job from PyPI."""
    oca_dir, names = oca_addons()
    if "queue_job" not in names:
        raise SetupError("queue_job is not pinned in dev/requirements-oca.txt")
    addons = work / "addons-queuejob"
    addons.mkdir(exist_ok=True)
    for folder in [*(work / "addons").iterdir(), oca_dir / "queue_job"]:
        link = addons / folder.name
        if not link.is_symlink():
            link.symlink_to(folder.resolve())
    return addons


def prodmode_client(module_dir):
    path = module_dir / "tests" / "prodmode" / "client.py"
    spec = importlib.util.spec_from_file_location("acg_prodmode_client", path)
    client = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(client)
    return client


def drive(url, module_dir, env):
    """The month's interest and statement runs through the web client's calls,
    with the prodmode part's client; its checks counted in the returned object."""
    client = prodmode_client(module_dir)
    with open(env["ACG_PRODMODE_SETUP"], encoding="utf-8") as file:
        setup = json.load(file)
    context = {
        "lang": "en_US",
        "tz": "UTC",
        "uid": setup["user_id"],
        "allowed_company_ids": [setup["company_id"]],
    }
    month_end = client.MonthEnd(
        client.WebClient(url, DATABASE, context), setup, 0, os.devnull
    )
    started = time.monotonic()
    try:
        month_end.client.authenticate(setup["login"], setup["password"])
        month_end.run_month(setup["first_run"], setup["group_ids"], CUSTOMERS)
    except (OSError, client.RemoteError) as error:
        month_end.check(False, f"the month-end went through: {error}")
    say(f"month-end through the job runner in {time.monotonic() - started:.0f} s")
    return month_end


def query(cluster, sql):
    proc = run_captured(
        [*cluster.psql("odoo", f"\\connect {DATABASE}"), "-At", "-c", sql]
    )
    if proc.returncode:
        raise SetupError(f"psql failed: {proc.stdout}")
    return [line.split("|") for line in proc.stdout.split("\n") if line]


def database_checks(cluster):
    """(condition, message): the jobs of the channel all done, by the job runner's
    workers, and no customer charged or sent a statement twice."""
    jobs = dict(
        query(
            cluster,
            "SELECT state, count(*) FROM queue_job "
            f"WHERE channel = '{CHANNEL}' GROUP BY state",
        )
    )
    workers = query(
        cluster,
        f"SELECT count(DISTINCT worker_pid) FROM queue_job WHERE channel = '{CHANNEL}'",
    )[0][0]
    charged = query(
        cluster,
        "SELECT count(DISTINCT m.partner_id), count(DISTINCT m.id) FROM account_move m "
        "JOIN account_move_line l ON l.move_id = m.id "
        "WHERE l.interest_source_line_id IS NOT NULL AND m.state != 'cancel'",
    )[0]
    statements = query(
        cluster,
        "SELECT count(DISTINCT res_id), count(*) FROM ir_attachment "
        "WHERE res_model = 'res.partner' AND name LIKE 'Statement - %'",
    )[0]
    say(f"jobs of {CHANNEL} by state: {jobs}; performed by {workers} worker(s)")
    return [
        (
            set(jobs) == {"done"} and int(jobs["done"]) > 2,
            (
                f"the runs' batches done as jobs of {CHANNEL}: {jobs}, by {workers} "
                f"HTTP worker(s)"
            ),
        ),
        (
            charged == [str(CUSTOMERS)] * 2,
            (
                f"each customer charged interest once: {charged[1]} interest invoices "
                f"for {charged[0]} of {CUSTOMERS} customers"
            ),
        ),
        (
            statements == [str(CUSTOMERS)] * 2,
            (
                f"each customer sent one statement: {statements[1]} statements for "
                f"{statements[0]} of {CUSTOMERS} customers"
            ),
        ),
    ]
