"""The `pytest` command: the addon's Odoo tests run by pytest-odoo against a
database kept in .runner/pytest/, so one test takes seconds instead of an install.

    .runner/pytest/pg/            the PostgreSQL cluster (kept_data.KeptCluster)
    .runner/pytest/odoo-data/     Odoo's data dir (filestore)
    .runner/pytest/addons/        links to the checkout and its bridges
    .runner/pytest/INSTALLED      written once the first install finished
    .runner/pytest/ADDON-FILES    digest of the addon's files at the last install
                                  or upgrade

The first run installs INSTALL (no demo data, as tier 3 does); a later run upgrades
the addon when its files changed since (tests excepted: pytest imports them
afresh) or with --update. pytest then runs the given tests, or every
tests/test_*.py of the addon and its bridges, with Odoo's HTTP server started
for the browser tours.
"""

import hashlib
import os
import sys
import time
from importlib import metadata
from pathlib import Path

from .common import (
    BRIDGES_DIR,
    DEV_DIR,
    INSTALL,
    MODULE,
    SetupError,
    ensure_python_package,
    header,
    pip_install,
    run_child,
    runner_dir,
    say,
    tail,
)
from .kept_data import forget_unfinished_install, kept_sandbox, mark_installed
from .sandbox import (
    ensure_browser,
    find_odoo_or_say_why,
    odoo_command,
    parse_odoo_log,
    write_config,
)

DATABASE = "acg_pytest"
REQUIREMENTS = DEV_DIR / "requirements-pytest.txt"
DIGEST_FILE = "ADDON-FILES"
# Not loaded by Odoo from the database, so no upgrade when they change: the
# tests (imported by pytest on every run), the tooling, and the documentation.
NOT_INSTALLED = {"tests", "dev", "bench", "readme", "__pycache__"}


def command_pytest(args):
    odoo = find_odoo_or_say_why()
    if odoo is None:
        return 2
    say(f"Odoo 19 from {odoo.origin}")
    module_dir = args.module_dir
    data_dir = runner_dir(module_dir) / "pytest"
    try:
        ensure_pytest_odoo()
        # HttpCase tests need websocket-client and a browser, as under odoo-bin.
        ensure_python_package("websocket", "websocket-client")
        ensure_browser()
        with kept_sandbox(module_dir, data_dir) as (work, cluster, installed):
            returncode = prepare_database(
                odoo, work, cluster, module_dir, installed, args.update
            )
            if returncode:
                return returncode
            return run_pytest(odoo, work, cluster, module_dir, args)
    except SetupError as err:
        say(f"*** {err} ***")
        return 1


