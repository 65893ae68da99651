"""Tier 3 bootstrap: what a machine without Odoo gets from the two commands.

A fresh virtual environment (whose python cannot import odoo) runs the runner
with a fresh cache and ODOO_ARCHIVE pointing at an Odoo archive served by a
local HTTP server on 127.0.0.1: `setup` must set Odoo up, a second `setup` must
reuse the cache within seconds, and `serve` must install the addon and answer.
"""

import functools
import hashlib
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from pathlib import Path

from .bootstrap import BOOTSTRAPPED_ENV, READY, SERIES
from .common import (
    DEV_DIR,
    MODULE,
    TierResult,
    free_port,
    fresh_log,
    header,
    say,
    signals_deferred,
    tail,
)
from .sandbox import HIDE_SYSTEM_ODOO_ENV, wait_for_http

BOOTSTRAP_LABEL = "TIER 3 bootstrap"
# Where the CI machines keep the archive, beside the checkout (see .ci/run).
SHARED_ARCHIVE = Path("..", "shared", "odoo", f"odoo-{SERIES}-community.tar.xz")
SETUP_TIMEOUT = 900  # seconds: unpacking and pip install on a loaded 2-core machine
REUSE_LIMIT = 30  # seconds a second run may take with the cache in place
SERVE_TIMEOUT = 900  # seconds until the demo database is installed and served


def local_archive(module_dir):
    archive = os.environ.get("ODOO_ARCHIVE", "")
    if archive and Path(archive).is_file():
        return Path(archive).resolve()
    shared = (module_dir / SHARED_ARCHIVE).resolve()
    return shared if shared.is_file() else None


def skipped(why):
    say(f"*** {BOOTSTRAP_LABEL} SKIPPED: {why} ***")
    return TierResult(BOOTSTRAP_LABEL, "SKIPPED", why)


@functools.cache
def quiet_handler(directory):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=directory, **kwargs)

        def log_message(self, format, *args):  # pylint: disable=redefined-builtin
            pass

    return Handler


def bootstrap_check(module_dir, skip, test_tags):
    if "bootstrap" in skip:
        return skipped("--skip")
    if test_tags:
        return skipped("--test-tags runs a subset")
    header("TIER 3: bootstrap (a fresh Python without Odoo, a fresh cache)")
    archive = local_archive(module_dir)
    if archive is None:
        return skipped(
            "no Odoo archive at hand (ODOO_ARCHIVE naming a file, or "
            f"{SHARED_ARCHIVE} beside the checkout)"
        )
    log = fresh_log(module_dir, "bootstrap.log")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), quiet_handler(str(archive.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = Path(tempfile.mkdtemp(prefix="acg-boot-"))
    try:
        return check(module_dir, archive, server.server_port, tmp, log)
    finally:
        server.shutdown()
        server.server_close()
        with signals_deferred():
            # ignore_errors: files of a child stopped by the same signal may still
            # be going; a second pass takes what the first could not.
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(tmp, ignore_errors=True)


def fresh_env(archive, port, tmp):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ODOO_SRC", BOOTSTRAPPED_ENV, HIDE_SYSTEM_ODOO_ENV)
        and not key.startswith("VIRTUAL_ENV")
    }
    # pip's own cache stays where it was (downloads are reused); ours is new.
    home_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    env.setdefault("PIP_CACHE_DIR", str(home_cache / "pip"))
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    env["ODOO_ARCHIVE"] = f"http://127.0.0.1:{port}/{archive.name}"
    with archive.open("rb") as data:
        env["ODOO_ARCHIVE_SHA256"] = hashlib.file_digest(data, "sha256").hexdigest()
    return env


def check(module_dir, archive, port, tmp, log):
    python = tmp / "python" / "bin" / "python"
    subprocess.run([sys.executable, "-m", "venv", tmp / "python"], check=True)
    if (
        subprocess.run(
            [python, "-c", "import odoo"], capture_output=True, check=False
        ).returncode
        == 0
    ):
        return failed("the fresh venv imports odoo: nothing to bootstrap", log)
    env = fresh_env(archive, port, tmp)
    runner = [python, DEV_DIR / "runner.py"]
    say(f"Archive {env['ODOO_ARCHIVE']}, cache {env['XDG_CACHE_HOME']}, log {log}")
    with log.open("a", encoding="utf-8") as out:
        first = timed(out, [*runner, "setup"], env, SETUP_TIMEOUT)
        if first[0]:
            return failed(
                f"first `setup` exited {first[0]} after {first[1]:.0f} s", log
            )
        ready = tmp / "cache" / MODULE / f"odoo-{SERIES}" / READY
        if not ready.is_file():
            return failed(f"no {ready} after the first `setup`", log)
        second = timed(out, [*runner, "setup"], env, REUSE_LIMIT)
        if second[0]:
            return failed(f"second `setup` exited {second[0]}", log)
        http_port = free_port()
        served = serve_and_check(out, runner, env, http_port, module_dir)
    if served:
        return failed(served, log)
    detail = (
        f"set up in {first[1]:.0f} s, cache reused in {second[1]:.1f} s, "
        f"{MODULE} installed and served"
    )
    say(f"{BOOTSTRAP_LABEL}: {detail}")
    return TierResult(BOOTSTRAP_LABEL, "PASSED", detail, 1)


def timed(out, cmd, env, timeout):
    out.write(f"\n$ {' '.join(map(str, cmd))}\n")
    out.flush()
    started = time.monotonic()
    try:
        code = subprocess.run(
            [str(c) for c in cmd],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        ).returncode
    except subprocess.TimeoutExpired:
        code = f"nothing (killed after {timeout} s)"
    elapsed = time.monotonic() - started
    say(f"  {cmd[-1]}: exit {code} after {elapsed:.1f} s")
    return code, elapsed


def serve_and_check(out, runner, env, port, module_dir):
    """None when `serve` installs the addon and answers, else what went wrong."""
    cmd = [*runner, "serve", "--port", str(port), "--module-dir", module_dir]
    out.write(f"\n$ {' '.join(map(str, cmd))}\n")
    out.flush()
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(c) for c in cmd], env=env, stdout=out, stderr=subprocess.STDOUT
    )
    try:
        url = f"http://127.0.0.1:{port}"
        if not wait_for_http(f"{url}/web/login", proc, SERVE_TIMEOUT):
            return f"`serve` did not answer on {url} within {SERVE_TIMEOUT} s"
        say(f"  serve: answering after {time.monotonic() - started:.0f} s")
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        uid = common.authenticate("acg_demo", "admin", "admin", {})
        installed = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object").execute_kw(
            "acg_demo",
            uid,
            "admin",
            "ir.module.module",
            "search_count",
            [[("name", "=", MODULE), ("state", "=", "installed")]],
        )
        return None if installed == 1 else f"{MODULE} is not installed in acg_demo"
    except (OSError, xmlrpc.client.Error) as err:
        return f"the served demo does not answer XML-RPC: {err}"
    finally:
        # The runner stops Odoo and removes its cluster on SIGTERM.
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def failed(why, log):
    say(f"*** {BOOTSTRAP_LABEL}: {why} ***")
    tail(log, 60)
    return TierResult(BOOTSTRAP_LABEL, "FAILED", f"{why}; log {log}", 0, 1)
