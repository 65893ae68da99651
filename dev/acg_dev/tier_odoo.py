"""Tier 3 odoo: install the addon on a fresh database and run its Odoo tests
under coverage.py, then the live parts (rpc, concur, prodmode) and the upgrade
part."""

import ast
import re
import subprocess
import sys
import time

from .common import (
    BRIDGES_DIR,
    INSTALL,
    MODULE,
    SALE_BRIDGE,
    SetupError,
    TierResult,
    ensure_python_package,
    free_port,
    fresh_log,
    header,
    runner_dir,
    say,
    show_cmd,
    tail,
)
from .oca import oca_addons_path
from .sandbox import (
    checklog,
    ensure_browser,
    find_odoo,
    logging_to,
    odoo_sandbox,
    parse_odoo_log,
    run_odoo,
)
from .tier_lifecycle import LIFECYCLE_LABEL, lifecycle_check
from .tier_live import (
    CONCURRENCY_LABEL,
    RPC_LABEL,
    concurrency_check,
    integration_suite,
)
from .tier_prodmode import PRODMODE_LABEL, prodmode_check
from .tier_queue_job import QUEUE_JOB_LABEL, queue_job_check
from .tier_replica import REPLICA_LABEL, replica_check
from .tier_upgrade import UPGRADE_LABEL, upgrade_check

# Final line of an Odoo --test-enable run (odoo/service/server.py,
# OdooTestResult.__str__);
# logged at INFO, at WARNING when no test ran, at ERROR when a test failed.
ODOO_TEST_SUMMARY_RE = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests "
    r"when loading database"
)
ODOO_MODULE_LOADED_RE = re.compile(
    rf"^Module {MODULE} loaded in [\d.]+s(?: \(incl\. (?P<test>[\d.]+)s test\))?"
)
# odoo/tests/case.py logs "Starting Class.test_method ..." for every test; tour
# tests live in Tour classes.
ODOO_TOUR_STARTED_RE = re.compile(r"^Starting \w*Tour\w*\.test_")
ODOO_POST_TESTS_RE = re.compile(r"^\d+ post-tests in (?P<seconds>[\d.]+)s")
# Logged at WARNING by Odoo when no test ran: expected until the addon has tests.
ZERO_TESTS = r"WARNING \S+ odoo\.tests\.result: 0 failed, 0 error\(s\) of 0 tests"


def tier_odoo(module_dir, keep, skip=frozenset(), test_tags=None):
    label = "TIER 3 odoo  "
    header("TIER 3: Odoo install + tests")
    odoo, why = find_odoo()
    if odoo is None:
        say(f"*** TIER 3 (Odoo) SKIPPED: {why} ***")
        return [TierResult(label, "SKIPPED", why)]
    say(f"Odoo 19 from {odoo.origin}")
    has_tests = any((module_dir / "tests").glob("test_*.py"))
    log = fresh_log(module_dir, "odoo-test.log")
    try:
        # without websocket-client HttpCase tests are skipped
        ensure_python_package("websocket", "websocket-client")
        ensure_python_package("coverage", "coverage")
        ensure_browser()
        with odoo_sandbox(module_dir, keep) as (work, cluster):
            started = time.monotonic()
            data_file = coverage_data_file(module_dir)
            # No demo data (the Odoo 19 default), only this addon's tests, no cron
            # thread competing with the tests for the database.
            returncode = run_odoo(
                odoo,
                work,
                cluster,
                "acg_test",
                "-i",
                INSTALL,
                "--test-enable",
                "--test-tags",
                test_tags or f"/{MODULE},/{SALE_BRIDGE}",
                "--stop-after-init",
                "--http-port",
                free_port(),
                "--max-cron-threads",
                "0",
                *logging_to(log, "info"),
                launcher=coverage_launcher(module_dir, data_file),
            )
            elapsed = time.monotonic() - started
            tours = module_dir / "static" / "tests" / "tours"
            # A subset chosen with --test-tags may leave the tour out on purpose.
            has_tours = not test_tags and any(tours.glob("*.js"))
            result = judge_odoo_test_log(
                label, log, returncode, elapsed, has_tests, has_tours
            )
            add_coverage(result, module_dir, data_file)
            parts = []
            if result.status != "PASSED":
                not_run = "not run: the install or the Odoo tests failed"
                parts += [
                    TierResult(RPC_LABEL, "FAILED", not_run),
                    TierResult(CONCURRENCY_LABEL, "FAILED", not_run),
                    TierResult(PRODMODE_LABEL, "FAILED", not_run),
                    TierResult(REPLICA_LABEL, "FAILED", not_run),
                ]
            else:
                parts += [
                    skipped(RPC_LABEL)
                    if "rpc" in skip
                    else integration_suite(odoo, work, cluster, module_dir),
                    skipped(CONCURRENCY_LABEL)
                    if "concur" in skip
                    else concurrency_check(odoo, work, cluster, module_dir),
                    skipped(PRODMODE_LABEL)
                    if "prodmode" in skip
                    else prodmode_check(odoo, work, cluster, module_dir),
                    skipped(REPLICA_LABEL)
                    if "replica" in skip
                    else replica_check(odoo, work, cluster, module_dir),
                ]
            # Its own database: worth running whatever the tests above found.
            parts.append(
                skipped(UPGRADE_LABEL)
                if "upgrade" in skip
                else upgrade_check(odoo, work, cluster, module_dir)
            )
            parts.append(
                skipped(LIFECYCLE_LABEL)
                if "lifecycle" in skip
                else lifecycle_check(odoo, work, cluster, module_dir)
            )
            parts.append(
                skipped(OCA_LABEL)
                if "oca" in skip
                else oca_check(odoo, work, cluster, module_dir)
            )
            parts.append(
                skipped(QUEUE_JOB_LABEL)
                if "queuejob" in skip
                else queue_job_check(odoo, work, cluster, module_dir)
            )
            return [result, *parts]
    except SetupError as err:
        say(f"*** {err} ***")
        return [TierResult(label, "FAILED", str(err))]


