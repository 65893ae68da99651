"""The runner's Odoo set-up (dev/acg_dev/bootstrap.py) on small fake archives:
what it keeps in the cache when it succeeds, and that it keeps nothing when the
archive is wrong or the download breaks. The venv and Debian steps, which need
the real Odoo requirements, are left out here (the bootstrap part of tier 3 runs
them on the real archive)."""

import hashlib
import http.server
import io
import sys
import tarfile
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from acg_dev import bootstrap
from acg_dev.common import SetupError


def fake_odoo_archive(path, major=19):
    """A .tar.xz shaped like Odoo's: odoo-19.0/ with odoo-bin, odoo/release.py,
    requirements.txt."""
    files = {
        "odoo-19.0/odoo-bin": "#!/usr/bin/env python3\n",
        "odoo-19.0/odoo/release.py": f"version_info = ({major}, 0, 0, 'final', 0)\n",
        "odoo-19.0/requirements.txt": "cbor2==5.4.2 ; python_version < '3.12'\n",
        "odoo-19.0/addons/base_setup/__init__.py": "",
    }
    with tarfile.open(path, "w:xz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache, and the steps that need root or the real requirements
    replaced: Debian packages skipped, the venv a stand-in python."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("ODOO_ARCHIVE", "ODOO_ARCHIVE_SHA256"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(bootstrap, "debian_packages", lambda: None)

    def stand_in_venv(target):
        python = bootstrap.venv_python(target)
        python.parent.mkdir(parents=True)
        python.write_text("", encoding="utf-8")

    monkeypatch.setattr(bootstrap, "make_venv", stand_in_venv)
    return tmp_path / "cache" / "account_customer_group"


def cache_contents(cache):
    return sorted(p.name for p in cache.iterdir() if p.name != ".lock")


class Served:
    """Files served by a local HTTP server; `cut` sends half of the announced
    bytes and then closes, like a connection that breaks."""

    def __init__(self, directory, cut=False):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(directory), **kwargs)

            def log_message(self, *args):
                pass

            def copyfile(self, source, outputfile):
                data = source.read()
                outputfile.write(data[: len(data) // 2] if cut else data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, name):
        return f"http://127.0.0.1:{self.server.server_port}/{name}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_archive_over_http_is_set_up_once_and_reused(cache, tmp_path, monkeypatch):
    archive = fake_odoo_archive(tmp_path / "odoo.tar.xz")
    with Served(tmp_path) as served:
        monkeypatch.setenv("ODOO_ARCHIVE", served.url("odoo.tar.xz"))
        monkeypatch.setenv("ODOO_ARCHIVE_SHA256", sha256(archive))
        python = bootstrap.ensure_odoo()
    target = cache / "odoo-19.0"
    assert python == target / "venv" / "bin" / "python"
    assert cache_contents(cache) == ["odoo-19.0"]
    assert sorted(p.name for p in target.iterdir()) == ["READY", "src", "venv"]
    assert (target / "src" / "odoo-bin").is_file()
    assert (target / "src" / "addons" / "base_setup").is_dir()
    # The server is gone: a second run can only succeed from the cache.
    assert bootstrap.ensure_odoo() == python


def test_requirements_fix_is_applied_and_written_down():
    text = bootstrap.adjusted_requirements(
        "cbor2==5.4.2 ; python_version < '3.12'\n"
        "cbor2==5.6.2 ; python_version >= '3.12'\n"
    )
    lines = text.splitlines()
    assert "cbor2==5.6.5 ; python_version < '3.12'" in lines
    assert "cbor2==5.6.2 ; python_version >= '3.12'" in lines
    assert "cbor2==5.4.2" not in text
    assert any(line.startswith("# ") and "cbor2 5.4.2" in line for line in lines)


def test_bad_checksum_leaves_a_clean_cache(cache, tmp_path, monkeypatch):
    archive = fake_odoo_archive(tmp_path / "odoo.tar.xz")
    monkeypatch.setenv("ODOO_ARCHIVE", str(archive))
    monkeypatch.setenv("ODOO_ARCHIVE_SHA256", "0" * 64)
    with pytest.raises(SetupError, match=f"has sha256 {sha256(archive)}, but"):
        bootstrap.ensure_odoo()
    assert cache_contents(cache) == []


def test_missing_archive_leaves_a_clean_cache(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("ODOO_ARCHIVE", str(tmp_path / "nowhere.tar.xz"))
    with pytest.raises(SetupError, match="nowhere.tar.xz: no such file"):
        bootstrap.ensure_odoo()
    assert cache_contents(cache) == []


def test_interrupted_download_leaves_a_clean_cache(cache, tmp_path, monkeypatch):
    fake_odoo_archive(tmp_path / "odoo.tar.xz")
    with Served(tmp_path, cut=True) as served:
        monkeypatch.setenv("ODOO_ARCHIVE", served.url("odoo.tar.xz"))
        with pytest.raises(SetupError, match="download of .* (interrupted|failed)"):
            bootstrap.ensure_odoo()
    assert cache_contents(cache) == []


def test_missing_url_leaves_a_clean_cache(cache, tmp_path, monkeypatch):
    with Served(tmp_path) as served:
        monkeypatch.setenv("ODOO_ARCHIVE", served.url("absent.tar.xz"))
        with pytest.raises(SetupError, match="404"):
            bootstrap.ensure_odoo()
    assert cache_contents(cache) == []


def test_damaged_archive_leaves_a_clean_cache(cache, tmp_path, monkeypatch):
    archive = fake_odoo_archive(tmp_path / "odoo.tar.xz")
    archive.write_bytes(archive.read_bytes()[:-40])
    monkeypatch.setenv("ODOO_ARCHIVE", str(archive))
    with pytest.raises(SetupError, match="is not a readable source tarball"):
        bootstrap.ensure_odoo()
    assert cache_contents(cache) == []


def test_archive_of_another_odoo_is_refused(cache, tmp_path, monkeypatch):
    monkeypatch.setenv(
        "ODOO_ARCHIVE", str(fake_odoo_archive(tmp_path / "odoo18.tar.xz", major=18))
    )
    with pytest.raises(SetupError, match="is not Odoo 19.0"):
        bootstrap.ensure_odoo()
    assert cache_contents(cache) == []


def test_failed_install_leaves_a_clean_cache(cache, tmp_path, monkeypatch):
    def pip_fails(target):
        raise SetupError("pip could not install -r requirements.txt")

    monkeypatch.setattr(bootstrap, "make_venv", pip_fails)
    monkeypatch.setenv("ODOO_ARCHIVE", str(fake_odoo_archive(tmp_path / "o.tar.xz")))
    with pytest.raises(SetupError, match="pip could not install"):
        bootstrap.ensure_odoo()
    assert cache_contents(cache) == []


def test_incomplete_set_up_of_an_earlier_run_is_redone(cache, tmp_path, monkeypatch):
    leftover = cache / "odoo-19.0"
    (leftover / "src").mkdir(parents=True)
    (leftover / "src" / "half-unpacked").write_text("", encoding="utf-8")
    monkeypatch.setenv("ODOO_ARCHIVE", str(fake_odoo_archive(tmp_path / "o.tar.xz")))
    bootstrap.ensure_odoo()
    assert (leftover / "READY").is_file()
    assert not (leftover / "src" / "half-unpacked").exists()
    assert (leftover / "src" / "odoo-bin").is_file()
