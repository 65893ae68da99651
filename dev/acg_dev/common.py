"""Output, child processes, installing missing tools, and tier results."""

import contextlib
import importlib
import importlib.metadata
import importlib.util
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MODULE = "account_customer_group"
# Installed beside the addon so that its debit note figures are tested and shown: the
# addon counts debit notes when Odoo's Debit Notes module is there, without needing it.
INSTALL_PREVIOUS = f"{MODULE},account_debit_note"
# Bridge modules kept in bridges/ (each its own addon, on the addons path): Sales and
# the sale bridge are installed too, so that its tests run and the demo shows it. The
# previous release has no bridge: the upgrade part installs INSTALL_PREVIOUS.
BRIDGES_DIR = "bridges"
SALE_BRIDGE = "account_customer_group_sale"
INSTALL = f"{INSTALL_PREVIOUS},sale,{SALE_BRIDGE}"
DEV_DIR = Path(__file__).resolve().parent.parent
DEFAULT_MODULE_DIR = DEV_DIR.parent
# Maintained tools used instead of code of our own (checklog-odoo, click-odoo-contrib).
TOOLS_REQUIREMENTS = DEV_DIR / "requirements-tools.txt"


class SetupError(Exception):
    """Something the tier needs could not be found or installed."""


@dataclass
class TierResult:
    label: str
    status: str  # PASSED, FAILED or SKIPPED
    detail: str = ""
    passed: int = 0
    failed: int = 0


def say(msg=""):
    print(msg, flush=True)


def header(title):
    say(f"\n========== {title} ==========")


def show_cmd(cmd):
    say("$ " + shlex.join(str(c) for c in cmd))


def run(cmd, **kwargs):
    show_cmd(cmd)
    return subprocess.run([str(c) for c in cmd], check=False, **kwargs)


def run_child(cmd, **kwargs):
    """Run a long child (Odoo) in the foreground; if we are interrupted, stop it
    before the caller's cleanup removes the database cluster under its feet."""
    show_cmd(cmd)
    proc = subprocess.Popen([str(c) for c in cmd], **kwargs)
    try:
        return proc.wait()
    finally:
        stop_process(proc)


def stop_process(proc, timeout=30):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port):
    """Whether Odoo could listen on ``port``: bound as Odoo binds it, with
    SO_REUSEADDR, so the connections a stopped server leaves in TIME_WAIT for a
    minute do not count."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def is_root():
    return os.geteuid() == 0


def pip_install(*requirements):
    if run([sys.executable, "-m", "pip", "install", "-q", *requirements]).returncode:
        raise SetupError(f"pip could not install {' '.join(requirements)}")
    importlib.invalidate_caches()


def ensure_python_package(import_name, requirement):
    if importlib.util.find_spec(import_name) is None:
        say(f"{import_name} is missing: installing {requirement}")
        pip_install(requirement)


def pinned_requirements(path):
    """(distribution, version) of each `name==version` line."""
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins.append((name.strip(), version.strip()))
    return pins


def ensure_pinned(path):
    """pip-install the pinned packages of `path` that are missing or at another
    version."""
    wanted = []
    for name, version in pinned_requirements(path):
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            say(f"{name} {installed or 'missing'}: installing {name}=={version}")
            wanted.append(f"{name}=={version}")
    if wanted:
        pip_install(*wanted)


def run_captured(cmd, **kwargs):
    """Run a tool, its output (stderr merged) shown when it ends and returned."""
    show_cmd(cmd)
    proc = subprocess.run(
        [str(c) for c in cmd],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
        **kwargs,
    )
    say(proc.stdout.rstrip())
    return proc


def timed_out_output(err):
    """What a tool killed by subprocess.run's timeout printed so far, decoded."""
    output = err.stdout or ""
    if isinstance(output, bytes):  # what has been read so far, undecoded
        output = output.decode("utf-8", "replace")
    return output


def summary_line(output):
    """The figures a script prints on its "summary: ..." line, or ""."""
    return next(
        (
            line.removeprefix("summary: ")
            for line in output.splitlines()
            if line.startswith("summary: ")
        ),
        "",
    )


def apt_install(package):
    """apt-get install, refreshing the package lists only when the first try fails."""
    if not (is_root() and shutil.which("apt-get")):
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if run(["apt-get", "install", "-y", "-q", package], env=env).returncode == 0:
        return True
    run(["apt-get", "update", "-q"], env=env)
    return run(["apt-get", "install", "-y", "-q", package], env=env).returncode == 0


def tail(path, lines=80):
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    say(f"----- last {min(lines, len(text))} lines of {path} -----")
    for line in text[-lines:]:
        say(line)
    say("----- end of log -----")


def runner_dir(module_dir):
    """.runner/ in the module checkout (gitignored) keeps logs for inspection."""
    path = module_dir / ".runner"
    path.mkdir(exist_ok=True)
    return path


def fresh_log(module_dir, name):
    """.runner/NAME, without what an earlier run wrote there."""
    log = runner_dir(module_dir) / name
    log.unlink(missing_ok=True)
    return log


@contextlib.contextmanager
def signals_deferred():
    """Cleanup must finish: a second Ctrl-C/SIGTERM only prints a note meanwhile.
    (A handler, not SIG_IGN, because SIG_IGN would be inherited by pg_ctl.)"""

    def note(signum, frame):
        say(f"(signal {signum} received: still cleaning up, please wait)")

    previous = {
        sig: signal.signal(sig, note)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def interrupt_on_signal(signum, frame):
    # SIGTERM/SIGHUP take the same path as Ctrl-C so every `finally` cleanup runs.
    raise KeyboardInterrupt(f"signal {signum}")