def skipped(label):
    say(f"*** {label.strip()} SKIPPED (--skip) ***")
    return TierResult(label, "SKIPPED", "--skip")


# --------------------------------------------------------------------------- coverage

# Measured: the addon's own code. Left out: its tests (they run, they are not the
# product), the runner and benchmarks (never imported by Odoo), and migrations/
# (run only by an upgrade, which the upgrade part exercises, not this install).
COVERAGE_OMIT = ("tests/*", "dev/*", "bench/*", "migrations/*", ".runner/*")
# The bridges' code is measured with the addon's; their tests are left out likewise.
COVERAGE_OMIT += ("bridges/*/tests/*",)


def coverage_data_file(module_dir):
    folder = runner_dir(module_dir) / "coverage"
    folder.mkdir(exist_ok=True)
    data_file = folder / ".coverage"
    data_file.unlink(missing_ok=True)
    return data_file


def coverage_options(module_dir, data_file):
    # coverage resolves symlinks, so the sandbox's link to the checkout is
    # measured under the checkout's own path.
    root = module_dir.resolve()
    omit = ",".join(f"{root}/{pattern}" for pattern in COVERAGE_OMIT)
    return [f"--data-file={data_file}", f"--source={root}", f"--omit={omit}"]


def coverage_launcher(module_dir, data_file):
    """Run odoo-bin under `coverage run`, as OCA's CI does."""
    return [
        sys.executable,
        "-m",
        "coverage",
        "run",
        *coverage_options(module_dir, data_file),
    ]


def add_coverage(result, module_dir, data_file):
    """Print `coverage report` (and keep it in .runner/coverage.txt); add the
    addon's line coverage to the tier's summary. No threshold: it reports."""
    if not data_file.exists():
        say("*** coverage: no data file was written ***")
        result.detail = f"{result.detail}, coverage: no data".lstrip(", ")
        return
    # --ignore-errors: a file removed since the run (the tree is shared) is
    # left out instead of failing the report.
    options = [f"--data-file={data_file}", "--ignore-errors"]
    base = [sys.executable, "-m", "coverage", "report", *options]
    show_cmd(base)
    report = subprocess.run(base, capture_output=True, text=True, check=False)
    text = report.stdout + report.stderr
    say(text.rstrip())
    (runner_dir(module_dir) / "coverage.txt").write_text(text, encoding="utf-8")
    total = subprocess.run(
        [*base, "--format=total"], capture_output=True, text=True, check=False
    ).stdout.strip()
    figure = f"coverage {total}%" if total.isdigit() else "coverage: no total"
    say(f"Line coverage of the addon: {figure} (report in .runner/coverage.txt)")
    detail = result.detail
    marker = " tests, 0 failed"
    if marker in detail:  # "205 tests, 0 failed, coverage 91%, install+tests ..."
        head, _, rest = detail.partition(marker)
        result.detail = f"{head}{marker}, {figure}{rest}"
    else:
        result.detail = f"{figure}; {detail}" if detail else figure


def scan_test_log(log):
    """What the --test-enable log says: the test summary, the 'Module loaded'
    line, seconds spent in tests, tours started."""
    summary = loaded = None
    test_seconds = 0.0
    tours_started = 0
    for _level, logger, message, _lines in parse_odoo_log(log):
        if logger == "odoo.tests.result" and ODOO_TEST_SUMMARY_RE.match(message):
            summary = ODOO_TEST_SUMMARY_RE.match(message)
        if logger == "odoo.modules.loading" and ODOO_MODULE_LOADED_RE.match(message):
            loaded = ODOO_MODULE_LOADED_RE.match(message)
            test_seconds += float(loaded["test"] or 0)  # at_install tests
        if ODOO_TOUR_STARTED_RE.match(message):
            tours_started += 1
        if logger == "odoo.service.server" and ODOO_POST_TESTS_RE.match(message):
            test_seconds += float(ODOO_POST_TESTS_RE.match(message)["seconds"])
    return summary, loaded, test_seconds, tours_started


