#!/usr/bin/env python3
"""Test and run tooling for the account_customer_group Odoo 19 addon.

    python3 dev/runner.py test  [--tier 1,2,3] [--keep] [--module-dir DIR]
    python3 dev/runner.py serve [--port 8069] [--init-only] [--keep] [--module-dir DIR]

`test` runs three tiers and ends with a one-line summary:
  1 pure   - pytest on tests/pure (plain Python, never imports odoo)
  2 static - XML well-formedness, manifest/data-file consistency, pylint + pylint-odoo
  3 odoo   - installs the addon in a fresh database of a throw-away PostgreSQL
             cluster and runs its Odoo tests; skipped (loudly) when Odoo 19 is absent

`serve` installs the addon with demo data in a throw-away cluster and serves it.

Standard library only, so it runs on a bare machine: it installs what the tiers
need (pytest, hypothesis, pylint-odoo, websocket-client, chromium, postgresql)
but never Odoo itself, which comes from ODOO_SRC or an importable `odoo`.
"""

import argparse
import ast
import contextlib
import csv
import glob
import importlib.util
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MODULE = "account_customer_group"
# Installed beside the addon so that its debit note figures are tested and shown: the
# addon counts debit notes when Odoo's Debit Notes module is there, without needing it.
INSTALL = f"{MODULE},account_debit_note"
DEV_DIR = Path(__file__).resolve().parent
DEFAULT_MODULE_DIR = DEV_DIR.parent
PYLINTRC = DEV_DIR / "pylintrc"

# Folders whose XML/CSV files Odoo only loads when the manifest lists them.
DATA_DIRS = ("views", "security", "data", "demo", "report", "wizard", "wizards")
ACCESS_CSV_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]
# Never part of the addon: VCS data, runner output, caches.
NOT_ADDON = {
    ".git",
    ".runner",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "node_modules",
}
CHROME_BINARIES = (
    "google-chrome",
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
)

# An Odoo log record: "2026-01-01 10:00:00,123 4242 WARNING dbname logger.name: message"
ODOO_LOG_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)$"
)
# Final line of an Odoo --test-enable run (odoo/service/server.py, OdooTestResult.__str__);
# logged at INFO, at WARNING when no test ran, at ERROR when a test failed.
ODOO_TEST_SUMMARY_RE = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests when loading database"
)
ODOO_MODULE_LOADED_RE = re.compile(
    rf"^Module {MODULE} loaded in [\d.]+s(?: \(incl\. (?P<test>[\d.]+)s test\))?"
)
# odoo/tests/case.py logs "Starting Class.test_method ..." for every test; tour tests live in Tour classes.
ODOO_TOUR_STARTED_RE = re.compile(r"^Starting \w*Tour\w*\.test_")
ODOO_POST_TESTS_RE = re.compile(r"^\d+ post-tests in (?P<seconds>[\d.]+)s")

HOW_TO_GET_ODOO = """\
The runner needs Odoo 19: ODOO_SRC pointing at a checkout, or `odoo` importable by python3.
To get it:
  1. Get the Odoo 19.0 Community source from its official GitHub repository,
     odoo/odoo, branch 19.0:  git clone --depth 1 -b 19.0 https://github.com/odoo/odoo /opt/odoo19
  2. python3 -m pip install -r /opt/odoo19/requirements.txt
  3. Then either
       export ODOO_SRC=/opt/odoo19          (a checkout with odoo-bin and odoo/), or
       make it importable: echo /opt/odoo19 > "$(python3 -c 'import site; print(site.getsitepackages()[0])')/odoo19.pth"
PostgreSQL server binaries (initdb, pg_ctl) are needed too; the runner installs
them with apt-get when run as root."""


class SetupError(Exception):
    """Something the tier needs could not be found or installed."""


@dataclass
class TierResult:
    label: str
    status: str  # PASSED, FAILED or SKIPPED
    detail: str = ""
    passed: int = 0
    failed: int = 0


# --------------------------------------------------------------------------- helpers


def say(msg=""):
    print(msg, flush=True)


