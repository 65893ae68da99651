"""Tier 1: pytest on tests/pure and dev/tests, plain Python that never imports
odoo."""

import os
import re
import sys

from .common import (
    SetupError,
    TierResult,
    ensure_python_package,
    header,
    run_captured,
    runner_dir,
)

# pytest runs through this stub so that tier 1 can never import odoo, even by
# accident (a pytest plugin, a conftest, a test): with sys.modules["odoo"] = None
# any `import odoo...` raises ImportError instead of silently working here and
# failing on a machine without Odoo.
PYTEST_WITHOUT_ODOO = (
    "import sys, pytest; sys.modules['odoo'] = None; "
    "sys.exit(pytest.main(sys.argv[1:]))"
)


def pytest_counts(output):
    """Counts from pytest's closing line, e.g.
    '3 failed, 20 passed, 1 skipped in 0.52s'."""
    for line in reversed(output.splitlines()):
        if re.search(r" in [\d.]+s\b", line):
            return {
                ("error" if word.startswith("error") else word): int(number)
                for number, word in re.findall(
                    r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)",
                    line,
                )
            }
    return {}


def tier_pure(module_dir):
    """tests/pure (the addon's plain rules), then dev/tests (the runner's own
    code), each run by pytest on its own: their rootdirs differ."""
    label = "TIER 1 pure  "
    header("TIER 1: pure Python tests (pytest tests/pure, dev/tests)")
    results = [
        run_pytest(label, module_dir, module_dir / "tests" / "pure"),
        run_pytest(label, module_dir, module_dir / "dev" / "tests"),
    ]
    failed = [r for r in results if r.status == "FAILED"]
    return TierResult(
        label,
        "FAILED" if failed else "PASSED",
        "; ".join(
            f"{folder}: {r.detail}"
            for folder, r in zip(("tests/pure", "dev/tests"), results, strict=True)
        ),
        sum(r.passed for r in results),
        sum(r.failed for r in results),
    )


def run_pytest(label, module_dir, test_dir):
    if not test_dir.is_dir():
        return TierResult(label, "FAILED", f"{test_dir} does not exist")
    try:
        ensure_python_package("pytest", "pytest")
        ensure_python_package("hypothesis", "hypothesis")
    except SetupError as err:
        return TierResult(label, "FAILED", str(err))
    env = dict(
        os.environ,
        PYTHONDONTWRITEBYTECODE="1",
        # keep hypothesis' example database out of the work tree
        HYPOTHESIS_STORAGE_DIRECTORY=str(runner_dir(module_dir) / "hypothesis"),
    )
    # The repo root and tests/ are Odoo packages whose __init__ imports odoo, so
    # pytest must not see them: with rootdir and confcutdir at tests/pure it
    # neither imports those __init__.py files (as parent packages) nor any
    # conftest.py above, and importlib mode leaves sys.path alone.
    # -p no:odoo keeps pytest-odoo (entry point "odoo") from loading Odoo.
    cmd = [
        sys.executable,
        "-c",
        PYTEST_WITHOUT_ODOO,
        "-p",
        "no:odoo",
        "-p",
        "no:cacheprovider",
        "--import-mode=importlib",
        f"--rootdir={test_dir}",
        f"--confcutdir={test_dir}",
        "-q",
        "-rfEs",
        str(test_dir),
    ]
    proc = run_captured(cmd, cwd=test_dir, env=env)
    counts = pytest_counts(proc.stdout)
    passed = counts.get("passed", 0) + counts.get("xpassed", 0)
    failed = counts.get("failed", 0) + counts.get("error", 0)
    extra = "".join(
        f", {counts[k]} {k}" for k in ("skipped", "xfailed") if counts.get(k)
    )
    if proc.returncode == 0:
        return TierResult(label, "PASSED", f"{passed} passed{extra}", passed, failed)
    if proc.returncode == 5:
        return TierResult(
            label, "FAILED", "no tests collected (pytest exit 5)", passed, failed
        )
    return TierResult(
        label,
        "FAILED",
        f"{passed} passed, {failed} failed{extra} (pytest exit {proc.returncode})",
        passed,
        failed,
    )