def ensure_pytest_odoo():
    pinned = dict(
        line.split("==")
        for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    try:
        current = {name: metadata.version(name) for name in pinned}
    except metadata.PackageNotFoundError:
        current = {}
    if current != pinned:
        say(f"Installing {', '.join(f'{n}=={v}' for n, v in pinned.items())}")
        pip_install("-r", REQUIREMENTS)


def addon_digest(module_dir):
    """Digest of the files Odoo installs from the addon and its bridges."""
    digest = hashlib.sha256()
    for root, folders, files in os.walk(module_dir):
        root = Path(root)
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith(".") and name not in NOT_INSTALLED
        )
        for name in sorted(files):
            if name.startswith(".") or name.endswith((".pyc", ".md")):
                continue
            path = root / name
            digest.update(str(path.relative_to(module_dir)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def prepare_database(odoo, work, cluster, module_dir, installed, update):
    """Install the addon on the first run, upgrade it when it changed: 0 when the
    database is ready, else Odoo's exit code."""
    digest_file = work / DIGEST_FILE
    digest = addon_digest(module_dir)
    previous = (
        digest_file.read_text(encoding="utf-8") if digest_file.is_file() else None
    )
    if installed and previous == digest and not update:
        say(f"Database {DATABASE} is up to date with the addon's files")
        return 0
    if installed:
        why = "--update" if update else "the addon's files changed"
        header(f"Upgrading {MODULE} in the kept database {DATABASE} ({why})")
        # -i installs what INSTALL gained since the first run.
        options = ["-u", MODULE, "-i", INSTALL]
    else:
        forget_unfinished_install(work, cluster, DATABASE)
        header(f"Installing {INSTALL} in database {DATABASE} (once)")
        options = ["-i", INSTALL]
    log = work / "odoo-install.log"
    log.unlink(missing_ok=True)
    started = time.monotonic()
    returncode = run_child(
        odoo_command(
            odoo,
            work,
            cluster,
            DATABASE,
            *options,
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
    say(f"Odoo finished with {returncode} after {time.monotonic() - started:.0f} s")
    for level, _, _, lines in parse_odoo_log(log):
        if level in ("WARNING", "ERROR", "CRITICAL"):
            say(f"  {lines[0]}")
    if returncode:
        tail(log)
        return returncode
    mark_installed(work)
    digest_file.write_text(digest, encoding="utf-8")
    return 0


def write_configs(odoo, work, cluster):
    """Odoo's config for pytest-odoo (the options odoo_command gives odoo-bin),
    and a pytest.ini, which makes the kept folder pytest's rootdir (its cache is
    kept there)."""
    config = write_config(
        work / "odoo-pytest.conf",
        odoo,
        work,
        cluster,
        http_interface="127.0.0.1",
        max_cron_threads=0,
    )
    ini = work / "pytest.ini"
    # pytest's warning filters replace those of Odoo (netsvc.init_logger), which
    # shows DeprecationWarning but not PendingDeprecationWarning (Python's
    # default), and ignores reportlab's load_module() one on Python 3.11.
    ini.write_text(
        "[pytest]\n"
        "filterwarnings =\n"
        "    ignore::PendingDeprecationWarning\n"
        "    ignore:the load_module\\(\\) method is deprecated:DeprecationWarning\n",
        encoding="utf-8",
    )
    return config, ini


def split_arguments(module_dir, work, arguments):
    """pytest's arguments in their order, the test files and folders among them
    (FILE or FILE::NODE, relative to the current folder or the checkout) reached
    through the links of work/addons: pytest-odoo imports a test file as
    odoo.addons.<its addon folder's name>..., the addon's name only there (a
    checkout may be named otherwise). Without any, every tests/test_*.py."""
    addons = {MODULE: module_dir.resolve()}
    for manifest in sorted((module_dir / BRIDGES_DIR).glob("*/__manifest__.py")):
        addons[manifest.parent.name] = manifest.parent.resolve()
    # The deepest folder first: a bridge lies inside the addon's checkout.
    deepest_first = sorted(
        addons.items(), key=lambda item: len(item[1].parts), reverse=True
    )
    result = []
    found_paths = False
    for argument in arguments:
        path = linked_path(module_dir, work, deepest_first, argument)
        found_paths |= path is not None
        result.append(path or argument)
    if found_paths:
        return result
    return result + [
        str(work / "addons" / name / path.relative_to(folder))
        for name, folder in addons.items()
        for path in sorted((folder / "tests").glob("test_*.py"))
    ]


def linked_path(module_dir, work, addons, argument):
    """The argument as a path under work/addons, or None if it names no file."""
    if argument.startswith("-"):
        return None
    file_part, separator, node = argument.partition("::")
    path = Path(file_part)
    if not path.exists():
        path = module_dir / path
        if not path.exists():
            return None
    path = path.resolve()
    for addon, folder in addons:
        if path.is_relative_to(folder):
            path = work / "addons" / addon / path.relative_to(folder)
            break
    return f"{path}{separator}{node}"


def run_pytest(odoo, work, cluster, module_dir, args):
    config, ini = write_configs(odoo, work, cluster)
    header(f"pytest-odoo on the kept database {DATABASE}")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-c",
        ini,
        f"--rootdir={work}",
        f"--confcutdir={work}",
        f"--odoo-config={config}",
        f"--odoo-database={DATABASE}",
        "--odoo-http",
        "--odoo-log-level=warn",
        "-p",
        "acg_dev.pytest_logs",
        *(["-k", args.k] if args.k else []),
        *split_arguments(module_dir, work, args.pytest_args),
    ]
    started = time.monotonic()
    # The plugin acg_dev.pytest_logs is imported from dev/.
    python_path = os.pathsep.join(
        [str(DEV_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    returncode = run_child(
        command, cwd=work, env=dict(os.environ, PYTHONPATH=python_path)
    )
    say(f"pytest finished with {returncode} after {time.monotonic() - started:.1f} s")
    return returncode
