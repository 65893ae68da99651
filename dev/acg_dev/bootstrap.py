"""Getting Odoo 19 on a machine that has none: its source, a virtual environment
with its requirements, and the Debian packages it needs, in a per-user cache.

    $XDG_CACHE_HOME/account_customer_group/odoo-19.0/   (default ~/.cache/...)
        src/                   the Odoo source tree (odoo-bin, odoo/, addons/)
        venv/                  Python with Odoo's requirements, `odoo` importable
        requirements.txt       Odoo's, with the adjustments below written into it
        READY                  written last: without it the folder is incomplete

The source is ODOO_ARCHIVE (a path or URL of an Odoo 19.0 Community source
tarball, checked against ODOO_ARCHIVE_SHA256 when that is set), else a shallow
clone of the 19.0 branch of odoo/odoo when git is there, else the official 19.0
nightly source tarball. A folder without READY, left by a run that failed or was
killed, is removed before anything else; a run that fails removes its own.
"""

import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .common import MODULE, SetupError, header, is_root, run, say
from .odoo_source import SERIES, fetch_source

READY = "READY"
# Set by the runner when it starts itself again in the cache's venv: that run must
# find Odoo there and never bootstrap again.
BOOTSTRAPPED_ENV = "ACG_BOOTSTRAPPED"

# Odoo's requirements.txt pins what Ubuntu 24.04 / Debian 12 ship; what does not
# install from it with pip on Python 3.11/3.12 (Debian 12/13) is changed here, and
# every change is written as a comment into the cache's requirements.txt.
REQUIREMENT_FIXES = (
    (
        re.compile(r"^cbor2==5\.4\.2\b(?P<rest>.*)$", re.MULTILINE),
        r"cbor2==5.6.5\g<rest>",
        (
            "cbor2 5.4.2 (Python < 3.12) has no wheel for 3.11 and its sdist does"
            " not build; 5.6.5 has the same API"
        ),
    ),
)
# Constraints for every pip install into the venv, the isolated build environments
# of sdists included (pip passes PIP_CONSTRAINT on to them).
PIP_CONSTRAINTS = (
    (
        "setuptools<81",
        (
            "several of Odoo's pins are sdists built with setup.py, and older"
            " setup.py files import pkg_resources, which setuptools 81 dropped"
        ),
    ),
)
# Debian packages and why; installed when run as root, else listed.
DEBIAN_PACKAGES = {
    "postgresql": "the database server (initdb, pg_ctl)",
    "chromium": "the headless browser of Odoo's tour tests",
    "wkhtmltopdf": "PDF reports",
    "build-essential": "compiling the sdists among Odoo's requirements",
    "python3-dev": "compiling the sdists among Odoo's requirements",
    "libldap2-dev": "building python-ldap",
    "libsasl2-dev": "building python-ldap",
    "libpq-dev": "building psycopg2",
}


def cache_root():
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / MODULE


def install_dir():
    return cache_root() / f"odoo-{SERIES}"


def venv_python(target):
    return target / "venv" / "bin" / "python"


