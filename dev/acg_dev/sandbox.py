"""Finding Odoo 19, the sandbox (a work dir and its throw-away PostgreSQL cluster),
Odoo command lines and Odoo logs."""

import contextlib
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .common import (
    BRIDGES_DIR,
    MODULE,
    TOOLS_REQUIREMENTS,
    SetupError,
    apt_install,
    ensure_pinned,
    free_port,
    pip_install,
    run_child,
    say,
    signals_deferred,
    tail,
)
from .pg_cluster import PgCluster

CHROME_BINARIES = (
    "google-chrome",
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
)

# An Odoo log record: "2026-01-01 10:00:00,123 4242 WARNING dbname logger.name: message"
ODOO_LOG_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)$"
)

# For trying the bootstrap on a machine that has Odoo: the runner then acts as if
# `odoo` were not importable (ODOO_SRC still counts).
HIDE_SYSTEM_ODOO_ENV = "ACG_HIDE_SYSTEM_ODOO"

SITE = "$(python3 -c 'import site; print(site.getsitepackages()[0])')"
HOW_TO_GET_ODOO = f"""\
The runner needs Odoo 19: ODOO_SRC pointing at a checkout, or `odoo` importable by
python3. To get it:
  1. Get the Odoo 19.0 Community source from its official GitHub repository,
     odoo/odoo, branch 19.0:
       git clone --depth 1 -b 19.0 https://github.com/odoo/odoo /opt/odoo19
  2. python3 -m pip install -r /opt/odoo19/requirements.txt
  3. Then either
       export ODOO_SRC=/opt/odoo19          (a checkout with odoo-bin and odoo/), or
       make it importable: echo /opt/odoo19 > "{SITE}/odoo19.pth"
PostgreSQL server binaries (initdb, pg_ctl) are needed too; the runner installs
them with apt-get when run as root."""


@dataclass
class Odoo:
    root: Path
    command: list  # how to start it: [python, odoo-bin] or [python, -m, odoo]
    addons_paths: list
    origin: str  # where it was found, for the log


