"""`serve --data DIR`: the PostgreSQL cluster, the filestore and the database
kept in DIR between runs, so the demo can be tried over several days.

    DIR/pg/          the cluster (owned by the cluster's user when run as root)
    DIR/odoo-data/   Odoo's data dir (filestore, sessions)
    DIR/addons/      a link to the checkout being served
    DIR/INSTALLED    written once the first install finished
    DIR/SERVING      the serving runner's pid and start time, while it runs

A serve killed with SIGKILL cleans nothing up: its cluster keeps running, and its
Odoo (or the workers and gevent process of a prefork Odoo whose main process died)
may still hold the HTTP port. The next serve of DIR stops what the killed one left
before it starts.
"""

import contextlib
import os
import re
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

from .common import SetupError, run, say, signals_deferred, tail
from .pg_cluster import PgCluster
from .sandbox import prepare_work_dir

INSTALLED = "INSTALLED"
SERVING = "SERVING"


class KeptCluster(PgCluster):
    """A PgCluster started again on later runs, on the socket port it was made
    with (the number only names its socket file in DIR/pg)."""

    def __init__(self, directory):
        super().__init__(directory)
        conf = self.data / "postgresql.conf"
        ports = re.findall(
            r"^port = (\d+)$",
            conf.read_text(encoding="utf-8") if conf.is_file() else "",
            re.MULTILINE,
        )
        if ports:
            self.port = int(ports[-1])

    def exists(self):
        return (self.data / "PG_VERSION").is_file()

    def start(self):
        if not self.exists():
            if self.dir.exists():  # initdb of an earlier first run did not finish
                shutil.rmtree(self.dir)
            super().start()
            return
        self.stop_leftover()
        if self._run(self.start_command("-w", "-t", "60"), as_user=False):
            tail(self.dir / "postgresql.log", 30)
            raise SetupError(f"the PostgreSQL cluster in {self.dir} did not start")

    def is_running(self):
        """Whether a postmaster runs on this cluster (pg_ctl status: 0 running, 3
        not running; a stale postmaster.pid counts as not running)."""
        status = subprocess.run(
            self._as_user(
                [str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"]
            ),
            capture_output=True,
            check=False,
        )
        return status.returncode == 0

    def stop_leftover(self):
        """Stop the cluster an earlier serve left running when it was killed."""
        if self.is_running():
            say(f"The PostgreSQL cluster in {self.dir} was left running: stopping it")
            self.stop()

    def drop_database(self, name):
        if run(
            self.psql(
                "odoo",
                "SET client_min_messages = warning",
                f'DROP DATABASE IF EXISTS "{name}"',
            )
        ).returncode:
            raise SetupError(f"could not drop the unfinished database {name}")


def check_reachable(data_dir, user):
    """Run as root, the cluster belongs to `user`, who must be able to enter
    every folder above DIR/pg (not so under /root)."""
    if not user:
        return
    for folder in [data_dir, *data_dir.parents]:
        if folder != data_dir and not folder.stat().st_mode & stat.S_IXOTH:
            raise SetupError(
                f"PostgreSQL runs as {user}, who cannot enter {folder}: choose a "
                "--data folder elsewhere (e.g. under /srv or /var/tmp)"
            )


def process_start_time(pid):
    """The start time of process ``pid`` (clock ticks since boot), None when there
    is none: with the pid, it names a process whose pid may be reused."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return None
    # The fields after the command name, which is in parentheses and may hold spaces.
    return int(stat_line.rpartition(")")[2].split()[19])


def running_serve(data_dir):
    """The pid of a serve of data_dir still running, else None."""
    try:
        pid, started = (data_dir / SERVING).read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return None
    if int(pid) != os.getpid() and process_start_time(pid) == int(started):
        return int(pid)
    return None


def leftover_odoo(data_dir):
    """Pids of the Odoo processes (server, prefork workers, gevent) still running on
    data_dir's Odoo data dir."""
    wanted = ["--data-dir", str(data_dir / "odoo-data")]
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            args = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if any(args[i : i + 2] == wanted for i in range(len(args) - 1)):
            pids.append(int(proc.name))
    return pids


def stop_leftover_odoo(data_dir, timeout=30):
    """SIGTERM the Odoo processes an earlier, killed serve left on data_dir; SIGKILL
    those still there after ``timeout`` seconds."""
    pids = leftover_odoo(data_dir)
    if not pids:
        return
    say(
        f"Odoo processes left running by an earlier serve of {data_dir}: stopping "
        f"{' '.join(map(str, pids))}"
    )
    for how, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, how)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            pids = [pid for pid in pids if process_start_time(pid) is not None]
            if not pids or all(is_zombie(pid) for pid in pids):
                return
            time.sleep(0.2)


def is_zombie(pid):
    """A process that ended and waits for its parent to read its exit status."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return True
    return stat_line.rpartition(")")[2].split()[0] == "Z"


@contextlib.contextmanager
def serving(data_dir):
    """Mark data_dir as served by this process for as long as it runs; refuse it when
    another serve of data_dir still runs, and stop what a killed one left."""
    other = running_serve(data_dir)
    if other:
        raise SetupError(
            f"another serve of {data_dir} is running (pid {other}): stop it first"
        )
    stop_leftover_odoo(data_dir)
    (data_dir / SERVING).write_text(
        f"{os.getpid()} {process_start_time(os.getpid())}\n", encoding="utf-8"
    )
    try:
        yield
    finally:
        (data_dir / SERVING).unlink(missing_ok=True)


@contextlib.contextmanager
def kept_sandbox(module_dir, data_dir):
    """Like odoo_sandbox, in data_dir and kept: yields (work, cluster, installed)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(data_dir, 0o711)  # the cluster's unprivileged user must reach DIR/pg
    with serving(data_dir):
        prepare_work_dir(data_dir, module_dir)
        cluster = KeptCluster(data_dir / "pg")
        with kept_cluster(data_dir, cluster):
            yield data_dir, cluster, (data_dir / INSTALLED).is_file()


@contextlib.contextmanager
def kept_cluster(data_dir, cluster):
    """The kept cluster, started (the one a killed serve left stopped first), and
    stopped at the end."""
    check_reachable(data_dir, cluster.user)
    say(
        f"PostgreSQL: {cluster.bindir}, cluster kept in {cluster.dir} "
        f"({'existing' if cluster.exists() else 'new'}, socket port {cluster.port}), "
        f"run as {cluster.user or 'current user'}"
    )
    try:
        cluster.start()
        yield
    finally:
        with signals_deferred():
            cluster.stop()
            say(f"Data kept in {data_dir}")


def forget_unfinished_install(data_dir, cluster, database):
    """A first install that failed or was stopped: start it over."""
    cluster.drop_database(database)
    shutil.rmtree(data_dir / "odoo-data" / "filestore" / database, ignore_errors=True)


def mark_installed(data_dir):
    (data_dir / INSTALLED).write_text("", encoding="utf-8")
