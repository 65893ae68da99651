"""`serve --data DIR`: the PostgreSQL cluster, the filestore and the database
kept in DIR between runs, so the demo can be tried over several days.

    DIR/pg/          the cluster (owned by the cluster's user when run as root)
    DIR/odoo-data/   Odoo's data dir (filestore, sessions)
    DIR/addons/      a link to the checkout being served
    DIR/INSTALLED    written once the first install finished
"""

import contextlib
import os
import re
import shutil
import stat

from .common import SetupError, run, say, signals_deferred, tail
from .pg_cluster import PgCluster
from .sandbox import prepare_work_dir

INSTALLED = "INSTALLED"


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
        if self._run(self.start_command("-w", "-t", "60"), as_user=False):
            tail(self.dir / "postgresql.log", 30)
            raise SetupError(f"the PostgreSQL cluster in {self.dir} did not start")

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


@contextlib.contextmanager
def kept_sandbox(module_dir, data_dir):
    """Like odoo_sandbox, in data_dir and kept: yields (work, cluster, installed)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(data_dir, 0o711)  # the cluster's unprivileged user must reach DIR/pg
    prepare_work_dir(data_dir, module_dir)
    cluster = KeptCluster(data_dir / "pg")
    check_reachable(data_dir, cluster.user)
    say(
        f"PostgreSQL: {cluster.bindir}, cluster kept in {cluster.dir} "
        f"({'existing' if cluster.exists() else 'new'}, socket port {cluster.port}), "
        f"run as {cluster.user or 'current user'}"
    )
    try:
        cluster.start()
        yield data_dir, cluster, (data_dir / INSTALLED).is_file()
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
