"""What the benchmarks that make their own databases share: their options, Odoo's
configuration, fresh databases (click-odoo-initdb, from a template cached in the
cluster), invoices entered through the ORM and the one set-based copier of posted
invoices. Its name starts with an underscore: `dev/runner.py bench` does not take it
for a benchmark."""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import odoo
from odoo import api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

BATCH = 100
# The prefix of the templates click-odoo-initdb keeps in the cluster, one for each set
# of modules and their code.
CACHE_PREFIX = "bench"


def cluster_argument_parser(description, invoices, **databases):
    """The options of a benchmark that makes its own databases, which
    `dev/runner.py bench` recognises by this function's name and fills: the cluster
    (--db-host, --db-port, --db-user), --addons-path and --oca; then --invoices
    and an option for each of ``databases`` (``stock_db="x"`` gives --stock-db,
    default x)."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db-host", required=True)
    parser.add_argument("--db-port", required=True)
    parser.add_argument("--db-user", default="odoo")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--invoices", type=int, default=invoices)
    parser.add_argument(
        "--oca",
        action="store_true",
        help="OCA's addons are on the addons path (`dev/runner.py bench --oca`): "
        "install the ones the benchmark compares with",
    )
    for name, default in databases.items():
        parser.add_argument(f"--{name.replace('_', '-')}", default=default)
    return parser


def configure_odoo(args):
    """Odoo's configuration for the benchmark's own cluster, quiet."""
    config.parse_config(
        [
            "--db_host",
            args.db_host,
            "--db_port",
            args.db_port,
            "--db_user",
            args.db_user,
            "--addons-path",
            args.addons_path,
            "--log-level",
            "warn",
            "--http-interface",
            "127.0.0.1",
        ]
    )


def fresh_database(args, name, module):
    """A database with ``module`` (modules, comma-separated) and nothing posted:
    dropped if there, then copied from the template click-odoo-initdb installs on
    the first run."""
    with tempfile.TemporaryDirectory(prefix="acg-bench-") as folder:
        # click-odoo reads the cluster and the addons path from a configuration file.
        conf = Path(folder) / "odoo.conf"
        conf.write_text(
            "[options]\n"
            f"db_host = {args.db_host}\ndb_port = {args.db_port}\n"
            f"db_user = {args.db_user}\naddons_path = {args.addons_path}\n"
            "http_interface = 127.0.0.1\n",
            encoding="utf-8",
        )

        def click_odoo(tool, *options):
            subprocess.run(
                [sys.executable, "-m", f"click_odoo_contrib.{tool}", "-c", conf]
                + ["--log-level", "warn", *options],
                check=True,
            )

        click_odoo("dropdb", "--if-exists", name)
        print(f"Making {name} with {module} (click-odoo-initdb)", flush=True)
        click_odoo(
            "initdb",
            "-n",
            name,
            "-m",
            module,
            "--no-demo",
            "--cache-prefix",
            CACHE_PREFIX,
        )


def open_env(name):
    registry = Registry(name)
    cr = registry.cursor()
    return cr, api.Environment(cr, odoo.SUPERUSER_ID, {})


def fresh_env(args, name, module="account_customer_group"):
    """(cursor, environment) on a fresh database with ``module``."""
    configure_odoo(args)
    fresh_database(args, name, module)
    return open_env(name)


def invoice_vals(partner_id, index, year=2026):
    """The ``index``-th invoice of a benchmark: one line without tax, its date and
    amount drawn from ``index``."""
    return {
        "move_type": "out_invoice",
        "partner_id": partner_id,
        "invoice_date": f"{year}-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
        "invoice_line_ids": [
            Command.create(
                {
                    "name": "Service",
                    "quantity": 1,
                    "price_unit": 10 + index % 90,
                    "tax_ids": [],
                }
            )
        ],
    }


def prepare_invoices(env, count, with_group):
    """Draft invoices, identical in every database: 50 customers, one line each, no
    tax."""
    company = env.company
    if not env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    ):
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
    # The payment terms the group hands down, given by hand without the addon.
    term = env.ref("account.account_payment_term_immediate")
    partner_vals = [
        {"name": f"Bench customer {index}", "property_payment_term_id": term.id}
        for index in range(50)
    ]
    if with_group:
        group = env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", company.id)]
        )
        for vals in partner_vals:
            vals["customer_group_id"] = group.id
    partners = env["res.partner"].create(partner_vals)
    moves = env["account.move"]
    for start in range(0, count, BATCH):
        moves |= env["account.move"].create(
            [
                invoice_vals(partners[index % 50].id, index)
                for index in range(start, min(start + BATCH, count))
            ]
        )
    env.flush_all()
    return moves


def copy_invoices(env, move_ids, copies, moves=None, lines=None):
    """``copies`` copies of the moves ``move_ids`` and their lines, in one set-based
    statement per table. ``moves`` and ``lines`` map columns of the copies to SQL
    expressions of the original (``t.<column>`` for a move, ``l.<column>`` for a
    line) and of the copy (``m.n``, its number from 1; ``m.k``, the original's rank
    from 1)."""
    cr = env.cr

    def columns(table):
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id'",
            [table],
        )
        return [row[0] for row in cr.fetchall()]

    cr.execute(
        """
        CREATE TEMPORARY TABLE bench_map AS
        SELECT t.id AS old_id, nextval('account_move_id_seq') AS new_id, g.n, t.k
          FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS k
                  FROM account_move WHERE id = ANY(%s)) t
         CROSS JOIN generate_series(1, %s) g(n)
        """,
        [list(move_ids), copies],
    )
    moves = {"name": "t.name || '/C' || m.n", **(moves or {})}
    lines = {"move_id": "m.new_id", **(lines or {})}
    for table, alias, overrides, key, extra in (
        ("account_move", "t", moves, "id", "m.new_id, "),
        ("account_move_line", "l", lines, "move_id", ""),
    ):
        names = columns(table)
        # The copy of a move takes the id the map gave it; its lines take their own.
        into = ("id, " if extra else "") + ", ".join(names)
        values = ", ".join(overrides.get(name, f"{alias}.{name}") for name in names)
        cr.execute(
            f"INSERT INTO {table} ({into}) SELECT {extra}{values} "
            f"FROM bench_map m JOIN {table} {alias} ON {alias}.{key} = m.old_id"
        )
    cr.execute("DROP TABLE bench_map")
    cr.execute("ANALYZE account_move")
    cr.execute("ANALYZE account_move_line")
    env.invalidate_all()


def posted_invoice_ids(env):
    env.cr.execute(
        "SELECT id FROM account_move "
        "WHERE move_type = 'out_invoice' AND state = 'posted'"
    )
    return [row[0] for row in env.cr.fetchall()]


def multiply_invoices(env, target, moves=None, lines=None):
    """Copy the posted invoices until at least ``target`` posted invoices exist (see
    ``copy_invoices`` for ``moves`` and ``lines``); the number there is then."""
    existing = posted_invoice_ids(env)
    copies = max(0, -(-(target - len(existing)) // len(existing)))
    if copies:
        copy_invoices(env, existing, copies, moves=moves, lines=lines)
    return len(existing) * (1 + copies)
