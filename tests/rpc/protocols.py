"""The two ways a partner system calls Odoo 19: XML-RPC (`/xmlrpc/2`, deprecated
in Odoo 19) and JSON-2 (`/json/2/<model>/<method>` with a bearer API key), behind
one `call(model, method, ids=None, **kwargs)`, and the checks the scenarios use."""

import json
import typing
import urllib.error
import urllib.request
import xmlrpc.client


class RemoteError(Exception):
    """An error Odoo answered with: its exception class name and message."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class XmlRpc:
    transport = "XML-RPC"
    # Odoo's XML-RPC fault codes (addons/rpc/controllers/xmlrpc.py).
    fault_names: typing.ClassVar[dict[int, str]] = {
        2: "UserError/ValidationError",
        3: "AccessDenied",
        4: "AccessError",
    }

    def __init__(self, url, db, login, password):
        self.db, self.password = db, password
        self.models = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", allow_none=True
        )
        self.uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
            db, login, password, {}
        )
        if not self.uid:
            raise RemoteError("AccessDenied", f"cannot log in as {login}")

    def call(self, model, method, ids=None, **kwargs):
        args = [ids] if ids is not None else []
        if method == "create":
            # XML-RPC's create takes its values positionally; JSON-2 names every
            # argument.
            args.append(kwargs.pop("vals_list"))
        try:
            return self.models.execute_kw(
                self.db, self.uid, self.password, model, method, args, kwargs
            )
        except xmlrpc.client.Fault as fault:
            raise RemoteError(
                self.fault_names.get(fault.faultCode, "Fault"), fault.faultString
            ) from None


class Json2:
    transport = "JSON-2"

    def __init__(self, url, db, api_key):
        self.url, self.db, self.api_key = url, db, api_key

    def call(self, model, method, ids=None, **kwargs):
        body = dict(kwargs)
        if ids is not None:
            body["ids"] = ids
        status, payload = self.post(model, method, body)
        if status >= 400:
            raise RemoteError(
                payload.get("name", str(status)), payload.get("message", "")
            )
        return payload

    def post(self, model, method, body):
        """``(HTTP status, answer)`` of one call: a refusal is 4xx, a crash 500."""
        request = urllib.request.Request(
            f"{self.url}/json/2/{model}/{method}",
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"bearer {self.api_key}",
                "X-Odoo-Database": self.db,
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


def expect_error(call, name_part, message_part):
    try:
        call()
    except RemoteError as error:
        if name_part not in error.name or message_part not in str(error):
            raise AssertionError(
                f"expected {name_part} mentioning {message_part!r}, got {error}"
            ) from None
        return
    raise AssertionError(f"expected {name_part}, but the call succeeded")


def check(condition, message):
    if not condition:
        raise AssertionError(message)
