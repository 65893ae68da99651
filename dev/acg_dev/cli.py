"""Test and run tooling for the account_customer_group Odoo 19 addon.

    python3 dev/runner.py test  [--tier 1,2,3] [--skip PARTS] [--test-tags T] [--keep]
                                [--module-dir D]
    python3 dev/runner.py serve [--port 8069] [--data DIR] [--init-only] [--keep]
                                [--workers N] [--limit-time-real S] [--replica]
                                [--module-dir D]
    python3 dev/runner.py bench [NAME ...] [--oca] [--keep] [-- BENCH OPTIONS]
    python3 dev/runner.py pytest [-k EXPR] [--update] [PYTEST OPTIONS] [FILES ...]
    python3 dev/runner.py i18n
    python3 dev/runner.py setup

`test` runs three tiers and ends with a one-line summary:
  1 pure    - pytest on tests/pure (plain Python, never imports odoo)
  2 static  - `pre-commit run --all-files` (.pre-commit-config.yaml) with the
              pinned tools of dev/requirements-static.txt
  3 odoo    - installs the addon in a fresh database of a throw-away PostgreSQL
              cluster and runs its Odoo tests under coverage.py; then the parts
    rpc     - XML-RPC and JSON-2 scenarios against a live server
    concur  - parallel posting, statistics checked against the ledger
    prodmode - a month-end for 1,000 customers on a prefork server through the
              web client's calls, the cron worker killed mid-run
    replica - a streaming replica answering the heavy reads of a server started
              with --db_replica_host; two prefork servers posting at once
    upgrade - install the previous release, upgrade to the working tree, compare
    lifecycle - install on a database with history, assign groups, uninstall,
              install again
    oca     - the co-install: OCA's addons from PyPI installed beside the addon,
              Sales and every bridge; the addon's and the bridges' tests run there
    queuejob - a month-end done by queue_job's job runner on a prefork server
              (the bridge account_customer_group_queue_job)
    bootstrap - a fresh Python without Odoo sets Odoo up from an archive served
              on 127.0.0.1 into a fresh cache, then serves the addon
  --skip rpc,concur,prodmode,replica,upgrade,lifecycle,oca,queuejob,bootstrap leaves
  parts out (reported as SKIPPED) for quicker iterations.

`serve` installs the addon with demo data and serves it: in a throw-away cluster,
or with --data DIR in DIR, kept between runs (later runs upgrade the addon; a run
after a crash stops the cluster and Odoo the killed one left). A busy port is waited
for, then another is picked and said. --workers N serves as in production: Odoo
prefork with N HTTP workers, cron workers and Odoo's default limits. --replica
starts a streaming replica of the cluster and Odoo with --db_replica_host: the
read-only requests are served from it.

`bench` runs the benchmarks of bench/ (all, or those named) in a throw-away
cluster and prints their ratios.

`i18n` refreshes the translation templates (i18n/*.pot of the addon and of each
bridge) from the code, and merges them into each language's .po file: what a
translator runs before translating.

`pytest` runs the addon's Odoo tests (FILES, default every tests/test_*.py) with
pytest-odoo on a database kept in .runner/pytest/: installed on first use,
upgraded when the addon's files changed. Other options go to pytest.

Standard library only, so it runs on a bare machine: it installs what the tiers
need (pytest, pytest-odoo, hypothesis, the static tools, coverage,
websocket-client, chromium, postgresql). Odoo comes from ODOO_SRC or an importable
`odoo`; without either, `test` (tier 3), `serve`, `bench`, `pytest` and `setup` set
it up in a per-user cache from ODOO_ARCHIVE (path or URL of a 19.0 source tarball,
checked against ODOO_ARCHIVE_SHA256 when set) or from odoo/odoo on GitHub (see
bootstrap.py), and run on in its virtual environment.
"""

import argparse
import os
import signal
import sys
from pathlib import Path

