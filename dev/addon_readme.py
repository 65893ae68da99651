#!/usr/bin/env python3
"""Keep README.rst generated from readme/ and the manifest (a pre-commit hook).

    python3 dev/addon_readme.py --org-name ORG --repo-name REPO --branch 19.0

README.rst is OCA's addon README, made by `oca-gen-addon-readme` (OCA's
maintainer-tools) from the fragments of readme/ and __manifest__.py, with a
`!! source digest: sha256:...` line naming what it was made from.

Where `oca-gen-addon-readme` is installed, it is run with `--if-source-changed`
on this addon: README.rst is regenerated when its sources changed, and
pre-commit then fails because the hook changed a file (commit it). Elsewhere
(maintainer-tools is not on PyPI, and CI reaches PyPI only) the digest of the
sources is computed as OCA's tool does and compared with README.rst's. When they
differ only because the manifest changed since README.rst was last committed
(a data file, the version) and none of the keys README.rst shows did, it still
holds; a fragment changed, or a key it shows, without README.rst being
regenerated fails, saying how to regenerate it.

Standard library only.
"""

import argparse
import ast
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MODULE = "account_customer_group"
MODULE_DIR = Path(__file__).resolve().parent.parent
GENERATOR = "oca-gen-addon-readme"
# The manifest keys OCA's README template shows (title, badges, credits).
SHOWN_KEYS = ("name", "author", "license", "development_status", "maintainers")
DIGEST_RE = re.compile(r"!! source digest: (sha256:[0-9a-f]+)")
INSTALL_HINT = (
    "pip install 'oca-maintainers-tools @ "
    "git+https://github.com/OCA/maintainer-tools' pypandoc-binary"
)


def source_files(module_dir):
    """The manifest, then readme/ walked in name order, dotfiles left out:
    the order in which OCA's tool hashes them."""
    yield "__manifest__.py"
    readme = module_dir / "readme"
    for root, dirs, names in os.walk(readme):
        dirs.sort()
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(root, name).relative_to(module_dir).as_posix()


def source_digest(module_dir, manifest=None):
    """OCA's digest of the sources; `manifest` (bytes) stands for the
    manifest's current text when given."""
    digest = hashlib.sha256()
    for name in source_files(module_dir):
        # The name counts too, so that an empty fragment changes the digest.
        digest.update(name.encode())
        if manifest is not None and name == "__manifest__.py":
            digest.update(manifest)
        else:
            digest.update((module_dir / name).read_bytes())
    return f"sha256:{digest.hexdigest()}"


def git_output(module_dir, *args):
    proc = subprocess.run(
        ["git", *args], cwd=module_dir, capture_output=True, check=False
    )
    return proc.stdout if proc.returncode == 0 else None


def generated_manifest(module_dir, recorded):
    """The manifest README.rst was generated from, when the fragments are the
    ones it was generated from: the manifest of the last commit that changed
    README.rst, if its digest with today's fragments is the recorded one."""
    commit = git_output(module_dir, "log", "-1", "--format=%H", "--", "README.rst")
    if not commit or not commit.strip():
        return None
    manifest = git_output(
        module_dir, "show", f"{commit.decode().strip()}:__manifest__.py"
    )
    if manifest is None or source_digest(module_dir, manifest) != recorded:
        return None
    return ast.literal_eval(manifest.decode())


def check_digest(module_dir):
    readme = module_dir / "README.rst"
    if not readme.is_file():
        recorded = None
    else:
        match = DIGEST_RE.search(readme.read_text(encoding="utf-8"))
        recorded = match.group(1) if match else None
    expected = source_digest(module_dir)
    if recorded == expected:
        return 0
    if recorded:
        before = generated_manifest(module_dir, recorded)
        if before is not None:
            now = ast.literal_eval(
                (module_dir / "__manifest__.py").read_text(encoding="utf-8")
            )
            changed = [key for key in SHOWN_KEYS if before.get(key) != now.get(key)]
            if not changed:
                return 0
            print(f"The manifest's {', '.join(changed)} changed since README.rst.")
    print(
        "README.rst was not generated from the current readme/ fragments and "
        f"__manifest__.py (digest {recorded or 'missing'}, sources {expected}).\n"
        f"Install {GENERATOR} ({INSTALL_HINT}), then regenerate it with "
        f"`pre-commit run {GENERATOR} --all-files`, and commit it."
    )
    return 1


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--org-name", required=True)
    parser.add_argument("--repo-name", required=True)
    parser.add_argument("--branch", required=True)
    args = parser.parse_args(argv)
    generator = shutil.which(GENERATOR)
    if not generator:
        return check_digest(MODULE_DIR)
    with tempfile.TemporaryDirectory(prefix="acg-readme-") as tmp:
        # OCA's tool names the addon after its folder: a link named after the
        # addon, whatever the checkout's folder is called.
        link = Path(tmp) / MODULE
        link.symlink_to(MODULE_DIR, target_is_directory=True)
        command = [
            generator,
            f"--addon-dir={link}",
            f"--org-name={args.org_name}",
            f"--repo-name={args.repo_name}",
            f"--branch={args.branch}",
            "--if-source-changed",
        ]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