def python_tag():
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def read_ready(target):
    try:
        return json.loads((target / READY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def ensure_odoo():
    """The venv python of a complete set-up in the cache, making one if needed."""
    target = install_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    with cache_lock(target.parent):
        ready = read_ready(target)
        reason = stale_reason(target, ready)
        if ready and not reason:
            say(f"Odoo {SERIES} from the cache: {target} ({ready['source']})")
            return venv_python(target)
        if target.exists():
            say(f"Removing {target}: {reason}")
            shutil.rmtree(target)
        header(f"Setting up Odoo {SERIES} in {target}")
        started = time.monotonic()
        try:
            build(target)
        except BaseException:
            say(f"Set-up failed: removing {target}, nothing half-installed is kept")
            shutil.rmtree(target, ignore_errors=True)
            raise
        say(f"Odoo {SERIES} set up in {time.monotonic() - started:.0f} s")
        return venv_python(target)


def stale_reason(target, ready):
    """Why an existing folder cannot be used (None when it can)."""
    if ready is None:
        return "an earlier set-up did not finish"
    if ready.get("python") != python_tag():
        return f"its venv is for Python {ready.get('python')}, this is {python_tag()}"
    wanted = os.environ.get("ODOO_ARCHIVE_SHA256", "").strip().lower()
    if wanted and ready.get("sha256") != wanted:
        return "it was made from another archive than ODOO_ARCHIVE_SHA256 names"
    if not venv_python(target).exists():
        return "its venv is gone"
    return None


@contextlib.contextmanager
def cache_lock(folder):
    """Two runners started together: the second waits for the first's set-up."""
    with open(folder / ".lock", "w", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"Another runner is setting up Odoo in {folder}: waiting for it")
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build(target):
    target.mkdir()
    say("[1/4] Debian packages")
    debian_packages()
    say("[2/4] Odoo source")
    source, sha256 = fetch_source(target)
    say("[3/4] Virtual environment and Odoo's requirements")
    make_venv(target)
    say("[4/4] Marking the set-up complete")
    ready = {
        "source": source,
        "sha256": sha256,
        "python": python_tag(),
        "made": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    partial = target / f"{READY}.part"
    partial.write_text(json.dumps(ready, indent=1), encoding="utf-8")
    partial.rename(target / READY)


# ------------------------------------------------------------------ Debian packages


def missing_debian_packages():
    wanted = dict(DEBIAN_PACKAGES)
    if not has_ensurepip():
        wanted[f"python{python_tag()}-venv"] = "python3 -m venv"
    missing = []
    for name in wanted:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if "install ok installed" not in status:
            missing.append(name)
    return missing, wanted


def has_ensurepip():
    return (
        subprocess.run(
            [sys.executable, "-c", "import ensurepip"],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )


def debian_packages():
    if not shutil.which("dpkg-query"):
        say(
            "  not a Debian system: install PostgreSQL (>= 13), Chromium, wkhtmltopdf, "
            "a C compiler and the LDAP, SASL and libpq headers yourself"
        )
        return
    missing, why = missing_debian_packages()
    if not missing:
        say("  all there: " + ", ".join(why))
        return
    for name in missing:
        say(f"  missing {name}: {why[name]}")
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    if not (is_root() and shutil.which("apt-get")):
        say(
            "*** Not root, so they are not installed; as root run:\n"
            f"      apt-get update && {' '.join(command)}\n"
            "    (going on: Python wheels may do without the build libraries) ***"
        )
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if (
        run(["apt-get", "update", "-q"], env=env).returncode
        or run(command, env=env).returncode
    ):
        say(f"*** apt-get could not install {' '.join(missing)}: going on without ***")


# ------------------------------------------------------------------ venv


def adjusted_requirements(text):
    """Odoo's requirements.txt with REQUIREMENT_FIXES applied, each noted."""
    notes = []
    for pattern, replacement, why in REQUIREMENT_FIXES:
        text, count = pattern.subn(replacement, text)
        if count:
            notes.append(f"# account_customer_group runner: {why}")
    return "\n".join([*notes, text])


def make_venv(target):
    venv = target / "venv"
    if run([sys.executable, "-m", "venv", venv]).returncode:
        package = f"python{python_tag()}-venv"
        raise SetupError(f"python3 -m venv failed (Debian: apt-get install {package})")
    constraints = target / "constraints.txt"
    constraints.write_text(
        "".join(f"# {why}\n{pin}\n" for pin, why in PIP_CONSTRAINTS), encoding="utf-8"
    )
    requirements = target / "requirements.txt"
    requirements.write_text(
        adjusted_requirements(
            (target / "src" / "requirements.txt").read_text(encoding="utf-8")
        ),
        encoding="utf-8",
    )
    env = dict(os.environ, PIP_CONSTRAINT=str(constraints))
    pip = [venv_python(target), "-m", "pip", "install", "--progress-bar", "off"]
    for step in (["setuptools", "wheel"], ["-r", requirements]):
        if run([*pip, *step], env=env).returncode:
            missing, _ = (
                missing_debian_packages() if shutil.which("dpkg-query") else ([], {})
            )
            hint = f" (missing Debian packages: {' '.join(missing)})" if missing else ""
            raise SetupError(
                f"pip could not install {' '.join(map(str, step))} into {venv}{hint}"
            )
    # `import odoo` in the venv, for the scripts that import it (bench, tests).
    site = subprocess.run(
        [
            venv_python(target),
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "odoo19.pth").write_text(f"{target / 'src'}\n", encoding="utf-8")


def reexec_in_venv(python, argv):
    """Start the runner again in the cache's venv, where `odoo` is importable."""
    src = python.parent.parent.parent / "src"
    env = dict(os.environ, ODOO_SRC=str(src), **{BOOTSTRAPPED_ENV: str(src.parent)})
    runner = Path(__file__).resolve().parent.parent / "runner.py"
    say(f"Running the command again in the set-up's venv: {python}")
    sys.stdout.flush()
    os.execve(python, [str(python), str(runner), *argv], env)
