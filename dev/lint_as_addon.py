#!/usr/bin/env python3
"""Run a lint tool on a copy of the addon laid out the way OCA repositories are.

    python3 dev/lint_as_addon.py TOOL [ARGS ...] -- FILES ...

This repository's root *is* the addon. `oca-checks-odoo-module` finds an addon
by walking up from each file to a `__manifest__.py`, but stops before the git
top-level folder, so at the repository root it silently checks nothing; and
pylint-odoo names the addon (and pylint the Python package) after the folder
holding the manifest. The wrapper therefore copies the working tree's files
(tracked, plus untracked ones git does not ignore) into
`<tmp>/account_customer_group/`, next to an empty `<tmp>/.git` folder, runs TOOL
there with ARGS and the same repository-relative FILES (the working directory is
the copy), rewrites the copy's paths in the tool's output back to
repository-relative ones, and exits with the tool's exit code.

Used as the entry of pre-commit hooks (.pre-commit-config.yaml): pre-commit
appends the file names after the `--` the hook's args end with.
Standard library only.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MODULE = "account_customer_group"
MODULE_DIR = Path(__file__).resolve().parent.parent
# Never part of the addon when git cannot list the files.
NOT_ADDON = {".git", ".runner", "__pycache__", ".pytest_cache", ".hypothesis"}
# The repository's front page and contributors' guide, not the addon's README
# (README.rst, generated from readme/): left out of the copy, as out of the wheel.
REPOSITORY_DOCS = {"README.md", "CONTRIBUTING.md"}


def working_tree_files(module_dir):
    """Repository-relative paths of the files git knows or would add."""
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=module_dir,
        capture_output=True,
        check=False,
    )
    if proc.returncode == 0:
        names = sorted(set(proc.stdout.decode().split("\0")) - {""})
        # --cached still lists files deleted in the working tree
        return [name for name in names if (module_dir / name).is_file()]
    files = []
    for root, dirs, names in os.walk(module_dir):
        dirs[:] = sorted(d for d in dirs if d not in NOT_ADDON)
        for name in sorted(names):
            files.append(Path(root, name).relative_to(module_dir).as_posix())
    return files


def copy_addon(module_dir, target):
    for name in working_tree_files(module_dir):
        if name in REPOSITORY_DOCS:
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(module_dir / name, destination, follow_symlinks=False)


def path_rewriter(copy_dir):
    """Map the copy's absolute paths and `account_customer_group/...` paths
    (how oca-checks names files: relative to the folder holding .git) back to
    repository-relative ones."""
    prefixes = sorted({str(copy_dir), os.path.realpath(copy_dir)}, key=len)[::-1]
    absolute = re.compile("|".join(re.escape(p) + r"/?" for p in prefixes))
    relative = re.compile(rf"(?<![\w./-]){re.escape(MODULE)}/(?=[\w.-])")

    def rewrite(text):
        return relative.sub("", absolute.sub("", text))

    return rewrite


def main(argv):
    if "--" in argv:
        split = argv.index("--")
        command, files = argv[:split], argv[split + 1 :]
    else:
        command, files = argv, []
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    tool = shutil.which(command[0])
    if tool is None:
        print(f"lint_as_addon: {command[0]} is not installed", file=sys.stderr)
        return 127
    with tempfile.TemporaryDirectory(prefix="acg-lint-") as tmp:
        # An empty .git marks the top of the "repository" for oca-checks.
        (Path(tmp) / ".git").mkdir()
        copy_dir = Path(tmp) / MODULE
        copy_dir.mkdir()
        copy_addon(MODULE_DIR, copy_dir)
        mapped = []
        for name in files:
            path = Path(name)
            if path.is_absolute():
                path = path.resolve().relative_to(MODULE_DIR)
            mapped.append(path.as_posix())
        proc = subprocess.run(
            [tool, *command[1:], *mapped],
            cwd=copy_dir,
            capture_output=True,
            text=True,
            check=False,
        )
        rewrite = path_rewriter(copy_dir)
    sys.stdout.write(rewrite(proc.stdout))
    sys.stderr.write(rewrite(proc.stderr))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
