"""Finding Odoo 19, the throw-away PostgreSQL cluster, free ports, Odoo command
lines and Odoo logs."""

import contextlib
import glob
import importlib.util
import os
import pwd
import re
import shlex
import shutil
import socket
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
    SetupError,
    apt_install,
    is_root,
    run,
    say,
    signals_deferred,
    tail,
)

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
    """PostgreSQL refuses to run as root: use `postgres`, else a system user we
    create."""
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
    """A throw-away PostgreSQL cluster listening only on a unix socket in
    `directory`."""

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
        # Odoo refuses the `postgres` role: give it its own superuser (trust auth
        # on the socket).
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
