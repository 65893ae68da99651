"""Tier 3 upgrade: from the first release and from the last one, found in git
history, each on a fresh database: install the release, fill it with the
populate script of its own tree (tests/upgrade/populate.py of the working tree,
writing that release's field names, when it has none), snapshot it
(tests/upgrade/dump.py), upgrade it to the working tree (`-u`) and compare
(tests/upgrade/check.py)."""

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
# Upgrade from this commit (or tag, branch...) alone instead of the first and the
# last release found in the history: for trying a migration before the version
# bump has landed.
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


def releases(module_dir):
    """([(version, commit)], why not): the releases to upgrade from, oldest first.
    A release is a version lower than the working tree's, at the newest commit of
    HEAD's first-parent history that has it."""
    current = manifest_version(
        (module_dir / "__manifest__.py").read_text(encoding="utf-8")
    )
    if version_key(current) is None:
        return [], f"working tree version {current!r} is not x.y.z..."
    forced = os.environ.get(FROM_ENV)
    if forced:
        say(f"*** {FROM_ENV}={forced}: upgrading from that commit, not a search ***")
        rev = git(
            module_dir, "rev-parse", "--verify", f"{forced}^{{commit}}", text=True
        )
        if rev.returncode:
            return [], f"{FROM_ENV}={forced} is not a commit"
        commit = rev.stdout.strip()
        shown = git(module_dir, "show", f"{commit}:__manifest__.py", text=True)
        return [(manifest_version(shown.stdout) or commit[:12], commit)], ""
    # The main line only: a feature branch merged into it carries commits at the old
    # version that never were a release (they already hold the new fields).
    listing = git(module_dir, "rev-list", "--first-parent", "HEAD", text=True)
    if listing.returncode:
        return [], f"git rev-list HEAD failed: {listing.stderr.strip()}"
    commits = listing.stdout.split()
    # One `git cat-file --batch` for every commit's manifest.
    batch = git(
        module_dir,
        "cat-file",
        "--batch",
        input="".join(f"{c}:__manifest__.py\n" for c in commits).encode(),
    )
    stream = io.BytesIO(batch.stdout)
    found = {}
    for commit in commits:
        fields = stream.readline().split()
        if len(fields) != 3:  # "<name> missing": no manifest in that commit
            continue
        text = stream.read(int(fields[2])).decode("utf-8", "replace")
        stream.readline()
        version = manifest_version(text)
        key = version_key(version)
        if key is not None and key < version_key(current):
            found.setdefault(version, commit)
    if found:
        return sorted(found.items(), key=lambda item: version_key(item[0])), ""
    shallow = git(module_dir, "rev-parse", "--is-shallow-repository", text=True)
    why = (
        f"no commit among the {len(commits)} of HEAD's history has a version "
        f"lower than the working tree's {current}"
    )
    if shallow.stdout.strip() == "true":
        why += " (shallow clone: fetch the history, e.g. git fetch --unshallow)"
    else:
        why += f" (bump the version, or set {FROM_ENV}=<commit>)"
    return [], why


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


def odoo_step(title, command, log, work, stdin=None, env=None, part="upgrade"):
    """Run one Odoo command of a ``part`` of tier 3; (ok, output). Its log must be
    free of errors."""
    header(f"TIER 3 {part}: {title}")
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
    """Upgrade from the first release (every migration in turn) and from the last
    one, each on a database of its own."""
    header("TIER 3: upgrade from the first and from the last release")
    found, why = releases(module_dir)
    if not found:
        say(f"*** TIER 3 upgrade FAILED: {why} ***")
        return TierResult(UPGRADE_LABEL, "FAILED", why)
    new_version = manifest_version(
        (module_dir / "__manifest__.py").read_text(encoding="utf-8")
    )
    say(
        "releases: "
        + ", ".join(f"{version} at {commit[:12]}" for version, commit in found)
        + f"; working tree {new_version}"
    )
    starts = list(dict.fromkeys((found[0], found[-1])))
    outcomes = [
        upgrade_from(odoo, work, cluster, module_dir, version, commit, new_version)
        for version, commit in starts
    ]
    failed = sum(not ok for ok, _ in outcomes)
    return TierResult(
        UPGRADE_LABEL,
        "FAILED" if failed else "PASSED",
        "; ".join(detail for _, detail in outcomes),
        len(outcomes) - failed,
        failed,
    )