def header(title):
    say(f"\n========== {title} ==========")


def show_cmd(cmd):
    say("$ " + shlex.join(str(c) for c in cmd))


def run(cmd, **kwargs):
    show_cmd(cmd)
    return subprocess.run([str(c) for c in cmd], check=False, **kwargs)


def run_child(cmd, **kwargs):
    """Run a long child (Odoo) in the foreground; if we are interrupted, stop it
    before the caller's cleanup removes the database cluster under its feet."""
    show_cmd(cmd)
    proc = subprocess.Popen([str(c) for c in cmd], **kwargs)
    try:
        return proc.wait()
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def is_root():
    return os.geteuid() == 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pip_install(*requirements):
    if run([sys.executable, "-m", "pip", "install", "-q", *requirements]).returncode:
        raise SetupError(f"pip could not install {' '.join(requirements)}")
    importlib.invalidate_caches()


def ensure_python_package(import_name, requirement):
    if importlib.util.find_spec(import_name) is None:
        say(f"{import_name} is missing: installing {requirement}")
        pip_install(requirement)


def apt_install(package):
    """apt-get install, refreshing the package lists only when the first try fails."""
    if not (is_root() and shutil.which("apt-get")):
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if run(["apt-get", "install", "-y", "-q", package], env=env).returncode == 0:
        return True
    run(["apt-get", "update", "-q"], env=env)
    return run(["apt-get", "install", "-y", "-q", package], env=env).returncode == 0


def tail(path, lines=80):
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    say(f"----- last {min(lines, len(text))} lines of {path} -----")
    for line in text[-lines:]:
        say(line)
    say("----- end of log -----")


def runner_dir(module_dir):
    """.runner/ in the module checkout (gitignored) keeps logs for inspection."""
    path = module_dir / ".runner"
    path.mkdir(exist_ok=True)
    return path


@contextlib.contextmanager
def signals_deferred():
    """Cleanup must finish: a second Ctrl-C/SIGTERM only prints a note meanwhile.
    (A handler, not SIG_IGN, because SIG_IGN would be inherited by pg_ctl.)"""

    def note(signum, frame):
        say(f"(signal {signum} received: still cleaning up, please wait)")

    previous = {
        sig: signal.signal(sig, note)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def interrupt_on_signal(signum, frame):
    # SIGTERM/SIGHUP take the same path as Ctrl-C so every `finally` cleanup runs.
    raise KeyboardInterrupt(f"signal {signum}")


# --------------------------------------------------------------------------- tier 1

# pytest runs through this stub so that tier 1 can never import odoo, even by
# accident (a pytest plugin, a conftest, a test): with sys.modules["odoo"] = None
# any `import odoo...` raises ImportError instead of silently working here and
# failing on a machine without Odoo.
PYTEST_WITHOUT_ODOO = "import sys, pytest; sys.modules['odoo'] = None; sys.exit(pytest.main(sys.argv[1:]))"


def pytest_counts(output):
    """Counts from pytest's closing line, e.g. '3 failed, 20 passed, 1 skipped in 0.52s'."""
    for line in reversed(output.splitlines()):
        if re.search(r" in [\d.]+s\b", line):
            return {
                ("error" if word.startswith("error") else word): int(number)
                for number, word in re.findall(
                    r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)",
                    line,
                )
            }
    return {}