def odoo_major(root):
    match = re.search(
        r"^version_info = \((\d+),",
        (root / "odoo" / "release.py").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    return int(match.group(1)) if match else None


def find_odoo():
    """(Odoo, "") when Odoo 19 is available, else (None, why not)."""
    src = os.environ.get("ODOO_SRC")
    if src:
        root = Path(src).expanduser().resolve()
        if not (
            (root / "odoo-bin").is_file() and (root / "odoo" / "release.py").is_file()
        ):
            return (
                None,
                f"ODOO_SRC={src} is not an Odoo checkout (needs odoo-bin and odoo/)",
            )
        origin = f"ODOO_SRC={root}"
    elif os.environ.get(HIDE_SYSTEM_ODOO_ENV):
        return None, f"{HIDE_SYSTEM_ODOO_ENV} is set: an importable Odoo is ignored"
    else:
        spec = importlib.util.find_spec("odoo")
        locations = (
            [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
        )
        package = next((p for p in locations if (p / "release.py").is_file()), None)
        if package is None:
            return None, "Odoo 19 is not importable and ODOO_SRC is not set"
        root = package.parent
        origin = f"python3 import ({package})"
    major = odoo_major(root)
    if major != 19:
        return None, f"found Odoo {major} at {root} ({origin}), need 19"
    command = (
        [sys.executable, str(root / "odoo-bin")]
        if (root / "odoo-bin").is_file()
        else [sys.executable, "-m", "odoo"]
    )
    addons = [p for p in (root / "addons", root / "odoo" / "addons") if p.is_dir()]
    return Odoo(root, command, addons, origin), ""


def find_odoo_or_say_why():
    """The Odoo 19 to run, or None once it is said why there is none."""
    odoo, why = find_odoo()
    if odoo is None:
        say(why)
    return odoo


def ensure_browser():
    """HttpCase tours need a Chrome; without it Odoo skips them (with a warning)."""
    if any(shutil.which(name) for name in CHROME_BINARIES):
        return
    say("Chromium is missing: trying apt-get install chromium")
    if not apt_install("chromium"):
        say(
            "*** Chromium could not be installed (not root, or apt-get failed): "
            "Odoo browser tests will not run ***"
        )


def prepare_work_dir(work, module_dir):
    """The addons folder linking to the checkout, and Odoo's config file."""
    addons = work / "addons"
    addons.mkdir(exist_ok=True)
    link = addons / MODULE
    if link.is_symlink():
        link.unlink()  # a kept work dir (serve --data): link to this checkout
    link.symlink_to(module_dir)
    for bridge in sorted((module_dir / BRIDGES_DIR).glob("*/__manifest__.py")):
        bridge_link = addons / bridge.parent.name
        if bridge_link.is_symlink():
            bridge_link.unlink()
        bridge_link.symlink_to(bridge.parent)
    # An explicit empty config keeps a developer's ~/.odoorc out of the run.
    (work / "odoo.conf").write_text("[options]\n", encoding="utf-8")


@contextlib.contextmanager
def odoo_sandbox(module_dir, keep):
    """A temp dir with the addon symlink, an Odoo data dir, an empty config and a
    running cluster. The cluster is stopped and the dir removed whatever happens."""
    work = Path(
        tempfile.mkdtemp(
            prefix="acg-run-", dir="/tmp" if os.path.isdir("/tmp") else None
        )
    )
    os.chmod(work, 0o711)  # the cluster's unprivileged user must reach work/pg
    cluster = None
    try:
        prepare_work_dir(work, module_dir)
        cluster = PgCluster(work / "pg")
        say(
            f"PostgreSQL: {cluster.bindir}, cluster in {cluster.dir} "
            f"(socket port {cluster.port}), "
            f"run as {cluster.user or 'current user'}"
        )
        cluster.start()
        yield work, cluster
    finally:
        with signals_deferred():
            if cluster:
                cluster.stop()
            if keep:
                say(f"--keep: left {work}")
                if cluster:
                    say(
                        "restart its cluster with: "
                        + shlex.join(cluster.start_command())
                    )
            else:
                shutil.rmtree(work, ignore_errors=True)


def odoo_command(
    odoo,
    work,
    cluster,
    database,
    *options,
    subcommand="server",
    addons=None,
    launcher=(),
):
    """odoo-bin SUBCOMMAND on the sandbox's cluster and config. `addons` is the
    folder holding the addon (default: the sandbox's link to the checkout);
    `launcher` replaces the interpreter (e.g. python -m coverage run ...)."""
    addons_path = ",".join(
        str(p) for p in [addons or work / "addons", *odoo.addons_paths]
    )
    command = list(odoo.command)
    if launcher:
        command[:1] = launcher
    return [
        *command,
        subcommand,
        "-c",
        work / "odoo.conf",
        "-d",
        database,
        "--db_host",
        cluster.dir,
        "--db_port",
        cluster.port,
        "--db_user",
        "odoo",
        "--addons-path",
        addons_path,
        "--data-dir",
        work / "odoo-data",
        *([] if subcommand == "shell" else ["--http-interface", "127.0.0.1"]),
        *options,
    ]


# A run that installs or updates and stops: no HTTP server, no cron thread competing
# for the database.
ONE_SHOT = ("--stop-after-init", "--no-http", "--max-cron-threads", "0")


# The watchdog of a cron worker counts from before its sleep, which lasts up to 69 s
# (SLEEP_INTERVAL and up to 9 s more) unless a job is triggered: with a lower limit,
# idle cron workers are killed as if they had hung, and a job that starts after a
# full sleep has what is left. A lower --limit-time-real leaves the cron workers
# Odoo's default.
CRON_LIMIT = 120
# gevent loads its monkey-patching plugins through pkg_resources, which before
# setuptools 70 or so does not find zope.interface 7+ (its dist-info is named
# zope_interface): Odoo's gevent process then dies as it starts, and the prefork
# server starts it again, forever. The bootstrap's constraint on setuptools.
SETUPTOOLS = "setuptools<81"


def prefork_options(workers, limit_time_real=None):
    """Odoo's options to serve prefork as in production: ``workers`` HTTP workers,
    the cron workers, the gevent process for the websocket on a free port (8072 may
    be another Odoo's), and Odoo's limits but ``limit_time_real`` when given."""
    ensure_gevent_starts()
    options = ["--workers", workers, "--gevent-port", free_port()]
    if limit_time_real:
        options += ["--limit-time-real", limit_time_real]
        if limit_time_real < CRON_LIMIT:
            options += ["--limit-time-real-cron", CRON_LIMIT]
    return options


def ensure_gevent_starts():
    probe = [sys.executable, "-c", "from gevent import monkey; monkey.patch_all()"]
    failed = subprocess.run(probe, capture_output=True, text=True, check=False)
    if not failed.returncode:
        return
    say(
        f"gevent does not start ({failed.stderr.strip().splitlines()[-1]}): "
        f"installing {SETUPTOOLS}"
    )
    pip_install("--upgrade", SETUPTOOLS)
    if subprocess.run(probe, capture_output=True, check=False).returncode:
        raise SetupError(
            "gevent, which Odoo's prefork server needs for its websocket, does not "
            f"start in {sys.executable}"
        )


def run_odoo(odoo, work, cluster, database, *options, stdin=None, env=None, **how):
    """odoo_command(...) run in the foreground in the work dir; its exit code."""
    command = odoo_command(odoo, work, cluster, database, *options, **how)
    return run_child(command, cwd=work, stdin=stdin, env=env)


def serve_in_background(odoo, work, cluster, database, log, *options):
    """A server of ``database`` alone started in the background, logging at INFO
    to ``log``: (process, its loopback URL)."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(c)
            for c in odoo_command(
                odoo,
                work,
                cluster,
                database,
                *("--http-port", port, "--db-filter", f"^{database}$"),
                *logging_to(log, "info"),
                *options,
            )
        ],
        cwd=work,
    )
    return server, f"http://127.0.0.1:{port}"


def logging_to(log, level):
    return ("--log-level", level, "--logfile", log)


def server_options(odoo, work, cluster, database, *options, **how):
    """odoo_command's options without the interpreter, odoo-bin and its
    sub-command: for the scripts that give them to odoo.tools.config."""
    return odoo_command(odoo, work, cluster, database, *options, **how)[
        len(odoo.command) + 1 :
    ]


def odoo_importable(odoo, **variables):
    """The environment of a script that imports the Odoo found here, whatever way
    it was found, with `variables` added."""
    path = os.pathsep.join(filter(None, [str(odoo.root), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **variables}


def parse_odoo_log(path):
    """Group the log into records: (level, logger, message, continuation lines)."""
    records = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        match = ODOO_LOG_RE.match(line)
        if match:
            records.append((match["level"], match["logger"], match["msg"], [line]))
        elif records:
            records[-1][3].append(line)  # traceback or multi-line message
    return records


# checklog-odoo's regular expression for the WARNING records that are expected.
WARNINGS = r"^\S+ \S+ \d+ WARNING "
# Two servers posting for the same customers: Odoo raises a customer's rank after the
# commit, in a cursor of its own, and gives up when another server holds the row
# (account's res.partner._increase_rank catches the error), but odoo.sql_db has
# logged the failed UPDATE by then.
PARTNER_RANK_RACE = (
    r"^\S+ \S+ \d+ ERROR \S+ odoo\.sql_db: bad query: b' UPDATE \"res_partner\""
    r"\\n\s+SET \"(customer|supplier)_rank\""
)
CHECKLOG_FAILED_RE = re.compile(
    r"^errors that caused failure \((?P<count>\d+)\):", re.MULTILINE
)


def checklog(log, ignore=()):
    """(number of offending records, checklog-odoo's account of them): the records
    of `log` above INFO but those matching a regular expression of `ignore`, judged
    by checklog-odoo as OCA's CI judges its test logs."""
    ensure_pinned(TOOLS_REQUIREMENTS)
    if not Path(log).exists():
        return 1, f"{log} was not written"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "checklog_odoo",
            "--no-echo",
            "--no-err-if-empty",
            *(f"--ignore={regex}" for regex in ignore),
            log,
        ],
        capture_output=True,
        text=True,
        check=False,
        # Away from the checkout, whose pyproject.toml checklog-odoo would read.
        cwd=Path(log).parent,
    )
    failed = CHECKLOG_FAILED_RE.search(proc.stdout)
    if proc.returncode and not failed:
        return 1, (proc.stdout + proc.stderr).strip()
    return (int(failed["count"]) if failed else 0), proc.stdout.strip()


def wait_for_http(url, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except OSError:
            time.sleep(1)
    return False


def write_config(path, odoo, work, cluster, addons=None, **options):
    """An Odoo config file at ``path`` for the sandbox's cluster and addons path
    (``addons`` first, default the link to the checkout), with ``options`` added:
    for the tools that read the connection from a config file only."""
    addons_path = ",".join(
        str(p) for p in [addons or work / "addons", *odoo.addons_paths]
    )
    lines = [
        "[options]",
        f"db_host = {cluster.dir}",
        f"db_port = {cluster.port}",
        "db_user = odoo",
        f"addons_path = {addons_path}",
        f"data_dir = {work / 'odoo-data'}",
        *(f"{name} = {value}" for name, value in options.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def install_modules(odoo, work, cluster, database, modules, log, addons=None):
    """Install ``modules`` (a comma-separated list) in ``database``, without demo
    data, in one run that stops after; raises SetupError saying where the log is
    when it fails."""
    started = time.monotonic()
    returncode = run_odoo(
        odoo,
        work,
        cluster,
        database,
        "-i",
        modules,
        *ONE_SHOT,
        *logging_to(log, "warn"),
        addons=addons,
    )
    say(f"Install finished with {returncode} after {time.monotonic() - started:.0f} s")
    if returncode:
        tail(log)
        raise SetupError(f"installing {modules} in {database} failed; log: {log}")
