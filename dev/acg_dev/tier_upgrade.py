"""Tier 3 upgrade: install the previous release from git history on a fresh
database, fill it (tests/upgrade/populate.py, old field names), upgrade it to
the working tree (`-u`) and compare (tests/upgrade/check.py, new field names)."""

import ast
import io
import os
import re
import subprocess
import tarfile
import time

from .common import (
    INSTALL_PREVIOUS,
    MODULE,
    TierResult,
    header,
    runner_dir,
    say,
    show_cmd,
    tail,
)
from .sandbox import odoo_command, parse_odoo_log

UPGRADE_LABEL = "TIER 3 upgrade"
DATABASE = "acg_upgrade"
# Upgrade from this commit (or tag, branch...) instead of the one found in the
# history: for trying a migration before the version bump has landed.
FROM_ENV = "ACG_UPGRADE_FROM"


def version_key(version):
    """'19.0.1.1.0' -> (19, 0, 1, 1, 0); None when it is not dotted numbers."""
    if isinstance(version, str) and re.fullmatch(r"\d+(\.\d+)*", version):
        return tuple(int(part) for part in version.split("."))
    return None


def manifest_version(text):
    try:
        manifest = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return manifest.get("version") if isinstance(manifest, dict) else None


def git(module_dir, *args, **kwargs):
    return subprocess.run(
        ["git", *args], cwd=module_dir, capture_output=True, check=False, **kwargs
    )


def previous_release(module_dir):
    """(commit, version, why not): the newest commit of HEAD's first-parent history
    whose manifest version is lower than the working tree's."""
    current = manifest_version(
        (module_dir / "__manifest__.py").read_text(encoding="utf-8")
    )
    if version_key(current) is None:
        return None, None, f"working tree version {current!r} is not x.y.z..."
    forced = os.environ.get(FROM_ENV)
    if forced:
        say(f"*** {FROM_ENV}={forced}: upgrading from that commit, not a search ***")
        rev = git(
            module_dir, "rev-parse", "--verify", f"{forced}^{{commit}}", text=True
        )
        if rev.returncode:
            return None, None, f"{FROM_ENV}={forced} is not a commit"
        commit = rev.stdout.strip()
        shown = git(module_dir, "show", f"{commit}:__manifest__.py", text=True)
        return commit, manifest_version(shown.stdout), ""
    # The main line only: a feature branch merged into it carries commits at the old
    # version that never were a release (they already hold the new fields).
    listing = git(module_dir, "rev-list", "--first-parent", "HEAD", text=True)
    if listing.returncode:
        return None, None, f"git rev-list HEAD failed: {listing.stderr.strip()}"
    commits = listing.stdout.split()
    # One `git cat-file --batch` for every commit's manifest.
    batch = git(
        module_dir,
        "cat-file",
        "--batch",
        input="".join(f"{c}:__manifest__.py\n" for c in commits).encode(),
    )
    stream = io.BytesIO(batch.stdout)
    for commit in commits:
        fields = stream.readline().split()
        if len(fields) != 3:  # "<name> missing": no manifest in that commit
            continue
        text = stream.read(int(fields[2])).decode("utf-8", "replace")
        stream.readline()
        version = manifest_version(text)
        key = version_key(version)
        if key is not None and key < version_key(current):
            return commit, version, ""
    shallow = git(module_dir, "rev-parse", "--is-shallow-repository", text=True)
    why = (
        f"no commit among the {len(commits)} of HEAD's history has a version "
        f"lower than the working tree's {current}"
    )
    if shallow.stdout.strip() == "true":
        why += " (shallow clone: fetch the history, e.g. git fetch --unshallow)"
    else:
        why += f" (bump the version, or set {FROM_ENV}=<commit>)"
    return None, None, why


def extract(module_dir, commit, target):
    """git archive COMMIT | tar -x into target."""
    show_cmd(["git", "archive", commit, "|", "tar", "-x", "-C", target])
    archive = git(module_dir, "archive", "--format=tar", commit)
    if archive.returncode:
        return archive.stderr.decode("utf-8", "replace")
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return ""


