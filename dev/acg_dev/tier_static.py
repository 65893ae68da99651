"""Tier 2: `pre-commit run --all-files` with the pinned tools of
dev/requirements-static.txt (.pre-commit-config.yaml lists the hooks)."""

import importlib.metadata
import os
import re
import shutil
import subprocess
import sysconfig

from .common import (
    DEV_DIR,
    SetupError,
    TierResult,
    header,
    pip_install,
    runner_dir,
    say,
    show_cmd,
)

REQUIREMENTS = DEV_DIR / "requirements-static.txt"
# pre-commit's line per hook: "name.......Passed", "name...(no files to check)Skipped"
HOOK_LINE_RE = re.compile(
    r"^(?P<name>\S.*?)\.{3,}(?:\([^)]*\))?(?P<status>Passed|Failed|Skipped)$"
)


def pinned_requirements(path=REQUIREMENTS):
    """(distribution, version) of each `name==version` line."""
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins.append((name.strip(), version.strip()))
    return pins


def ensure_static_tools():
    """pip-install the pinned tools that are missing or at another version."""
    wanted = []
    for name, version in pinned_requirements():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            say(f"{name} {installed or 'missing'}: installing {name}=={version}")
            wanted.append(f"{name}=={version}")
    if wanted:
        pip_install(*wanted)


def tool_env(module_dir):
    """The pip-installed tools' scripts first on PATH (the hooks are
    `language: system`), pre-commit's cache in the runner's work dir."""
    scripts = sysconfig.get_path("scripts")
    return dict(
        os.environ,
        PATH=os.pathsep.join(filter(None, [scripts, os.environ.get("PATH")])),
        PRE_COMMIT_HOME=str(runner_dir(module_dir) / "pre-commit"),
        PRE_COMMIT_COLOR="never",
    )


def hook_results(output):
    """[(hook name, Passed/Failed/Skipped)] in pre-commit's order."""
    results = []
    for line in output.splitlines():
        match = HOOK_LINE_RE.match(line.rstrip())
        if match:
            results.append((match["name"].strip(), match["status"]))
    return results


def tier_static(module_dir):
    label = "TIER 2 static"
    header("TIER 2: static checks (pre-commit run --all-files)")
    if not (module_dir / ".pre-commit-config.yaml").is_file():
        return TierResult(label, "FAILED", "no .pre-commit-config.yaml")
    if shutil.which("git") is None or not (module_dir / ".git").exists():
        return TierResult(label, "FAILED", "pre-commit needs git and a git checkout")
    try:
        ensure_static_tools()
    except SetupError as err:
        return TierResult(label, "FAILED", str(err))
    env = tool_env(module_dir)
    pre_commit = shutil.which("pre-commit", path=env["PATH"])
    cmd = [pre_commit or "pre-commit", "run", "--all-files"]
    show_cmd(cmd)
    say(f"(PRE_COMMIT_HOME={env['PRE_COMMIT_HOME']})")
    proc = subprocess.run(
        cmd,
        cwd=module_dir,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    # pre-commit prints the output of failing (and `verbose`) hooks only.
    say(proc.stdout.rstrip())
    results = hook_results(proc.stdout)
    failed = [name for name, status in results if status == "Failed"]
    passed = sum(status == "Passed" for _, status in results)
    skipped = sum(status == "Skipped" for _, status in results)
    extra = f", {skipped} skipped" if skipped else ""
    if failed or proc.returncode:
        detail = (
            f"{len(failed)} of {len(results)} hooks failed ({', '.join(failed)})"
            if failed
            else f"pre-commit exit {proc.returncode}, {len(results)} hooks reported"
        )
        return TierResult(label, "FAILED", detail + extra, passed, len(failed))
    if not results:
        return TierResult(label, "FAILED", "pre-commit reported no hooks", 0, 1)
    return TierResult(label, "PASSED", f"{passed} hooks{extra}", passed, 0)
