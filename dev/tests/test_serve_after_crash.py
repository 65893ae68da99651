"""`serve --data DIR` after a serve killed with SIGKILL (dev/acg_dev/kept_data.py,
serve.py), without Odoo: the killed serve's PostgreSQL cluster is still running and
a stand-in for its Odoo, started with Odoo's `--data-dir DIR/odoo-data`, still holds
the HTTP port. The next serve must stop both and get the port back."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

DEV_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(DEV_DIR))

from acg_dev import kept_data, serve
from acg_dev.common import SetupError, free_port, port_is_free

HAS_POSTGRESQL = bool(
    shutil.which("initdb") or glob.glob("/usr/lib/postgresql/*/bin/initdb")
)

# A stand-in for the Odoo a serve of DIR runs: it listens on the HTTP port (sys.argv[1])
# and, like prefork workers, shrugs SIGTERM off when told to (sys.argv[2]).
STAND_IN = textwrap.dedent(
    """
    import signal, socket, sys, time
    if sys.argv[2] == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", int(sys.argv[1])))
    sock.listen()
    print("listening", flush=True)
    time.sleep(600)
    """
)

# A serve of DIR killed while serving: its cluster started, its "Odoo" running.
KILLED_SERVE = textwrap.dedent(
    """
    import subprocess, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from acg_dev.kept_data import kept_sandbox
    data = Path(sys.argv[2])
    with kept_sandbox(Path(sys.argv[1]).parent, data):
        subprocess.Popen([sys.executable, "-c", sys.argv[3], sys.argv[4], "calm",
                          "--data-dir", str(data / "odoo-data")])
        print("serving", flush=True)
        time.sleep(600)
    """
)


@pytest.fixture
def data_dir():
    """A --data folder the cluster's user (postgres, when run as root) can reach:
    pytest's own temporary folders are private to their user."""
    top = Path(tempfile.mkdtemp(prefix="acg-serve-test-", dir="/tmp"))
    os.chmod(top, 0o711)
    yield top / "data"
    for pid in kept_data.leftover_odoo(top / "data"):
        os.kill(pid, signal.SIGKILL)
    cluster_dir = top / "data" / "pg"
    if (cluster_dir / "data" / "PG_VERSION").is_file():
        kept_data.KeptCluster(cluster_dir).stop()
    shutil.rmtree(top, ignore_errors=True)


def stand_in_odoo(data_dir, port, how="calm"):
    proc = subprocess.Popen(
        [sys.executable, "-c", STAND_IN, str(port), how]
        + ["--data-dir", str(data_dir / "odoo-data")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "listening"
    return proc


def test_port_left_in_time_wait_is_free():
    """A stopped server's connections stay in TIME_WAIT for a minute: Odoo binds
    with SO_REUSEADDR and gets the port, so the port counts as free."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _address = server.accept()
    accepted.close()  # the server's side closes first: its end waits in TIME_WAIT
    server.close()
    client.close()
    assert port_is_free(port)


def test_busy_port_is_waited_for_then_another_is_picked(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        other = serve.serving_port(port, wait=1)
        assert other != port
        assert port_is_free(other)
        assert f"serving on port {other} instead" in capsys.readouterr().out
    assert serve.serving_port(port, wait=1) == port


def test_leftover_odoo_is_stopped_even_when_it_ignores_sigterm(data_dir):
    data_dir.mkdir()
    port = free_port()
    calm = stand_in_odoo(data_dir, port)
    stubborn = stand_in_odoo(data_dir, free_port(), "stubborn")
    unrelated = stand_in_odoo(data_dir.parent / "other", free_port())
    try:
        assert set(kept_data.leftover_odoo(data_dir)) == {calm.pid, stubborn.pid}
        started = time.monotonic()
        kept_data.stop_leftover_odoo(data_dir, timeout=1)
        assert time.monotonic() - started < 10
        assert calm.wait(5) == -signal.SIGTERM
        assert stubborn.wait(5) == -signal.SIGKILL
        assert unrelated.poll() is None
        assert port_is_free(port)
    finally:
        unrelated.kill()
        unrelated.wait()


def test_serve_still_running_is_not_disturbed(data_dir):
    data_dir.mkdir()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        (data_dir / kept_data.SERVING).write_text(
            f"{other.pid} {kept_data.process_start_time(other.pid)}\n",
            encoding="utf-8",
        )
        refused = pytest.raises(SetupError, match=f"running \\(pid {other.pid}\\)")
        with refused, kept_data.serving(data_dir):
            pass
    finally:
        other.kill()
        other.wait()
    # Once that serve is gone, its mark is stale.
    with kept_data.serving(data_dir):
        assert kept_data.running_serve(data_dir) is None
    assert not (data_dir / kept_data.SERVING).exists()


@pytest.mark.skipif(not HAS_POSTGRESQL, reason="PostgreSQL server binaries missing")
def test_serve_after_a_serve_killed_with_sigkill(data_dir):
    port = free_port()
    killed = subprocess.Popen(
        [sys.executable, "-c", KILLED_SERVE, str(DEV_DIR), str(data_dir), STAND_IN]
        + [str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    said = []
    for line in killed.stdout:  # what it says until it serves (or fails)
        said.append(line.rstrip())
        if said[-1] == "serving":
            break
    assert said[-1:] == ["serving"], "\n".join(said)
    deadline = time.monotonic() + 10
    while port_is_free(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    cluster = kept_data.KeptCluster(data_dir / "pg")
    assert cluster.is_running(), "the killed serve's cluster is left running"
    assert kept_data.leftover_odoo(data_dir), "and its Odoo"
    assert not port_is_free(port)

    with kept_data.kept_sandbox(DEV_DIR.parent, data_dir) as (_work, again, _done):
        assert again.is_running()
        assert again.port == cluster.port
        assert not kept_data.leftover_odoo(data_dir)
        assert serve.serving_port(port, wait=5) == port
    assert not again.is_running()
