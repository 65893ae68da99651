"""Tier 2: `pre-commit run --all-files` with the pinned tools of
dev/requirements-static.txt (.pre-commit-config.yaml lists the hooks)."""

import os
import re
import shutil
import sysconfig

from .common import (
    DEV_DIR,
    SetupError,
    TierResult,
    ensure_pinned,
    header,
    run_captured,
    runner_dir,
    say,
)

REQUIREMENTS = DEV_DIR / "requirements-static.txt"
# pre-commit's line per hook: "name.......Passed", "name...(no files to check)Skipped"
HOOK_LINE_RE = re.compile(
    r"^(?P<name>\S.*?)\.{3,}(?:\([^)]*\))?(?P<status>Passed|Failed|Skipped)$"
)


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
        ensure_pinned(REQUIREMENTS)
    except SetupError as err:
        return TierResult(label, "FAILED", str(err))
    env = tool_env(module_dir)
    pre_commit = shutil.which("pre-commit", path=env["PATH"])
    cmd = [pre_commit or "pre-commit", "run", "--all-files"]
    say(f"(PRE_COMMIT_HOME={env['PRE_COMMIT_HOME']})")
    # pre-commit prints the output of failing (and `verbose`) hooks only.
    proc = run_captured(cmd, cwd=module_dir, env=env)
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
