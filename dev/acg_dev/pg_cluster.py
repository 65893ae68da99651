"""The throw-away PostgreSQL cluster: its server binaries, the system user it runs
as when the runner is root, starting and stopping it."""

import contextlib
import glob
import os
import pwd
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from .common import SetupError, apt_install, free_port, is_root, run, say, tail


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

    def _make_dir(self):
        self.dir.mkdir(mode=0o700)
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)

    def _listen(self, extra=""):
        """Only on the socket in its directory. Appended as root to a file the
        cluster user owns: ownership is kept."""
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"\n# throw-away test cluster (dev/runner.py)\n"
                f"listen_addresses = ''\n"
                f"unix_socket_directories = '{self.dir}'\n"
                f"port = {self.port}\n{extra}"
            )
        if self._run(self.start_command("-w", "-t", "60"), as_user=False):
            tail(self.dir / "postgresql.log", 30)
            raise SetupError("PostgreSQL did not start")

    def start(self):
        self._make_dir()
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
        # durability is pointless for a cluster deleted at the end
        self._listen("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        # Odoo refuses the `postgres` role: give it its own superuser (trust auth
        # on the socket).
        if self._run(
            self.psql("postgres", "CREATE ROLE odoo LOGIN SUPERUSER"), as_user=False
        ):
            raise SetupError("could not create the odoo role")

    def start_replica(self, primary):
        """Start as a streaming replica of ``primary``: a base backup of it taken
        with -R (standby.signal and primary_conninfo over its socket; initdb's
        pg_hba lets local replication connections in), then served read-only on
        a socket of its own."""
        self._make_dir()
        if self._run(
            [
                self.bindir / "pg_basebackup",
                *("-h", primary.dir, "-p", primary.port, "-U", "odoo"),
                *("-D", self.data, "-R", "-X", "stream", "--no-sync"),
                # Not a checkpoint spread over minutes for a backup wanted now.
                "--checkpoint=fast",
            ]
        ):
            raise SetupError("pg_basebackup of the test cluster failed")
        self._listen("hot_standby = on\n")

    def replica_options(self):
        """Odoo's options to read from this cluster as a replica."""
        return ("--db_replica_host", self.dir, "--db_replica_port", self.port)

    def query(self, role, database, statement):
        """The rows of a one-statement query, as lists of strings."""
        # Not through run(): polled, it would fill the output with its commands.
        proc = subprocess.run(
            [
                str(c)
                for c in (
                    self.bindir / "psql",
                    *("-h", self.dir, "-p", self.port, "-U", role, "-d", database),
                    *("-X", "-A", "-t", "-F", "\t", "-c", statement),
                )
            ],
            text=True,
            capture_output=True,
            check=False,
        )
        if proc.returncode:
            raise SetupError(f"psql failed: {proc.stderr.strip()}")
        return [line.split("\t") for line in proc.stdout.splitlines() if line]

    def psql(self, role, *statements):
        """psql running `statements` in the postgres database as `role`, quiet but
        for errors, stopping at the first."""
        return [
            self.bindir / "psql",
            *("-h", self.dir, "-p", self.port, "-U", role, "-d", "postgres"),
            *("-v", "ON_ERROR_STOP=1", "-q"),
            *(arg for statement in statements for arg in ("-c", statement)),
        ]

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
def streaming_replica(primary, directory):
    """A streaming replica of ``primary`` in ``directory``, made afresh (over what a
    killed run left there), stopped and removed at the end."""
    replica = PgCluster(directory)
    if directory.exists():
        replica.stop()
        shutil.rmtree(directory)
    try:
        replica.start_replica(primary)
        say(f"Streaming replica in {directory} (socket port {replica.port})")
        yield replica
    finally:
        replica.stop()
        shutil.rmtree(directory, ignore_errors=True)