from .bench import OCA_BENCH_INSTALL, command_bench
from .bootstrap import BOOTSTRAPPED_ENV, ensure_odoo, reexec_in_venv
from .common import (
    DEFAULT_MODULE_DIR,
    SetupError,
    TierResult,
    header,
    interrupt_on_signal,
    say,
)
from .i18n import command_i18n
from .pytest_odoo import command_pytest
from .sandbox import find_odoo, find_odoo_or_say_why
from .serve import command_serve
from .tier_bootstrap import bootstrap_check
from .tier_odoo import tier_odoo
from .tier_pure import tier_pure
from .tier_static import tier_static

PARTS = (
    "rpc",
    "concur",
    "prodmode",
    "replica",
    "upgrade",
    "lifecycle",
    "oca",
    "queuejob",
    "bootstrap",
)


def command_test(args):
    module_dir = args.module_dir
    results = []
    if 1 in args.tiers:
        results.append(tier_pure(module_dir))
    if 2 in args.tiers:
        results.append(tier_static(module_dir))
    if 3 in args.tiers:
        if args.bootstrap_error:
            results.append(TierResult("TIER 3 odoo  ", "FAILED", args.bootstrap_error))
        else:
            results.extend(tier_odoo(module_dir, args.keep, args.skip, args.test_tags))
        results.append(bootstrap_check(module_dir, args.skip, args.test_tags))
    header("SUMMARY")
    passed = failed = skipped = 0
    for result in results:
        say(
            # "TIER 1 pure   : ...", "TIER 3 upgrade: ..."
            f"{result.label:<14}: {result.status}"
            + (f" ({result.detail})" if result.detail else "")
        )
        passed += result.passed
        # A tier that failed without a test count (crash, exit 5...) still counts
        # as a failure.
        failed += result.failed or (result.status == "FAILED")
        skipped += result.status == "SKIPPED"
    say(
        f"{passed} passed, {failed} failed"
        + (f", {skipped} skipped" if skipped else "")
    )
    return 1 if any(r.status == "FAILED" for r in results) else 0


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--module-dir",
        type=lambda p: Path(p).resolve(),
        default=DEFAULT_MODULE_DIR,
        help="addon checkout to work on (default: the one holding this script)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temp dir with the (stopped) PostgreSQL cluster for debugging",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    test = commands.add_parser("test", help="run the test tiers and print a summary")
    test.add_argument(
        "--tier",
        dest="tiers",
        default="1,2,3",
        type=parse_tiers,
        help="comma-separated tiers to run (default 1,2,3)",
    )
    test.add_argument(
        "--skip",
        default=set(),
        type=parse_parts,
        help=f"comma-separated parts of tier 3 to leave out: {','.join(PARTS)}",
    )
    test.add_argument(
        "--test-tags",
        help="Odoo --test-tags for tier 3 (default: every test of the addon), for"
        " quicker iterations, e.g. /account_customer_group:TestCustomerStatement",
    )
    serve = commands.add_parser(
        "serve", help="install the addon with demo data and serve it"
    )
    serve.add_argument(
        "--port", type=int, default=8069, help="HTTP port on 127.0.0.1 (default 8069)"
    )
    serve.add_argument(
        "--init-only", action="store_true", help="install, then exit without serving"
    )
    serve.add_argument(
        "--data",
        type=lambda p: Path(p).expanduser().resolve(),
        help="keep the PostgreSQL cluster, filestore and database in DATA between "
        "runs (the first installs with demo data, later ones upgrade the addon)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=0,
        help="serve as in production: Odoo prefork with this many HTTP workers, its "
        "cron workers and default limits (default 0: threaded)",
    )
    serve.add_argument(
        "--limit-time-real",
        type=int,
        metavar="SECONDS",
        help="Odoo's limit on a request's real time (default Odoo's, 120 s); with "
        "--workers, a request past it is killed",
    )
    serve.add_argument(
        "--replica",
        action="store_true",
        help="start a streaming replica of the cluster (pg_basebackup -R) and serve "
        "Odoo's read-only requests from it (--db_replica_host)",
    )
    bench = commands.add_parser(
        "bench", help="run the benchmarks of bench/ and print their ratios"
    )
    bench.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="benchmarks to run, e.g. credit_check (default: every bench/*.py); "
        "after `--`, options for them: bench monthend -- --customers 1000",
    )
    bench.add_argument(
        "--oca",
        action="store_true",
        help="OCA's addons from PyPI on the addons path and their credit checks "
        f"({', '.join(OCA_BENCH_INSTALL)}) installed, and the benchmarks that make "
        "their own databases install what they compare with (aging: "
        "account_financial_report): the benchmarks time them too",
    )
    pytest = commands.add_parser(
        "pytest",
        help="run the addon's Odoo tests with pytest-odoo on a kept database",
        usage="runner.py pytest [-k EXPR] [--update] [PYTEST OPTIONS] [FILES ...]",
        allow_abbrev=False,
    )
    pytest.add_argument("-k", metavar="EXPR", help="pytest -k: the tests to run")
    pytest.add_argument(
        "--update",
        action="store_true",
        help="upgrade the addon in the kept database even if its files are unchanged",
    )
    i18n = commands.add_parser(
        "i18n",
        help="refresh the translation templates and merge them into the .po files",
    )
    commands.add_parser(
        "setup", help="set Odoo 19 up in the per-user cache if it is missing"
    )
    # Accept the common options after the sub-command too (runner.py test --keep).
    for sub in (test, serve, bench, pytest, i18n):
        sub.add_argument(
            "--module-dir", type=lambda p: Path(p).resolve(), default=argparse.SUPPRESS
        )
        sub.add_argument("--keep", action="store_true", default=argparse.SUPPRESS)
    # pytest's own options and the test files pass through `pytest`.
    args, unknown = parser.parse_known_args(argv)
    # `bench aging --oca -- --invoices 10`: after an option, argparse leaves what
    # follows `--` unparsed rather than add it to the benchmarks' names.
    if args.command == "bench" and unknown[:1] == ["--"]:
        args.names += unknown[1:]
        unknown = []
    if unknown and args.command != "pytest":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.pytest_args = unknown
    return args