def tier_pure(module_dir):
    label = "TIER 1 pure  "
    header("TIER 1: pure Python tests (pytest tests/pure)")
    test_dir = module_dir / "tests" / "pure"
    if not test_dir.is_dir():
        return TierResult(label, "FAILED", f"{test_dir} does not exist")
    try:
        ensure_python_package("pytest", "pytest")
        ensure_python_package("hypothesis", "hypothesis")
    except SetupError as err:
        return TierResult(label, "FAILED", str(err))
    env = dict(
        os.environ,
        PYTHONDONTWRITEBYTECODE="1",
        # keep hypothesis' example database out of the work tree
        HYPOTHESIS_STORAGE_DIRECTORY=str(runner_dir(module_dir) / "hypothesis"),
    )
    # The repo root and tests/ are Odoo packages whose __init__ imports odoo, so
    # pytest must not see them: with rootdir and confcutdir at tests/pure it
    # neither imports those __init__.py files (as parent packages) nor any
    # conftest.py above, and importlib mode leaves sys.path alone.
    # -p no:odoo keeps pytest-odoo (entry point "odoo") from loading Odoo.
    cmd = [
        sys.executable,
        "-c",
        PYTEST_WITHOUT_ODOO,
        "-p",
        "no:odoo",
        "-p",
        "no:cacheprovider",
        "--import-mode=importlib",
        f"--rootdir={test_dir}",
        f"--confcutdir={test_dir}",
        "-q",
        "-rfEs",
        str(test_dir),
    ]
    show_cmd(cmd)
    proc = subprocess.run(
        cmd,
        cwd=test_dir,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    say(proc.stdout.rstrip())
    counts = pytest_counts(proc.stdout)
    passed = counts.get("passed", 0) + counts.get("xpassed", 0)
    failed = counts.get("failed", 0) + counts.get("error", 0)
    extra = "".join(
        f", {counts[k]} {k}" for k in ("skipped", "xfailed") if counts.get(k)
    )
    if proc.returncode == 0:
        return TierResult(label, "PASSED", f"{passed} passed{extra}", passed, failed)
    if proc.returncode == 5:
        return TierResult(
            label, "FAILED", "no tests collected (pytest exit 5)", passed, failed
        )
    return TierResult(
        label,
        "FAILED",
        f"{passed} passed, {failed} failed{extra} (pytest exit {proc.returncode})",
        passed,
        failed,
    )


# --------------------------------------------------------------------------- tier 2


def addon_files(module_dir, suffixes):
    for root, dirs, files in os.walk(module_dir):
        dirs[:] = sorted(d for d in dirs if d not in NOT_ADDON)
        for name in sorted(files):
            if name.endswith(suffixes):
                yield Path(root, name)


def check_xml(module_dir):
    problems = []
    count = 0
    for path in addon_files(module_dir, (".xml",)):
        count += 1
        try:
            ET.parse(path)
        except ET.ParseError as err:
            problems.append(f"{path.relative_to(module_dir)}: {err}")
    return problems, f"{count} XML files parse"


def check_manifest(module_dir):
    path = module_dir / "__manifest__.py"
    try:
        manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError) as err:
        return [f"__manifest__.py is not a literal dict: {err}"], ""
    if not isinstance(manifest, dict):
        return ["__manifest__.py is not a dict"], ""
    problems = []
    version = manifest.get("version", "")
    if not re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", str(version)):
        problems.append(f"version {version!r} does not match 19.0.x.y.z")
    if manifest.get("license") != "LGPL-3":
        problems.append(f"license {manifest.get('license')!r} is not 'LGPL-3'")
    listed = set()
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            if name in listed:
                problems.append(f"{name} is listed twice in the manifest")
            listed.add(name)
            if not (module_dir / name).is_file():
                problems.append(f"manifest '{key}' lists {name}, which does not exist")
    # A data file that is not listed is never loaded: almost always a mistake.
    for folder in DATA_DIRS:
        if (module_dir / folder).is_dir():
            for file in addon_files(module_dir / folder, (".xml", ".csv")):
                name = file.relative_to(module_dir).as_posix()
                if name not in listed:
                    problems.append(
                        f"{name} is not listed in the manifest 'data' or 'demo'"
                    )
    return (
        problems,
        f"version {version}, {len(listed)} data/demo files listed and present",
    )


def check_access_csv(module_dir):
    path = module_dir / "security" / "ir.model.access.csv"
    if not path.exists():
        return [], "no security/ir.model.access.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows or [cell.strip() for cell in rows[0]] != ACCESS_CSV_HEADER:
        return [
            f"{path.name} header is {rows[0] if rows else 'missing'}, expected {','.join(ACCESS_CSV_HEADER)}"
        ], ""
    problems = [
        f"{path.name} line {number}: {len(row)} columns, expected {len(ACCESS_CSV_HEADER)}"
        for number, row in enumerate(rows[1:], start=2)
        if row and len(row) != len(ACCESS_CSV_HEADER)
    ]
    return problems, f"ir.model.access.csv: {len(rows) - 1} rules"


