"""Screenshot a page of a running Odoo as a logged-in user.

For the README and the Apps page.

Usage: python3 dev/screenshot.py URL_PATH OUT.png [--base http://127.0.0.1:8069]
       [--db NAME] [--login admin] [--password admin] [--width 1400] [--height 900]
       [--wait 4] [--click CSS_SELECTOR]

Needs Debian's chromium and the websocket-client package (both installed by the
test runner). Talks only to the Odoo on loopback.
"""

import argparse
import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import websocket


def login(base, db, user, password):
    payload = json.dumps(
        {"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": password}}
    ).encode()
    request = urllib.request.Request(
        f"{base}/web/session/authenticate",
        payload,
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.load(response)
        if body.get("error"):
            raise SystemExit(f"login failed: {body['error']['data']['message']}")
        for header in response.headers.get_all("Set-Cookie"):
            if header.startswith("session_id="):
                return header.split(";", 1)[0].split("=", 1)[1]
    raise SystemExit("login failed: no session cookie")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Chromium:
    def __init__(self, width, height):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="acg-chromium-")
        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = websocket.create_connection(self._page_socket(), timeout=60)
        self.next_id = 0

    def _page_socket(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/json", timeout=2
                ) as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("chromium did not start")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"{method}: {message['error']}")
                return message.get("result", {})

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("out")
    parser.add_argument("--base", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="acg_demo")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=4.0)
    parser.add_argument(
        "--click",
        help="CSS selector of an element to click once the page is loaded, e.g. a "
        "form's notebook tab: 'a[name=statistics]'",
    )
    args = parser.parse_args()

    session = login(args.base, args.db, args.login, args.password)
    browser = Chromium(args.width, args.height)
    try:
        host = urllib.request.urlparse(args.base).hostname
        browser.call("Network.enable")
        browser.call(
            "Network.setCookie", name="session_id", value=session, domain=host, path="/"
        )
        browser.call("Page.enable")
        browser.call("Page.navigate", url=args.base + args.path)
        time.sleep(args.wait)
        if args.click:
            found = browser.call(
                "Runtime.evaluate",
                expression=f"(e => e ? (e.click(), true) : false)"
                f"(document.querySelector({json.dumps(args.click)}))",
                returnByValue=True,
            )
            if not found.get("result", {}).get("value"):
                raise SystemExit(f"nothing on the page matches {args.click}")
            time.sleep(2)
        shot = browser.call("Page.captureScreenshot", format="png")
        with open(args.out, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
    finally:
        browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
