"""The `serve` command: the addon with demo data in a throw-away cluster, or in
one kept in a folder between runs (--data)."""

import contextlib
import time

from .common import (
    INSTALL,
    MODULE,
    SetupError,
    fresh_log,
    header,
    port_is_free,
    say,
    tail,
)
from .kept_data import forget_unfinished_install, kept_sandbox, mark_installed
from .sandbox import (
    HOW_TO_GET_ODOO,
    ONE_SHOT,
    checklog,
    find_odoo,
    logging_to,
    odoo_sandbox,
    run_odoo,
)


def command_serve(args):
    odoo, why = find_odoo()
    if odoo is None:
        say(why)
        say(HOW_TO_GET_ODOO)
        return 2
    if not args.init_only and not port_is_free(args.port):
        say(f"Port {args.port} on 127.0.0.1 is in use: pick another with --port")
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
            header("Serving")
            say(
                f"Open http://127.0.0.1:{args.port}/odoo  "
                "(login: admin, password: admin)"
            )
            say(
                f"Stop with Ctrl-C; the database is kept in {args.data}"
                if args.data
                else "Stop with Ctrl-C; the database is thrown away afterwards."
            )
            try:
                run_odoo(
                    odoo,
                    work,
                    cluster,
                    "acg_demo",
                    "--db-filter",
                    "^acg_demo$",
                    "--http-port",
                    args.port,
                )
            except KeyboardInterrupt:
                say("Stopping.")  # the normal way to end `serve`
            return 0
    except SetupError as err:
        say(f"*** {err} ***")
        return 1


@contextlib.contextmanager
def sandbox(args):
    """(work dir, cluster, whether the demo database is already installed)."""
    if args.data:
        with kept_sandbox(args.module_dir, args.data) as kept:
            yield kept
    else:
        with odoo_sandbox(args.module_dir, args.keep) as (work, cluster):
            yield work, cluster, False