def check_pylint(module_dir):
    try:
        ensure_python_package("pylint_odoo", "pylint-odoo>=10,<11")
    except SetupError as err:
        return [str(err)], ""
    base = [sys.executable, "-m", "pylint", f"--rcfile={PYLINTRC}"]
    # Show what actually runs, and refuse a run where the Odoo checks are not loaded.
    listing = subprocess.run(
        base + ["--list-msgs-enabled"], text=True, capture_output=True, check=False
    )
    enabled = re.findall(
        r"^  (\S+) \(([A-Z]\d{4})\)$",
        listing.stdout.split("Disabled messages:")[0],
        re.MULTILINE,
    )
    # All pylint-odoo message codes are in the x8xxx range (C8101, E8102...).
    odoo_checks = [name for name, code in enabled if code[1] == "8"]
    say(
        f"pylint: {len(enabled)} messages enabled, {len(odoo_checks)} of them from pylint-odoo"
    )
    if not odoo_checks:
        return [
            f"pylint-odoo checks are not enabled (check {PYLINTRC})\n{listing.stderr}"
        ], ""
    with tempfile.TemporaryDirectory(prefix="acg-lint-") as tmp:
        # pylint-odoo derives the addon name from the folder holding __manifest__.py
        # and stops looking for it at the first folder holding .git; the repo root
        # is both, so lint a copy without .git in a folder named after the addon
        # (a symlink to the checkout would keep .git and silently skip those checks).
        shutil.copytree(
            module_dir,
            Path(tmp, MODULE),
            symlinks=True,
            ignore=shutil.ignore_patterns(*NOT_ADDON),
        )
        proc = run(
            base + [MODULE],
            cwd=tmp,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
    say(proc.stdout.rstrip() or "(no messages)")
    messages = re.findall(r"^\S+:\d+:\d+: ([A-Z]\d{4}): ", proc.stdout, re.MULTILINE)
    if proc.returncode:
        return [f"pylint: {len(messages)} messages (exit {proc.returncode})"], ""
    return [], "pylint + pylint-odoo: no messages"


def tier_static(module_dir):
    label = "TIER 2 static"
    header("TIER 2: static checks")
    checks = (
        ("XML well-formed", check_xml),
        ("manifest", check_manifest),
        ("access CSV", check_access_csv),
        ("pylint-odoo", check_pylint),
    )
    ok = bad = 0
    failed_names = []
    for name, check in checks:
        say(f"--- {name}")
        problems, note = check(module_dir)
        for problem in problems:
            say(f"  FAIL {problem}")
        if problems:
            bad += 1
            failed_names.append(name)
        else:
            ok += 1
            say(f"  ok   {note}")
    if bad:
        return TierResult(
            label,
            "FAILED",
            f"{bad} of {len(checks)} checks failed: {', '.join(failed_names)}",
            ok,
            bad,
        )
    return TierResult(label, "PASSED", f"{ok} checks", ok, 0)


# --------------------------------------------------------------------------- Odoo and PostgreSQL


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


def ensure_browser():
    """HttpCase tours need a Chrome; without it Odoo skips them (with a warning)."""
    if any(shutil.which(name) for name in CHROME_BINARIES):
        return
    say("Chromium is missing: trying apt-get install chromium")
    if not apt_install("chromium"):
        say(
            "*** Chromium could not be installed (not root, or apt-get failed): Odoo browser tests will not run ***"
        )


def find_pg_bindir():
    def lookup():
        found = shutil.which("initdb")
        if found:
            return Path(os.path.realpath(found)).parent
        versions = sorted(
            glob.glob("/usr/lib/postgresql/*/bin/initdb"),
            key=lambda p: int(re.search(r"/(\d+)/bin/", p).group(1)),
        )
        return Path(versions[-1]).parent if versions else None

    bindir = lookup()
    if bindir is None:
        say("PostgreSQL server binaries not found: trying apt-get install postgresql")
        if apt_install("postgresql"):
            bindir = lookup()
    if bindir is None:
        raise SetupError(
            "PostgreSQL server binaries (initdb) not found; install PostgreSQL >= 13"
        )
    return bindir


def pg_os_user():
    """PostgreSQL refuses to run as root: use `postgres`, else a system user we create."""
    if not is_root():
        return None
    for name in ("postgres", "acg-postgres"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            pass
    if run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            "acg-postgres",
        ]
    ).returncode:
        raise SetupError("could not create a system user to run PostgreSQL")
    return "acg-postgres"


