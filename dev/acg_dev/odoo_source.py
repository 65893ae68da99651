"""Odoo's source for the set-up (bootstrap.py): ODOO_ARCHIVE (a path or URL,
checked against ODOO_ARCHIVE_SHA256 when that is set), else a shallow clone of the
19.0 branch, else the nightly source tarball, unpacked with its progress shown."""

import hashlib
import http.client
import os
import re
import shutil
import subprocess
import tarfile
import urllib.parse
import urllib.request
from pathlib import Path

from .common import SetupError, run, say

SERIES = "19.0"
NIGHTLY_URL = (
    f"https://nightly.odoo.com/{SERIES}/nightly/src/odoo_{SERIES}.latest.tar.gz"
)
GIT_URL = "https://github.com/odoo/odoo"


def fetch_source(target):
    """Odoo's source into target/src; returns (where it came from, its sha256)."""
    archive = os.environ.get("ODOO_ARCHIVE", "").strip()
    wanted = os.environ.get("ODOO_ARCHIVE_SHA256", "").strip().lower() or None
    if archive:
        return unpack_archive(archive, wanted, target), wanted or ""
    if wanted:
        raise SetupError("ODOO_ARCHIVE_SHA256 is set but ODOO_ARCHIVE is not")
    if shutil.which("git"):
        say(f"  ODOO_ARCHIVE not set: shallow clone of {GIT_URL} branch {SERIES}")
        cmd = ["git", "clone", "--depth", "1", "--branch", SERIES, "--progress"]
        if run([*cmd, GIT_URL, target / "src"]).returncode == 0:
            return f"git clone {GIT_URL} -b {SERIES}", ""
        shutil.rmtree(target / "src", ignore_errors=True)
        say("  git clone failed: trying the nightly source tarball")
    else:
        say(f"  ODOO_ARCHIVE not set and no git: the nightly tarball {NIGHTLY_URL}")
    try:
        return unpack_archive(NIGHTLY_URL, None, target), ""
    except SetupError as err:
        raise SetupError(
            f"{err}\nWithout internet access, point ODOO_ARCHIVE at an Odoo {SERIES} "
            "Community source tarball (a path or URL)."
        ) from None


def unpack_archive(archive, wanted, target):
    parsed = urllib.parse.urlparse(archive)
    if parsed.scheme in ("http", "https", "ftp"):
        path = target / "download.tar"
        sha256 = download(archive, path)
    else:
        path = Path(parsed.path if parsed.scheme == "file" else archive).expanduser()
        if not path.is_file():
            raise SetupError(f"ODOO_ARCHIVE={archive}: no such file")
        sha256 = file_sha256(path) if wanted else None
    if wanted and sha256 != wanted:
        raise SetupError(
            f"{archive} has sha256 {sha256}, but ODOO_ARCHIVE_SHA256 is {wanted}: "
            "a damaged or different archive"
        )
    if wanted:
        say(f"  sha256 {sha256}: as ODOO_ARCHIVE_SHA256 says")
    extract(path, target)
    if path.parent == target:
        path.unlink()
    return archive


def megabytes(size):
    return f"{size / 1e6:.1f} MB"


class Progress:
    """Percent lines every 10%, or every 10 MB when the total is unknown."""

    def __init__(self, what, total):
        self.what, self.total, self.shown = what, total, -1

    def update(self, done):
        step = done * 10 // self.total if self.total else done // 10_000_000
        if step > self.shown:
            self.shown = step
            if self.total:
                say(
                    f"  {self.what}: {min(step * 10, 100)}% "
                    f"({megabytes(done)} of {megabytes(self.total)})"
                )
            else:
                say(f"  {self.what}: {megabytes(done)}")


def download(url, path):
    say(f"  downloading {url}")
    digest = hashlib.sha256()
    try:
        with (
            urllib.request.urlopen(url, timeout=60) as response,
            path.open("wb") as out,
        ):
            total = int(response.headers.get("Content-Length") or 0)
            progress = Progress("download", total)
            done = 0
            while chunk := response.read(1 << 20):
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                progress.update(done)
    except (OSError, ValueError, http.client.HTTPException) as err:
        # IncompleteRead, a connection cut short, is an HTTPException.
        raise SetupError(f"download of {url} failed: {err}") from None
    if total and done != total:
        raise SetupError(
            f"download of {url} was interrupted: {done} of {total} bytes received"
        )
    return digest.hexdigest()


def file_sha256(path):
    digest = hashlib.sha256()
    progress = Progress("checksum", path.stat().st_size)
    done = 0
    with path.open("rb") as archive:
        while chunk := archive.read(1 << 20):
            digest.update(chunk)
            done += len(chunk)
            progress.update(done)
    return digest.hexdigest()


class CountingReader:
    def __init__(self, raw, progress):
        self.raw, self.progress, self.done = raw, progress, 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.done += len(data)
        self.progress.update(self.done)
        return data


# The compressions Odoo's tarballs come in, by their first bytes, and tar's flag.
TAR_FLAGS = ((b"\xfd7zXZ\x00", "-J"), (b"\x1f\x8b", "-z"), (b"BZh", "-j"))


def tar_flag(path):
    with path.open("rb") as archive:
        start = archive.read(6)
    return next((flag for magic, flag in TAR_FLAGS if start.startswith(magic)), None)


def untar(path, scratch, flag, progress):
    """The system's tar unpacks Odoo's 45,000 files about twice as fast as
    tarfile; the archive is fed through a pipe to count the progress."""
    cmd = ["tar", "-x", flag, "--no-same-owner", "-C", str(scratch)]
    with subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
    ) as tar:
        done = 0
        try:
            with path.open("rb") as archive:
                while chunk := archive.read(1 << 20):
                    tar.stdin.write(chunk)
                    done += len(chunk)
                    progress.update(done)
            tar.stdin.close()
        except BrokenPipeError:
            pass  # tar stopped early: its exit code and message say why
        error = tar.stderr.read().decode(errors="replace").strip()
        if tar.wait():
            raise SetupError(f"{path} is not a readable source tarball: {error}")


def extract(path, target):
    """Unpack into a scratch folder, then move its one Odoo tree to target/src."""
    scratch = target / "unpack"
    scratch.mkdir()
    progress = Progress("unpacking", path.stat().st_size)
    flag = tar_flag(path)
    if flag is not None and shutil.which("tar"):
        untar(path, scratch, flag, progress)
    else:
        extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        try:
            with (
                path.open("rb") as raw,
                tarfile.open(fileobj=CountingReader(raw, progress), mode="r|*") as tar,
            ):
                tar.extractall(scratch, **extra)
        except (OSError, EOFError, tarfile.TarError) as err:
            raise SetupError(
                f"{path} is not a readable source tarball: {err}"
            ) from None
    trees = [p.parent for p in scratch.glob("*/odoo-bin")] + (
        [scratch] if (scratch / "odoo-bin").is_file() else []
    )
    if len(trees) != 1:
        raise SetupError(f"{path} does not hold one Odoo source tree (odoo-bin)")
    release = trees[0] / "odoo" / "release.py"
    major = re.search(
        r"^version_info = \((\d+),",
        release.read_text(encoding="utf-8") if release.is_file() else "",
        re.MULTILINE,
    )
    if not major or major.group(1) != SERIES.split(".")[0]:
        raise SetupError(f"{path} is not Odoo {SERIES}")
    trees[0].rename(target / "src")
    shutil.rmtree(scratch)