def parse_tiers(text):
    try:
        tiers = {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        tiers = set()
    if not tiers or not tiers <= {1, 2, 3}:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated subset of 1,2,3, got {text!r}"
        )
    return tiers


def parse_parts(text):
    parts = {part.strip() for part in text.split(",") if part.strip()}
    if not parts <= set(PARTS):
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated subset of {','.join(PARTS)}, got {text!r}"
        )
    return parts


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not (args.module_dir / "__manifest__.py").is_file():
        say(f"{args.module_dir} has no __manifest__.py")
        return 2
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) is not signal.SIG_IGN:  # respect nohup
            signal.signal(sig, interrupt_on_signal)
    try:
        args.bootstrap_error = None
        if needs_odoo(args):
            error = get_odoo(sys.argv[1:] if argv is None else argv)
            if error and args.command != "test":
                return 1
            args.bootstrap_error = error
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        say("Interrupted.")
        return 130


def needs_odoo(args):
    return args.command != "test" or 3 in args.tiers


def get_odoo(argv):
    """Without Odoo (and ODOO_SRC), set it up in the cache and run this command
    again in the cache's venv (no return). Returns the error when that failed,
    None when Odoo is there."""
    odoo, why = find_odoo()
    if odoo is not None or os.environ.get("ODOO_SRC"):
        return None
    if os.environ.get(BOOTSTRAPPED_ENV):
        return f"Odoo set up in {os.environ[BOOTSTRAPPED_ENV]} is not usable: {why}"
    say(f"{why}: setting Odoo up in the cache")
    try:
        python = ensure_odoo()
    except SetupError as err:
        say(f"*** Odoo set-up failed: {err} ***")
        return f"Odoo set-up failed: {err}"
    reexec_in_venv(python, argv)
    return None  # not reached: execve replaces this process


def command_setup(args):
    odoo = find_odoo_or_say_why()
    if odoo is None:
        return 1
    say(f"Odoo 19 from {odoo.origin}, run by {odoo.command[0]}")
    return 0


COMMANDS = {
    "test": command_test,
    "serve": command_serve,
    "bench": command_bench,
    "pytest": command_pytest,
    "setup": command_setup,
    "i18n": command_i18n,
}