class PgCluster:
    """A throw-away PostgreSQL cluster listening only on a unix socket in `directory`."""

    def __init__(self, directory):
        self.bindir = find_pg_bindir()
        self.user = pg_os_user()
        self.dir = directory
        self.data = directory / "data"
        # Only names the socket file (.s.PGSQL.<port>); no TCP port is opened.
        self.port = free_port()

    def _as_user(self, cmd):
        if not self.user:
            return cmd
        if shutil.which("runuser"):
            return ["runuser", "-u", self.user, "--", *cmd]
        return ["su", "-s", "/bin/sh", self.user, "-c", shlex.join(str(c) for c in cmd)]

    def _run(self, cmd, as_user=True):
        cmd = self._as_user(cmd) if as_user else cmd
        proc = run(
            cmd,
            cwd=self.dir,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        if proc.returncode:
            say(proc.stdout)
        return proc.returncode

    def start_command(self, *options):
        return [
            str(c)
            for c in self._as_user(
                [
                    self.bindir / "pg_ctl",
                    "-D",
                    self.data,
                    "-l",
                    self.dir / "postgresql.log",
                    *options,
                    "start",
                ]
            )
        ]

    def start(self):
        self.dir.mkdir(mode=0o700)
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        if self._run(
            [
                self.bindir / "initdb",
                "-D",
                self.data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        ):
            raise SetupError("initdb failed")
        # Appended as root to a file the cluster user owns: ownership is kept.
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"\n# throw-away test cluster (dev/runner.py)\n"
                f"listen_addresses = ''\n"
                f"unix_socket_directories = '{self.dir}'\n"
                f"port = {self.port}\n"
                # durability is pointless for a cluster deleted at the end
                f"fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        if self._run(self.start_command("-w", "-t", "60"), as_user=False):
            tail(self.dir / "postgresql.log", 30)
            raise SetupError("PostgreSQL did not start")
        # Odoo refuses the `postgres` role: give it its own superuser (trust auth on the socket).
        if self._run(
            [
                self.bindir / "psql",
                "-h",
                self.dir,
                "-p",
                self.port,
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-c",
                "CREATE ROLE odoo LOGIN SUPERUSER",
            ],
            as_user=False,
        ):
            raise SetupError("could not create the odoo role")

    def stop(self):
        if not (self.data / "postmaster.pid").exists():
            return
        if self._run(
            [
                self.bindir / "pg_ctl",
                "-D",
                self.data,
                "-m",
                "fast",
                "-w",
                "-t",
                "60",
                "stop",
            ]
        ):
            self._run(
                [
                    self.bindir / "pg_ctl",
                    "-D",
                    self.data,
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ]
            )


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
        addons = work / "addons"
        addons.mkdir()
        (addons / MODULE).symlink_to(module_dir)
        # An explicit empty config keeps a developer's ~/.odoorc out of the run.
        (work / "odoo.conf").write_text("[options]\n", encoding="utf-8")
        cluster = PgCluster(work / "pg")
        say(
            f"PostgreSQL: {cluster.bindir}, cluster in {cluster.dir} (socket port {cluster.port}), "
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


def odoo_command(odoo, work, cluster, database, *options, subcommand="server"):
    addons_path = ",".join(str(p) for p in [work / "addons", *odoo.addons_paths])
    return [
        *odoo.command,
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


# --------------------------------------------------------------------------- tier 3


def tier_odoo(module_dir, keep):
    label = "TIER 3 odoo  "
    header("TIER 3: Odoo install + tests")
    odoo, why = find_odoo()
    if odoo is None:
        say(f"*** TIER 3 (Odoo) SKIPPED: {why} ***")
        return [TierResult(label, "SKIPPED", why)]
    say(f"Odoo 19 from {odoo.origin}")
    has_tests = any((module_dir / "tests").glob("test_*.py"))
    log = runner_dir(module_dir) / "odoo-test.log"
    log.unlink(missing_ok=True)
    try:
        ensure_python_package(
            "websocket", "websocket-client"
        )  # else HttpCase tests are skipped
        ensure_browser()
        with odoo_sandbox(module_dir, keep) as (work, cluster):
            started = time.monotonic()
            # No demo data (the Odoo 19 default), only this addon's tests, no cron
            # thread competing with the tests for the database.
            returncode = run_child(
                odoo_command(
                    odoo,
                    work,
                    cluster,
                    "acg_test",
                    "-i",
                    INSTALL,
                    "--test-enable",
                    "--test-tags",
                    f"/{MODULE}",
                    "--stop-after-init",
                    "--http-port",
                    free_port(),
                    "--max-cron-threads",
                    "0",
                    "--log-level",
                    "info",
                    "--logfile",
                    log,
                ),
                cwd=work,
            )
            elapsed = time.monotonic() - started
            has_tours = any((module_dir / "static" / "tests" / "tours").glob("*.js"))
            result = judge_odoo_test_log(
                label, log, returncode, elapsed, has_tests, has_tours
            )
            if result.status != "PASSED":
                not_run = "not run: the install or the Odoo tests failed"
                return [
                    result,
                    TierResult(RPC_LABEL, "FAILED", not_run),
                    TierResult(CONCURRENCY_LABEL, "FAILED", not_run),
                ]
            return [
                result,
                integration_suite(odoo, work, cluster, module_dir),
                concurrency_check(odoo, work, cluster, module_dir),
            ]
    except SetupError as err:
        say(f"*** {err} ***")
        return [TierResult(label, "FAILED", str(err))]


CONCURRENCY_LABEL = "TIER 3 concur"
CONCURRENCY_WORKERS = 4
CONCURRENCY_INVOICES = 1000  # per worker


def concurrency_check(odoo, work, cluster, module_dir):
    """Post invoices of one group from parallel processes, then compare the statistics with the ledger."""
    header(
        f"TIER 3: concurrent posting ({CONCURRENCY_WORKERS} workers x {CONCURRENCY_INVOICES} invoices)"
    )
    started = time.monotonic()
    # The script imports odoo itself: make the found Odoo importable whatever way it was found.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(odoo.root), os.environ.get("PYTHONPATH")])
        ),
    }
    script = module_dir / "tests" / "concurrency" / "concurrent_posting.py"
    options = odoo_command(odoo, work, cluster, "acg_test", "--log-level", "warn")[
        len(odoo.command) + 1 :
    ]
    check = subprocess.run(
        [
            sys.executable,
            script,
            "--workers",
            str(CONCURRENCY_WORKERS),
            "--invoices",
            str(CONCURRENCY_INVOICES),
            "--",
            *map(str, options),
        ],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=2400,
    )
    elapsed = time.monotonic() - started
    say(check.stdout.rstrip())
    if check.returncode:
        say(check.stderr.rstrip()[-6000:])
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
    figures = next(
        (line for line in check.stdout.splitlines() if " workers posted " in line), ""
    )
    return TierResult(
        CONCURRENCY_LABEL, "PASSED", f"{figures}; statistics equal the ledger", passed
    )


def judge_odoo_test_log(label, log, returncode, elapsed, has_tests, has_tours=False):
    say(f"Odoo exited with {returncode} after {elapsed:.0f} s; full log: {log}")
    if not log.exists():
        return TierResult(label, "FAILED", f"Odoo wrote no log (exit {returncode})")
    summary = loaded = None
    test_seconds = 0.0
    tours_started = 0
    offending = []
    for level, logger, message, lines in parse_odoo_log(log):
        if logger == "odoo.tests.result" and ODOO_TEST_SUMMARY_RE.match(message):
            summary = ODOO_TEST_SUMMARY_RE.match(message)
            # Odoo logs "0 tests" at WARNING; that is expected until the addon has tests.
            if level == "WARNING" and not has_tests and summary["total"] == "0":
                continue
        if logger == "odoo.modules.loading" and ODOO_MODULE_LOADED_RE.match(message):
            loaded = ODOO_MODULE_LOADED_RE.match(message)
            test_seconds += float(loaded["test"] or 0)  # at_install tests
        if ODOO_TOUR_STARTED_RE.match(message):
            tours_started += 1
        if logger == "odoo.service.server" and ODOO_POST_TESTS_RE.match(message):
            test_seconds += float(ODOO_POST_TESTS_RE.match(message)["seconds"])
        # The install must be warning-free: any WARNING, ERROR or CRITICAL fails the tier.
        if level in ("WARNING", "ERROR", "CRITICAL"):
            offending.append(lines)
    problems = []
    if returncode:
        problems.append(f"Odoo exited with {returncode}")
    if offending:
        problems.append(f"{len(offending)} WARNING/ERROR/CRITICAL log records")
        say(f"--- {len(offending)} offending log records:")
        for lines in offending:
            say(
                "\n".join(
                    lines[:40]
                    + (
                        [f"    ... ({len(lines) - 40} more lines)"]
                        if len(lines) > 40
                        else []
                    )
                )
            )
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
            "ZERO Odoo tests ran although tests/test_*.py exist (imported in tests/__init__.py? tagged?)"
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


# --------------------------------------------------------------------------- tier 3: integration

RPC_LABEL = "TIER 3 rpc   "
RPC_SUMMARY_RE = re.compile(
    r"^(?P<passed>\d+) passed, (?P<failed>\d+) failed$", re.MULTILINE
)


def integration_suite(odoo, work, cluster, module_dir):
    """Serve the tested database on a free loopback port and drive it from a
    separate client process over XML-RPC and JSON-2 (tests/rpc/client.py)."""
    header("TIER 3: integration suite (XML-RPC and JSON-2 against a live server)")
    rpc_dir = module_dir / "tests" / "rpc"
    credentials = work / "rpc-credentials.json"
    log = runner_dir(module_dir) / "odoo-rpc.log"
    log.unlink(missing_ok=True)
    with open(rpc_dir / "setup_integration.py", "rb") as script:
        returncode = run_child(
            odoo_command(
                odoo,
                work,
                cluster,
                "acg_test",
                "--no-http",
                "--log-level",
                "warn",
                "--logfile",
                log,
                subcommand="shell",
            ),
            cwd=work,
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
    passed, failed = (
        (int(counts["passed"]), int(counts["failed"])) if counts else (0, 0)
    )
    # Refused input is logged by odoo.http at WARNING, as it should be; errors are not expected.
    errors = [
        lines
        for level, _, _, lines in parse_odoo_log(log)
        if level in ("ERROR", "CRITICAL")
    ]
    for lines in errors:
        say("\n".join(lines[:40]))
    if client.returncode or not counts or failed or not passed or errors:
        return TierResult(
            RPC_LABEL,
            "FAILED",
            f"client exit {client.returncode}, {len(errors)} server errors; log {log}",
            passed,
            failed or 1,
        )
    return TierResult(
        RPC_LABEL,
        "PASSED",
        f"{passed} scenarios over XML-RPC and JSON-2 on 127.0.0.1:{port}",
        passed,
    )


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


# --------------------------------------------------------------------------- commands


def command_test(args):
    module_dir = args.module_dir
    results = []
    if 1 in args.tiers:
        results.append(tier_pure(module_dir))
    if 2 in args.tiers:
        results.append(tier_static(module_dir))
    if 3 in args.tiers:
        results.extend(tier_odoo(module_dir, args.keep))
    header("SUMMARY")
    passed = failed = skipped = 0
    for result in results:
        say(
            f"{result.label} : {result.status}"
            + (f" ({result.detail})" if result.detail else "")
        )
        passed += result.passed
        # A tier that failed without a test count (crash, exit 5...) still counts as a failure.
        failed += result.failed or (result.status == "FAILED")
        skipped += result.status == "SKIPPED"
    say(
        f"{passed} passed, {failed} failed"
        + (f", {skipped} skipped" if skipped else "")
    )
    return 1 if any(r.status == "FAILED" for r in results) else 0


def command_serve(args):
    odoo, why = find_odoo()
    if odoo is None:
        say(why)
        say(HOW_TO_GET_ODOO)
        return 2
    if not args.init_only and not port_is_free(args.port):
        say(f"Port {args.port} on 127.0.0.1 is in use: pick another with --port")
        return 2
    log = runner_dir(args.module_dir) / "odoo-serve-init.log"
    log.unlink(missing_ok=True)
    say(f"Odoo 19 from {odoo.origin}")
    try:
        with odoo_sandbox(args.module_dir, args.keep) as (work, cluster):
            header(f"Installing {MODULE} with demo data in database acg_demo")
            started = time.monotonic()
            returncode = run_child(
                odoo_command(
                    odoo,
                    work,
                    cluster,
                    "acg_demo",
                    "-i",
                    INSTALL,
                    "--with-demo",
                    "--stop-after-init",
                    "--no-http",
                    "--max-cron-threads",
                    "0",
                    "--log-level",
                    "info",
                    "--logfile",
                    log,
                ),
                cwd=work,
            )
            say(
                f"Install finished with {returncode} after {time.monotonic() - started:.0f} s; log: {log}"
            )
            problems = [
                lines[0]
                for level, _, _, lines in parse_odoo_log(log)
                if level in ("WARNING", "ERROR", "CRITICAL")
            ]
            for line in problems:
                say(f"  {line}")
            if returncode:
                tail(log)
                return returncode
            if args.init_only:
                say(
                    f"--init-only: install OK ({len(problems)} warning/error records), not serving"
                )
                return 0
            header("Serving")
            say(
                f"Open http://127.0.0.1:{args.port}/odoo  (login: admin, password: admin)"
            )
            say("Stop with Ctrl-C; the database is thrown away afterwards.")
            try:
                run_child(
                    odoo_command(
                        odoo,
                        work,
                        cluster,
                        "acg_demo",
                        "--db-filter",
                        "^acg_demo$",
                        "--http-port",
                        args.port,
                    ),
                    cwd=work,
                )
            except KeyboardInterrupt:
                say("Stopping.")  # the normal way to end `serve`
            return 0
    except SetupError as err:
        say(f"*** {err} ***")
        return 1


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
    serve = commands.add_parser(
        "serve", help="install the addon with demo data and serve it"
    )
    serve.add_argument(
        "--port", type=int, default=8069, help="HTTP port on 127.0.0.1 (default 8069)"
    )
    serve.add_argument(
        "--init-only", action="store_true", help="install, then exit without serving"
    )
    # Accept the common options after the sub-command too (runner.py test --keep).
    for sub in (test, serve):
        sub.add_argument(
            "--module-dir", type=lambda p: Path(p).resolve(), default=argparse.SUPPRESS
        )
        sub.add_argument("--keep", action="store_true", default=argparse.SUPPRESS)
    return parser.parse_args(argv)


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


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not (args.module_dir / "__manifest__.py").is_file():
        say(f"{args.module_dir} has no __manifest__.py")
        return 2
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) is not signal.SIG_IGN:  # respect nohup
            signal.signal(sig, interrupt_on_signal)
    try:
        return command_test(args) if args.command == "test" else command_serve(args)
    except KeyboardInterrupt:
        say("Interrupted.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
