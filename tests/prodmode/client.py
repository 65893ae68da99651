"""A month-end driven as the web client drives it, against Odoo in production mode
(prefork, a cron worker, --limit-time-real): a session from
/web/session/authenticate, runs created with `web_save`, started with
`/web/dataset/call_button`, their form read with `web_read` until they are done, the
merged PDF downloaded. Every request is timed. Then the runs of a second month,
during each of which the cron worker is killed with SIGKILL: Odoo starts another,
which must finish them. Standard library only.

Usage:
    python3 tests/prodmode/client.py --url URL --db DB --setup FILE --server-pid PID
                                     --log SERVER_LOG
Prints a line per check, "slowest: ..." and "summary: ...", and ends with
"N passed, N failed"; exits 1 on any failure.
"""

import argparse
import http.cookiejar
import json
import os
import re
import signal
import sys
import time
import urllib.request
from pathlib import Path

# No request may take longer, whatever the runs do meanwhile.
REQUEST_LIMIT = 5.0
# A run must be over by then; after a kill Odoo's new cron worker sleeps up to 70 s
# before it looks for work.
RUN_TIMEOUT = 420
POLL = 0.5
CRON_WORKER_RE = re.compile(r"Worker WorkerCron \((\d+)\) alive")

RUN_FIELDS = {
    "state": {},
    "customer_count": {},
    "todo_count": {},
    "done_count": {},
    "skipped_count": {},
    "failed_count": {},
    "error": {},
}
# What the run's form shows below its counts: the first page of its customers.
LINES = {
    "line_ids": {
        "fields": {
            "partner_id": {"fields": {"display_name": {}}},
            "state": {},
            "error": {},
        },
        "limit": 40,
        "order": "",
    }
}
INTEREST = "account.customer.interest.run"
STATEMENT = "account.customer.statement.run"
EXTRA_FIELDS = {
    INTEREST: {"charged_count": {}},
    STATEMENT: {
        "emailed_count": {},
        "printed_count": {},
        "attachment_id": {"fields": {"display_name": {}}},
    },
}


def say(text):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


class RemoteError(Exception):
    pass


class WebClient:
    """The calls of Odoo's web client, each timed."""

    def __init__(self, url, db, context):
        self.url, self.db, self.context = url, db, context
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.timings = []  # (seconds, what)

    def request(self, path, data=None, what=None):
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            headers={"Content-Type": "application/json"} if data else {},
        )
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=120) as response:
                body = response.read()
        finally:
            self.timings.append((time.monotonic() - started, what or path))
        return body

    def rpc(self, path, params, what=None):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        ).encode()
        answer = json.loads(self.request(path, body, what))
        if "error" in answer:
            data = answer["error"].get("data", {})
            raise RemoteError(f"{data.get('name')}: {data.get('message')}")
        return answer["result"]

    def authenticate(self, login, password):
        return self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )

    def call_kw(self, model, method, args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {**kwargs, "context": self.context},
            },
            f"{model}.{method}",
        )

    def call_button(self, model, method, record_id):
        return self.rpc(
            f"/web/dataset/call_button/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": [[record_id]],
                "kwargs": {"context": self.context},
            },
            f"{model}.{method} (button)",
        )


