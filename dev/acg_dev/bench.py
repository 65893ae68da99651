"""The `bench` command: the benchmarks of bench/ in a throw-away cluster.

Every bench/*.py is a benchmark (NAME is its file name without .py), but for the
modules they share, whose names start with an underscore. A script that builds its
options with `cluster_argument_parser` (bench/_shared.py) makes its own databases
with click-odoo-initdb: it gets --db-host, --db-port, --db-user and --addons-path,
and --oca with `bench --oca` (it then installs the OCA modules it compares with).
Any other gets Odoo's server options (`-d DB --db_host ... --addons-path ...`, for
`odoo.tools.config.parse_config`) on a database where the addon is installed
without demo data. Lines that mention a ratio are printed again at the end.
"""

import re
import subprocess
import sys
import time

from .common import (
    INSTALL,
    TOOLS_REQUIREMENTS,
    SetupError,
    ensure_pinned,
    free_port,
    fresh_log,
    header,
    say,
    show_cmd,
)
from .oca import oca_addons_path
from .sandbox import (
    find_odoo_or_say_why,
    install_modules,
    odoo_command,
    odoo_importable,
    odoo_sandbox,
    server_options,
)

DATABASE = "acg_bench"
# With --oca: OCA's credit checks, installed beside the addon (with the bridges to
# them) so that the benchmarks time them on the same data.
OCA_BENCH_INSTALL = ("account_financial_risk", "sale_financial_risk")
RATIO_RE = re.compile(r"\bratios?\b", re.IGNORECASE)


def benchmarks(module_dir):
    return {
        path.stem: path
        for path in sorted((module_dir / "bench").glob("*.py"))
        if not path.stem.startswith("_")
    }


def parses_own_arguments(script):
    return "cluster_argument_parser(" in script.read_text(encoding="utf-8")


def command_bench(args):
    available = benchmarks(args.module_dir)
    # What follows `--` goes to the benchmarks: `bench monthend -- --customers 100`.
    options_at = next(
        (i for i, name in enumerate(args.names) if name.startswith("-")),
        len(args.names),
    )
    names, options = args.names[:options_at], args.names[options_at:]
    unknown = [name for name in names if name not in available]
    if unknown or not available:
        say(
            f"No benchmark named {', '.join(unknown)} in bench/; there are: "
            f"{', '.join(available) or 'none'}"
        )
        return 2
    chosen = {name: available[name] for name in names or available}
    odoo = find_odoo_or_say_why()
    if odoo is None:
        return 2
    say(f"Odoo 19 from {odoo.origin}; benchmarks: {', '.join(chosen)}")
    results = {}
    try:
        with odoo_sandbox(args.module_dir, args.keep) as (work, cluster):
            addons = oca_addons_path(work)[0] if args.oca else None
            if any(parses_own_arguments(s) for s in chosen.values()):
                ensure_pinned(TOOLS_REQUIREMENTS)
            if not all(parses_own_arguments(s) for s in chosen.values()):
                install(odoo, work, cluster, args.module_dir, addons)
            for name, script in chosen.items():
                results[name] = run_benchmark(
                    odoo, work, cluster, script, options, addons
                )
    except SetupError as err:
        say(f"*** {err} ***")
        return 1
    header("BENCHMARK RATIOS")
    for name, (returncode, elapsed, ratios) in results.items():
        status = "done" if returncode == 0 else f"FAILED (exit {returncode})"
        say(f"{name}: {status} in {elapsed:.0f} s")
        for line in ratios:
            say(f"  {line}")
    return 1 if any(r[0] for r in results.values()) else 0


def install(odoo, work, cluster, module_dir, addons=None):
    modules = ",".join([INSTALL, *(OCA_BENCH_INSTALL if addons else ())])
    header(f"Installing {modules} in database {DATABASE} (no demo data)")
    log = fresh_log(module_dir, "odoo-bench-init.log")
    install_modules(odoo, work, cluster, DATABASE, modules, log, addons)


def arguments(odoo, work, cluster, script, addons=None):
    if parses_own_arguments(script):
        command = odoo_command(odoo, work, cluster, DATABASE, addons=addons)
        return [
            "--db-host",
            cluster.dir,
            "--db-port",
            cluster.port,
            "--db-user",
            "odoo",
            "--addons-path",
            command[command.index("--addons-path") + 1],
            *(["--oca"] if addons else []),
        ]
    return server_options(
        odoo,
        work,
        cluster,
        DATABASE,
        "--log-level",
        "warn",
        "--http-port",
        free_port(),
        addons=addons,
    )


def run_benchmark(odoo, work, cluster, script, options=(), addons=None):
    """Run one script, its output shown as it comes; (exit code, seconds, the
    lines that mention a ratio)."""
    header(f"BENCH {script.stem}")
    env = odoo_importable(
        odoo,
        # Their lines as they come, not when the pipe's buffer is full.
        PYTHONUNBUFFERED="1",
    )
    cmd = [
        sys.executable,
        script,
        *arguments(odoo, work, cluster, script, addons),
        *options,
    ]
    show_cmd(cmd)
    started = time.monotonic()
    ratios = []
    with subprocess.Popen(
        [str(c) for c in cmd],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        try:
            for line in proc.stdout:
                say(line.rstrip("\n"))
                if RATIO_RE.search(line):
                    ratios.append(line.strip())
        finally:
            if proc.poll() is None:
                proc.terminate()
        returncode = proc.wait()
    return returncode, time.monotonic() - started, ratios