def log_errors(log):
    """ERROR/CRITICAL records and tracebacks of an Odoo log."""
    if not log.exists():
        return [[f"{log} was not written"]]
    return [
        lines
        for level, _, _, lines in parse_odoo_log(log)
        if level in ("ERROR", "CRITICAL")
        or any(line.startswith("Traceback") for line in lines)
    ]


def odoo_step(title, command, log, work, stdin=None, env=None):
    """Run one Odoo command; (ok, output). Its log must be free of errors."""
    header(f"TIER 3 upgrade: {title}")
    log.unlink(missing_ok=True)
    show_cmd(command)
    started = time.monotonic()
    proc = subprocess.run(
        [str(c) for c in command],
        cwd=work,
        stdin=stdin,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    output = (proc.stdout + proc.stderr).rstrip()
    if output:
        say(output)
    errors = log_errors(log)
    for lines in errors:
        say("\n".join(lines[:40]))
    say(f"exit {proc.returncode} after {time.monotonic() - started:.0f} s; log {log}")
    if proc.returncode or errors:
        tail(log, 40)
        return False, output
    return True, output


def upgrade_check(odoo, work, cluster, module_dir):
    header("TIER 3: upgrade from the previous release")
    scripts = module_dir / "tests" / "upgrade"
    commit, old_version, why = previous_release(module_dir)
    if commit is None:
        say(f"*** TIER 3 upgrade FAILED: {why} ***")
        return TierResult(UPGRADE_LABEL, "FAILED", why)
    new_version = manifest_version(
        (module_dir / "__manifest__.py").read_text(encoding="utf-8")
    )
    say(f"previous release: {old_version} at {commit[:12]}; working tree {new_version}")
    old_addons = work / "old_addons"
    problem = extract(module_dir, commit, old_addons / MODULE)
    if problem:
        return TierResult(UPGRADE_LABEL, "FAILED", f"git archive failed: {problem}")
    logs = runner_dir(module_dir)
    dump = work / "upgrade-before.json"
    env = {
        **os.environ,
        "ACG_UPGRADE_DIR": str(scripts),
        "ACG_UPGRADE_JSON": str(dump),
    }
    quiet = ("--no-http", "--max-cron-threads", "0", "--stop-after-init")
    steps = (
        (
            f"install {old_version} ({commit[:12]})",
            ("-i", INSTALL_PREVIOUS, *quiet),
            logs / "odoo-upgrade-install.log",
            None,
            old_addons,
        ),
        (
            "populate (old field names)",
            (),
            logs / "odoo-upgrade-populate.log",
            "populate.py",
            old_addons,
        ),
        (
            f"upgrade to the working tree ({new_version})",
            ("-u", MODULE, *quiet),
            logs / "odoo-upgrade.log",
            None,
            None,
        ),
        (
            "check (new field names)",
            (),
            logs / "odoo-upgrade-check.log",
            "check.py",
            None,
        ),
    )
    output = ""
    for title, options, log, script, addons in steps:
        command = odoo_command(
            odoo,
            work,
            cluster,
            DATABASE,
            *options,
            *(("--no-http",) if script else ()),
            "--log-level",
            "info" if not script else "warn",
            "--logfile",
            log,
            subcommand="shell" if script else "server",
            addons=addons,
        )
        if script:
            with open(scripts / script, "rb") as stdin:
                ok, output = odoo_step(title, command, log, work, stdin, env)
        else:
            ok, output = odoo_step(title, command, log, work, env=env)
        if not ok:
            return TierResult(
                UPGRADE_LABEL, "FAILED", f"{title} failed; log {log}", 0, 1
            )
    counts = re.search(r"^(\d+) passed, (\d+) failed$", output, re.MULTILINE)
    if not counts or int(counts[2]):
        return TierResult(UPGRADE_LABEL, "FAILED", "check.py found differences")
    return TierResult(
        UPGRADE_LABEL,
        "PASSED",
        f"{old_version} at {commit[:7]} -> {new_version}: {counts[1]} values "
        "equal after the upgrade, no errors in its log",
        1,
    )