class MonthEnd:
    def __init__(self, client, setup, server_pid, log):
        self.client, self.setup = client, setup
        self.server_pid, self.log = server_pid, Path(log)
        self.passed = self.failed = 0
        self.killed = []

    def check(self, condition, message):
        if condition:
            self.passed += 1
            say(f"ok   {message}")
        else:
            self.failed += 1
            say(f"FAIL {message}")
        return condition

    def specification(self, model):
        return {**RUN_FIELDS, **EXTRA_FIELDS[model], **LINES}

    def start(self, model, vals):
        """Create the run as its form saves it, then press Start."""
        [record] = self.client.call_kw(
            model, "web_save", [[], vals], specification={"state": {}}
        )
        self.client.call_button(model, "action_start", record["id"])
        return record["id"]

    def read_form(self, model, run_id):
        [run] = self.client.call_kw(
            model, "web_read", [[run_id]], specification=self.specification(model)
        )
        return run

    def wait(self, model, run_id, kill=False):
        """Read the run's form until it is over; with ``kill``, SIGKILL the cron
        worker once some of its customers are done and some are not."""
        deadline = time.monotonic() + RUN_TIMEOUT
        while time.monotonic() < deadline:
            run = self.read_form(model, run_id)
            if run["state"] not in ("draft", "running"):
                return run
            handled = run["customer_count"] - run["todo_count"]
            if kill and handled and run["todo_count"]:
                self.kill_cron_worker(model, f"{handled} of {run['customer_count']}")
                kill = False
            time.sleep(POLL)
        return self.read_form(model, run_id)

    def cron_workers(self):
        """Pids of the live cron workers of the server, as its log names them."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        pids = []
        for pid in map(int, CRON_WORKER_RE.findall(text)):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
            except OSError:
                continue
            fields = stat.rpartition(")")[2].split()
            if fields[0] != "Z" and int(fields[1]) == self.server_pid:
                pids.append(pid)
        return pids

    def kill_cron_worker(self, model, handled):
        workers = self.cron_workers()
        if not self.check(len(workers) == 1, f"one cron worker found: {workers}"):
            return
        os.kill(workers[0], signal.SIGKILL)
        self.killed.append(workers[0])
        say(
            f"     SIGKILL to cron worker {workers[0]} in the middle of {model}, "
            f"{handled} customers handled"
        )

    def run_month(self, date, group_ids, customers, kill=False):
        """Interest charged up to ``date``, then the statements at ``date``."""
        label = "killed " if kill else ""
        groups = [[6, 0, group_ids]]
        interest_id = self.start(
            INTEREST,
            {"run_date": date, "customer_group_ids": groups, "post_invoices": True},
        )
        run = self.wait(INTEREST, interest_id, kill)
        self.check(
            run["state"] == "done" and run["charged_count"] == customers,
            f"{label}interest run {date}: {run['state']}, "
            f"{run['charged_count']} of {customers} customers charged, "
            f"{run['failed_count']} failed {run['error'] or ''}",
        )
        statement_id = self.start(
            STATEMENT,
            {
                "statement_date": date,
                "customer_group_ids": groups,
                "send_by_email": True,
            },
        )
        run = self.wait(STATEMENT, statement_id, kill)
        emailed, printed = run["emailed_count"], run["printed_count"]
        self.check(
            run["state"] == "done" and emailed + printed == customers,
            f"{label}statement run {date}: {run['state']}, {emailed} emailed, "
            f"{printed} printed of {customers}, {run['failed_count']} failed "
            f"{run['error'] or ''}",
        )
        self.check(
            emailed == customers // 2 and printed == customers - customers // 2,
            f"{label}statements: those with an address emailed, the others printed",
        )
        if run["attachment_id"]:
            pdf = self.client.request(
                f"/web/content/{run['attachment_id']['id']}?download=true",
                what="merged PDF download",
            )
            self.check(
                pdf.startswith(b"%PDF"),
                f"{label}merged PDF of {printed} statements downloaded "
                f"({len(pdf) // 1024} kB)",
            )
        else:
            self.check(False, f"{label}statement run {date} has a merged PDF")
        return interest_id, statement_id

    def run(self):
        setup = self.setup
        self.client.authenticate(setup["login"], setup["password"])
        started = time.monotonic()
        first = self.run_month(
            setup["first_run"], setup["group_ids"], setup["customers"]
        )
        first_seconds = time.monotonic() - started
        started = time.monotonic()
        second = self.run_month(
            setup["second_run"],
            [setup["killed_group_id"]],
            setup["killed_customers"],
            kill=True,
        )
        second_seconds = time.monotonic() - started
        self.check(len(self.killed) == 2, f"cron workers killed: {self.killed}")
        replaced = self.cron_workers()
        self.check(
            replaced and not set(replaced) & set(self.killed),
            f"Odoo started another cron worker: {replaced}",
        )
        timings = sorted(self.client.timings, reverse=True)
        slow = [(s, what) for s, what in timings if s > REQUEST_LIMIT]
        self.check(
            not slow,
            f"{len(timings)} requests, none over {REQUEST_LIMIT:.0f} s"
            + (f" (over: {slow[:5]})" if slow else ""),
        )
        say(
            "slowest: "
            + ", ".join(f"{what} {seconds:.2f} s" for seconds, what in timings[:5])
        )
        say(
            f"summary: {setup['customers']} customers charged interest and sent "
            f"statements in {first_seconds:.0f} s; {setup['killed_customers']} again "
            f"in {second_seconds:.0f} s with the cron worker killed during each run; "
            f"{len(timings)} requests, slowest {timings[0][0]:.2f} s"
        )
        with open(os.environ["ACG_PRODMODE_RUNS"], "w", encoding="utf-8") as out:
            json.dump({"first": first, "second": second}, out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--setup", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    setup = json.loads(Path(args.setup).read_text(encoding="utf-8"))
    context = {
        "lang": "en_US",
        "tz": "UTC",
        "uid": setup["user_id"],
        "allowed_company_ids": [setup["company_id"]],
    }
    month_end = MonthEnd(
        WebClient(args.url, args.db, context), setup, args.server_pid, args.log
    )
    try:
        month_end.run()
    except (OSError, RemoteError) as error:
        month_end.check(False, f"the month-end went through: {error}")
    say(f"{month_end.passed} passed, {month_end.failed} failed")
    return 1 if month_end.failed else 0


if __name__ == "__main__":
    sys.exit(main())