# Releases that their own populate.py cannot fill, filled by the working tree's.
POPULATED_BY_WORKING_TREE = {
    "19.0.1.5.0": "its own populate.py creates an interest profile without the "
    "income account that release requires: the working tree's fills it",
}


def upgrade_from(odoo, work, cluster, module_dir, old_version, commit, new_version):
    """Install the release at `commit`, fill it with its own populate script (the
    working tree's populate.py when it has none), snapshot it, upgrade it to the
    working tree and compare: (ok, detail)."""
    run = f"{old_version} -> {new_version}"
    header(f"TIER 3 upgrade: {run} ({commit[:12]})")
    scripts = module_dir / "tests" / "upgrade"
    old_addons = work / f"release-{old_version}"
    problem = extract(module_dir, commit, old_addons / MODULE)
    if problem:
        return False, f"{run}: git archive failed: {problem}"
    release_scripts = old_addons / MODULE / "tests" / "upgrade"
    populate_dir = (
        release_scripts
        if (release_scripts / "populate.py").exists()
        and old_version not in POPULATED_BY_WORKING_TREE
        else scripts
    )
    if old_version in POPULATED_BY_WORKING_TREE:
        say(f"{old_version}: {POPULATED_BY_WORKING_TREE[old_version]}")
    say(f"populate script: {populate_dir / 'populate.py'}")
    logs = runner_dir(module_dir)
    database = f"{DATABASE}_{old_version.replace('.', '_')}"
    dump = work / f"upgrade-{old_version}-before.json"
    env = {**os.environ, "ACG_UPGRADE_DIR": str(scripts), "ACG_UPGRADE_JSON": str(dump)}
    # A release's own populate.py loads its snapshot.py and writes what it read:
    # to a file of its own, the working tree's dump.py takes the snapshot compared.
    populate_env = {
        **env,
        "ACG_UPGRADE_DIR": str(populate_dir),
        "ACG_UPGRADE_JSON": str(work / f"upgrade-{old_version}-release.json"),
    }
    quiet = ("--no-http", "--max-cron-threads", "0", "--stop-after-init")
    steps = (
        (f"install {old_version}", ("-i", INSTALL_PREVIOUS, *quiet), "install", None),
        ("populate", (), "populate", (populate_dir / "populate.py", populate_env)),
        (f"snapshot {old_version}", (), "dump", (scripts / "dump.py", env)),
        (f"upgrade to {new_version}", ("-u", MODULE, *quiet), "upgrade", None),
        ("check", (), "check", (scripts / "check.py", env)),
    )
    output = ""
    started = time.monotonic()
    for title, options, name, script in steps:
        log = logs / f"odoo-upgrade-{old_version}-{name}.log"
        command = odoo_command(
            odoo,
            work,
            cluster,
            database,
            *options,
            *(("--no-http",) if script else ()),
            "--log-level",
            "info" if not script else "warn",
            "--logfile",
            log,
            subcommand="shell" if script else "server",
            addons=old_addons if name in ("install", "populate", "dump") else None,
        )
        if script:
            with open(script[0], "rb") as stdin:
                ok, output = odoo_step(
                    f"{run}: {title}", command, log, work, stdin, script[1]
                )
        else:
            ok, output = odoo_step(f"{run}: {title}", command, log, work, env=env)
        if not ok:
            return False, f"{run}: {title} failed; log {log}"
    counts = re.search(r"^(\d+) passed, (\d+) failed$", output, re.MULTILINE)
    if not counts or int(counts[2]):
        return False, f"{run}: check.py found differences"
    say(f"{run}: {time.monotonic() - started:.0f} s")
    return True, f"{run}: {counts[1]} values equal"
