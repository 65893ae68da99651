"""The `serve` command: the addon with demo data in a throw-away cluster, or in
one kept in a folder between runs (--data); threaded, or with --workers as in
production (prefork HTTP workers, a cron worker, Odoo's default limits); with
--replica, Odoo reads from a streaming replica of the cluster."""

import contextlib
import time

from .common import (
    INSTALL,
    MODULE,
    SetupError,
    free_port,
    fresh_log,
    header,
    port_is_free,
    say,
    tail,
)
from .kept_data import forget_unfinished_install, kept_sandbox, mark_installed
from .pg_cluster import streaming_replica
from .sandbox import (
    HOW_TO_GET_ODOO,
    ONE_SHOT,
    checklog,
    find_odoo,
    logging_to,
    odoo_sandbox,
    prefork_options,
    run_odoo,
)


def command_serve(args):
    odoo, why = find_odoo()
    if odoo is None:
        say(why)
        say(HOW_TO_GET_ODOO)
        return 2
    log = fresh_log(args.module_dir, "odoo-serve-init.log")
    say(f"Odoo 19 from {odoo.origin}")
    try:
        with sandbox(args) as (work, cluster, installed):
            if installed:
                header(f"Upgrading {MODULE} in the kept database acg_demo")
                # -i installs what INSTALL gained since the first run, with demo data.
                options = ["-u", MODULE, "-i", INSTALL]
            else:
                if args.data:
                    forget_unfinished_install(args.data, cluster, "acg_demo")
                header(f"Installing {MODULE} with demo data in database acg_demo")
                options = ["-i", INSTALL, "--with-demo"]
            started = time.monotonic()
            returncode = run_odoo(
                odoo,
                work,
                cluster,
                "acg_demo",
                *options,
                *ONE_SHOT,
                *logging_to(log, "info"),
            )
            say(
                f"Install finished with {returncode} after "
                f"{time.monotonic() - started:.0f} s; log: {log}"
            )
            problems, account = checklog(log)
            say(account)
            if returncode:
                tail(log)
                return returncode
            if args.data:
                mark_installed(args.data)
            if args.init_only:
                say(
                    f"--init-only: install OK ({problems} warning/error "
                    "records), not serving"
                )
                return 0
            port = serving_port(args.port)
            header("Serving")
            options = ["--db-filter", "^acg_demo$", "--http-port", port]
            options += production_options(args)
            say(f"Open http://127.0.0.1:{port}/odoo  (login: admin, password: admin)")
            say(
                f"Stop with Ctrl-C; the database is kept in {args.data}"
                if args.data
                else "Stop with Ctrl-C; the database is thrown away afterwards."
            )
            with replica_of(args, cluster, work) as replica_options:
                try:
                    run_odoo(
                        odoo, work, cluster, "acg_demo", *options, *replica_options
                    )
                except KeyboardInterrupt:
                    say("Stopping.")  # the normal way to end `serve`
            return 0
    except SetupError as err:
        say(f"*** {err} ***")
        return 1


# How long a busy port is waited for before another is picked: the processes of a
# killed serve that still hold it end within seconds once they are stopped.
PORT_WAIT = 15


def serving_port(port, wait=PORT_WAIT):
    """``port`` once it is free, or a free port when it stays in use ``wait``
    seconds."""
    deadline = time.monotonic() + wait
    if not port_is_free(port):
        say(f"Port {port} on 127.0.0.1 is in use: waiting up to {wait} s for it")
        while time.monotonic() < deadline:
            time.sleep(0.5)
            if port_is_free(port):
                break
        else:
            other = free_port()
            say(f"Port {port} is still in use: serving on port {other} instead")
            return other
    return port


def production_options(args):
    """Odoo's options for --workers and --limit-time-real."""
    if not args.workers:
        return (
            ["--limit-time-real", args.limit_time_real] if args.limit_time_real else []
        )
    say(
        f"Prefork: {args.workers} HTTP workers, Odoo's cron workers and limits, "
        f"--limit-time-real {args.limit_time_real or 120}"
    )
    return prefork_options(args.workers, args.limit_time_real)


@contextlib.contextmanager
def replica_of(args, cluster, work):
    """With --replica, a streaming replica of the cluster, thrown away at the end:
    Odoo's options to read from it."""
    if not args.replica:
        yield ()
        return
    with streaming_replica(cluster, work / "pg-replica") as replica:
        say("Read-only requests are served from the replica")
        yield replica.replica_options()


@contextlib.contextmanager
def sandbox(args):
    """(work dir, cluster, whether the demo database is already installed)."""
    if args.data:
        with kept_sandbox(args.module_dir, args.data) as kept:
            yield kept
    else:
        with odoo_sandbox(args.module_dir, args.keep) as (work, cluster):
            yield work, cluster, False
