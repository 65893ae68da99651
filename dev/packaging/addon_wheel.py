"""PEP 517 build backend: whool's, for this repository whose root is the addon.

whool names the addon after the folder it builds and packs every file git
tracks there. A checkout may have any folder name, and git here also tracks the
runner, the benchmarks, the bridge modules and the linters' settings, which are
no part of the addon: the wheel is built through a link named after the addon,
then those files are taken out of it. Each bridge builds its own wheel with
plain whool (bridges/*/pyproject.toml).
"""

import base64
import contextlib
import csv
import hashlib
import io
import tempfile
import zipfile
from pathlib import Path

from whool import buildapi

ADDON = "account_customer_group"
ADDON_PATH = f"odoo/addons/{ADDON}/"
# Relative to the addon: folders and root files that are the repository's, not
# the addon's (README.rst, the addon's README, stays).
EXCLUDED_FOLDERS = (".ci", "bench", "bridges", "dev")
EXCLUDED_ROOT_FILES = ("CONTRIBUTING.md", "README.md")


def _excluded(name):
    if not name.startswith(ADDON_PATH):
        return False
    relative = name[len(ADDON_PATH) :]
    top, _, rest = relative.partition("/")
    if rest:
        return top in EXCLUDED_FOLDERS
    return top.startswith(".") or top in EXCLUDED_ROOT_FILES


@contextlib.contextmanager
def _addon_dir():
    source = Path.cwd()
    if source.name == ADDON:
        yield source
        return
    with tempfile.TemporaryDirectory() as tmp:
        link = Path(tmp) / ADDON
        link.symlink_to(source, target_is_directory=True)
        yield link


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return [name, f"sha256={digest.decode()}", str(len(data))]


def _strip_wheel(path):
    """Rewrite the wheel without the excluded files, RECORD to match."""
    with zipfile.ZipFile(path) as wheel:
        kept = [
            (info, wheel.read(info))
            for info in wheel.infolist()
            if not _excluded(info.filename)
        ]
    record_name = next(
        info.filename
        for info, _data in kept
        if info.filename.endswith(".dist-info/RECORD")
    )
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for info, data in kept:
        if info.filename != record_name:
            writer.writerow(_record_line(info.filename, data))
    writer.writerow([record_name, "", ""])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for info, data in kept:
            if info.filename == record_name:
                data = record.getvalue().encode()
            wheel.writestr(info, data)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    with _addon_dir() as addon_dir:
        name = buildapi._build_wheel(addon_dir, Path(wheel_directory), editable=False)
    _strip_wheel(Path(wheel_directory) / name)
    return name


def build_sdist(sdist_directory, config_settings=None):
    with _addon_dir() as addon_dir:
        return buildapi._build_sdist(addon_dir, Path(sdist_directory))


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    with _addon_dir() as addon_dir:
        metadata = buildapi._get_metadata(addon_dir)
    return buildapi._make_dist_info(metadata, Path(metadata_directory))