def judge_odoo_test_log(label, log, returncode, elapsed, has_tests, has_tours=False):
    say(f"Odoo exited with {returncode} after {elapsed:.0f} s; full log: {log}")
    if not log.exists():
        return TierResult(label, "FAILED", f"Odoo wrote no log (exit {returncode})")
    summary, loaded, test_seconds, tours_started = scan_test_log(log)
    # The install must be warning-free: any WARNING, ERROR or CRITICAL fails the
    # tier.
    offending, account = checklog(log, () if has_tests else (ZERO_TESTS,))
    problems = []
    if returncode:
        problems.append(f"Odoo exited with {returncode}")
    if offending:
        problems.append(f"{offending} WARNING/ERROR/CRITICAL log records")
        say(f"--- checklog-odoo: {offending} offending log records")
        say(account)
    if loaded is None:
        problems.append(
            f"no 'Module {MODULE} loaded' line: the addon was not installed"
        )
    if summary is None:
        problems.append("no test summary line ('N failed, N error(s) of N tests')")
    total = int(summary["total"]) if summary else 0
    failed = int(summary["failed"]) + int(summary["errors"]) if summary else 0
    passed = max(total - failed, 0)
    if has_tests and summary and total == 0:
        problems.append(
            "ZERO Odoo tests ran although tests/test_*.py exist (imported in "
            "tests/__init__.py? tagged?)"
        )
    if failed:
        problems.append(f"{failed} tests failed")
    if has_tours and not tours_started:
        problems.append(
            "the browser tour did not run (Chromium or websocket-client missing?)"
        )
    timing = f"install+tests {elapsed:.0f} s, of which tests {test_seconds:.0f} s"
    if has_tours:
        timing += f", browser tour tests run: {tours_started}"
    if problems:
        for problem in problems:
            say(f"*** {problem}")
        tail(log)
        return TierResult(
            label,
            "FAILED",
            f"{'; '.join(problems)}; {timing}; log {log}",
            passed,
            failed,
        )
    if total == 0:
        return TierResult(
            label, "PASSED", f"install OK, no Odoo tests in the addon yet, {timing}"
        )
    return TierResult(label, "PASSED", f"{total} tests, 0 failed, {timing}", passed, 0)


# --------------------------------------------------------------------------- oca

OCA_LABEL = "TIER 3 oca   "


# OCA modules of dev/requirements-oca.txt left out of the co-install unless a bridge
# needs them: queue_job changes how the addon's runs are processed, which another
# part of the test command covers.
OCA_ON_REQUEST = frozenset({"queue_job"})


def oca_check(odoo, work, cluster, module_dir):
    """The co-install: OCA's addons from PyPI installed with the addon, Sales and
    every bridge on a database of their own, where the addon's Odoo tests and all
    the bridges' run."""
    header("TIER 3: with OCA's addons (the co-install)")
    try:
        addons, oca_dir, oca_names = oca_addons_path(work)
    except SetupError as err:
        say(f"*** {err} ***")
        return TierResult(OCA_LABEL, "FAILED", str(err))
    bridges = {
        manifest.parent.name: set(
            ast.literal_eval(manifest.read_text(encoding="utf-8"))["depends"]
        )
        for manifest in (module_dir / BRIDGES_DIR).glob("*/__manifest__.py")
    }
    needed = set().union(*bridges.values())
    oca_installed = sorted(
        name for name in oca_names if name not in OCA_ON_REQUEST or name in needed
    )
    install = ",".join(
        dict.fromkeys([*INSTALL.split(","), *oca_installed, *sorted(bridges)])
    )
    versions = ", ".join(
        f"{name} {oca_version(oca_dir / name)}" for name in oca_installed
    )
    say(f"OCA's addons from {oca_dir}: {versions}; installing {install}")
    log = fresh_log(module_dir, "odoo-oca.log")
    started = time.monotonic()
    returncode = run_odoo(
        odoo,
        work,
        cluster,
        "acg_oca",
        "-i",
        install,
        "--test-enable",
        "--test-tags",
        ",".join(f"/{name}" for name in [MODULE, *sorted(bridges)]),
        "--stop-after-init",
        "--http-port",
        free_port(),
        "--max-cron-threads",
        "0",
        *logging_to(log, "info"),
        addons=addons,
    )
    result = judge_odoo_test_log(
        OCA_LABEL, log, returncode, time.monotonic() - started, has_tests=True
    )
    result.detail = (
        f"{MODULE} and {', '.join(sorted(bridges))} with OCA's {versions}: "
        f"{result.detail}"
    )
    return result


def oca_version(addon):
    """The version in an OCA addon's manifest."""
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text("utf-8"))
    return manifest["version"]
