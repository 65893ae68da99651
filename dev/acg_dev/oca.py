"""OCA's addons from PyPI: the pinned wheels of dev/requirements-oca.txt, their
addons unpacked into the cache once for each set of pins, and their Python
requirements installed into the runner's environment."""

import email.parser
import hashlib
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from .bootstrap import SERIES, cache_lock, cache_root
from .common import DEV_DIR, SetupError, pinned_requirements, pip_install, run, say

OCA_REQUIREMENTS = DEV_DIR / "requirements-oca.txt"
ADDONS_IN_WHEEL = Path("odoo") / "addons"


def oca_addons():
    """(folder holding the OCA addons, their technical names), fetched when the pins
    changed."""
    pins = pinned_requirements(OCA_REQUIREMENTS)
    digest = hashlib.sha256(repr(sorted(pins)).encode()).hexdigest()[:12]
    base = cache_root() / f"oca-{SERIES}"
    base.mkdir(parents=True, exist_ok=True)
    target = base / digest
    with cache_lock(base):
        if not (target / ".ready").exists():
            shutil.rmtree(target, ignore_errors=True)
            fetch(pins, target)
    names = sorted(p.parent.name for p in target.glob("*/__manifest__.py"))
    return target, names


def oca_addons_path(work):
    """(a folder of the work dir linking the addon, its bridges and OCA's addons, the
    first entry of the addons path of a run with OCA's addons; OCA's folder; their
    names)."""
    oca_dir, names = oca_addons()
    addons = work / "addons-oca"
    addons.mkdir()
    for folder in [*(work / "addons").iterdir(), *map(oca_dir.joinpath, names)]:
        (addons / folder.name).symlink_to(folder.resolve())
    return addons, oca_dir, names


def fetch(pins, target):
    say(f"OCA's addons: downloading {len(pins)} wheels from PyPI into {target}")
    with tempfile.TemporaryDirectory() as wheels:
        command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps"]
        command += ["-d", wheels, *(f"{name}=={version}" for name, version in pins)]
        if run(command).returncode:
            raise SetupError(
                "pip could not download OCA's wheels of dev/requirements-oca.txt "
                "(no access to PyPI?)"
            )
        requirements = set()
        target.mkdir()
        for wheel in sorted(Path(wheels).glob("*.whl")):
            with zipfile.ZipFile(wheel) as archive:
                for member in archive.namelist():
                    path = Path(member)
                    if path.parts[:2] == ADDONS_IN_WHEEL.parts and len(path.parts) > 3:
                        archive.extract(member, target / "_unpacked")
                    elif path.name == "METADATA":
                        requirements |= python_requirements(archive.read(member))
        for addon in (target / "_unpacked" / ADDONS_IN_WHEEL).iterdir():
            addon.rename(target / addon.name)
        shutil.rmtree(target / "_unpacked")
    if requirements:
        say(f"Their Python requirements: {', '.join(sorted(requirements))}")
        pip_install(*sorted(requirements))
    (target / ".ready").write_text("\n".join(f"{n}=={v}" for n, v in pins) + "\n")


def python_requirements(metadata):
    """The Requires-Dist of a wheel's METADATA that PyPI can satisfy: not Odoo, and
    not the other OCA addons (downloaded by their own pins)."""
    message = email.parser.BytesParser().parsebytes(metadata)
    wanted = set()
    for requirement in message.get_all("Requires-Dist") or []:
        name = requirement.split(";")[0].strip()
        bare = name.split("=")[0].split("<")[0].split(">")[0].strip().lower()
        if bare != "odoo" and not bare.startswith("odoo-addon-"):
            wanted.add(name)
    return wanted
