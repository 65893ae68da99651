"""Fuzz part of the integration suite: what the addon answers to calls it must refuse.

Every public method the addon adds, and every create and write of its models and
of the customer fields it adds, called over JSON-2 with values of the wrong type,
unknown ids and another company's ids, by the integration user, a billing clerk,
a manager of another company and a portal user. No call may end in a server
error (HTTP 500), none may change a record, and every refusal must say in words
what is wrong. Standard library only.
"""

import ast
from pathlib import Path

ADDON = Path(__file__).resolve().parents[2]
UNKNOWN_ID = 2_000_000_000
# Methods of the addon's models that are not reached over RPC as a user would
# call them: ORM entry points, tested by the create/write part, and the web
# client's own default_get.
ORM_METHODS = {"create", "write", "unlink", "copy", "default_get", "init"}
# A value of the wrong type for each kind of field, as an integration sends it.
WRONG_VALUES = {
    "char": ["DOM"],
    "text": {"text": 1},
    "html": ["<p>"],
    "float": "lots",
    "monetary": "lots",
    "integer": "many",
    "boolean": "yes",
    "selection": "no_such_choice",
    "many2one": "the group",
    "one2many": "lines",
    "many2many": "tags",
    "date": "soon",
    "datetime": "soon",
}
WRONG_ARGUMENTS = ("x" * 10000, ["a", 1], {"a": 1}, 10**15, True)


def addon_classes():
    """(model, kind, own, class node) of each model class of the addon: ``kind``
    the Odoo base class (Model, TransientModel, AbstractModel), ``own`` whether it
    defines the model rather than extends it."""
    found = []
    for path in sorted(
        [*ADDON.glob("models/**/*.py"), *ADDON.glob("wizards/*.py")]
        + [*ADDON.glob("report/*.py")]
    ):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
            attributes = {
                target.id: node.value
                for node in cls.body
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            own = attributes.get("_name")
            model = own or attributes.get("_inherit")
            if isinstance(model, ast.Tuple | ast.List):
                model = model.elts[0]
            if not isinstance(model, ast.Constant):
                continue
            kind = next(
                (base.attr for base in cls.bases if isinstance(base, ast.Attribute)),
                "Model",
            )
            found.append((model.value, kind, bool(own), cls))
    return found


def addon_methods():
    """(model, method, argument names, model-level) of each public method the
    addon adds: those of its own models, and new ones on the models it extends
    (an override, which calls super(), is Odoo's to answer)."""
    found = []
    for model, kind, own, cls in addon_classes():
        if kind == "AbstractModel":
            continue
        for function in cls.body:
            if (
                not isinstance(function, ast.FunctionDef)
                or function.name.startswith("_")
                or function.name in ORM_METHODS
                or _is_decorated(function, "private")
                or (not own and _calls_super(function))
            ):
                continue
            found.append(
                (
                    model,
                    function.name,
                    [arg.arg for arg in function.args.args[1:]],
                    _is_decorated(function, "model"),
                )
            )
    return found


def addon_fields(model):
    """The fields the addon declares on ``model`` (it extends res.partner with the
    customer's group settings), from its classes' ``name = fields.X(...)`` lines."""
    return {
        target.id
        for name, _kind, _own, cls in addon_classes()
        if name == model
        for node in cls.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
        and node.value.func.value.id == "fields"
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def addon_models():
    """The models whose create and write the fuzz tries: the addon's own (neither
    abstract nor SQL views, which no user may create), and res.partner for the
    customer fields the addon adds."""
    own = {
        model
        for model, kind, is_own, cls in addon_classes()
        if is_own and kind != "AbstractModel" and not _is_sql_view(cls)
    }
    return sorted(own | {"res.partner"})


def _is_sql_view(cls):
    return any(
        isinstance(node, ast.Assign)
        and any(getattr(target, "id", None) == "_auto" for target in node.targets)
        for node in cls.body
    )


def _is_decorated(function, name):
    return any(
        isinstance(decorator, ast.Attribute) and decorator.attr == name
        for decorator in function.decorator_list
    )


def _calls_super(function):
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "super"
        for node in ast.walk(function)
    )


class Fuzz:
    def __init__(self, clients):
        # clients: role -> protocols.Json2; "integration" reads the state around
        # each call.
        self.clients = clients
        self.tried = self.refused = self.accepted = 0
        self.problems = []
        self.fields = {}
        self.change_logged = {}
        self.partner_fields = addon_fields("res.partner")

    def post(self, who, model, method, **body):
        return self.clients[who].post(model, method, body)

    # -- what is there ------------------------------------------------------------
    def ids(self, model, who="integration"):
        status, ids = self.post(who, model, "search", domain=[], limit=1)
        return ids if status == 200 else []

    def logs_changes(self, model):
        if model not in self.change_logged:
            status, fields = self.post(
                "integration", model, "fields_get", attributes=["type"]
            )
            self.change_logged[model] = status == 200 and "write_date" in fields
        return self.change_logged[model]

    def writable_fields(self, model):
        if model not in self.fields:
            status, fields = self.post(
                "integration", model, "fields_get", attributes=["type", "readonly"]
            )
            self.fields[model] = (
                {
                    name: spec["type"]
                    for name, spec in fields.items()
                    if not spec.get("readonly")
                    and spec["type"] in WRONG_VALUES
                    and (model != "res.partner" or name in self.partner_fields)
                }
                if status == 200
                else {}
            )
        return self.fields[model]

    def state(self, models):
        """Each model's record count and last change, to tell a write."""
        state = {}
        for model in models:
            # An analysis drawn from a query has no last change of its own.
            stamp = "write_date" if self.logs_changes(model) else "id"
            status, rows = self.post(
                "integration",
                model,
                "search_read",
                domain=[],
                fields=[stamp],
                order=f"{stamp} desc",
                limit=1,
                context={"active_test": False},
            )
            _status, count = self.post(
                "integration",
                model,
                "search_count",
                domain=[],
                context={"active_test": False},
            )
            state[model] = (count, rows[:1] if status == 200 else None)
        return state

    # -- one call -------------------------------------------------------------------
    def call(self, who, model, method, **body):
        self.tried += 1
        before = self.state([model])
        status, answer = self.post(who, model, method, **body)
        where = f"{who} {model}.{method}({_short(body)})"
        if status >= 500:
            self.problems.append(
                f"server error {status} on {where}: {answer.get('name')}: "
                f"{_short(answer.get('message'))}"
            )
        elif status >= 400:
            self.refused += 1
            message = answer.get("message") or ""
            if not message.strip() or "Traceback" in message:
                self.problems.append(f"refusal without a message on {where}")
        else:
            self.accepted += 1
        if self.state([model]) != before:
            self.problems.append(f"{where} changed {model} (HTTP {status})")

    # -- the parts ------------------------------------------------------------------
    def methods(self):
        for model, method, arguments, model_level in addon_methods():
            own = self.ids(model)
            other = self.ids(model, "manager_b")
            for who in self.clients:
                variants = [[UNKNOWN_ID]]
                if who != "manager_b" and other:
                    variants.append(other)
                if who == "manager_b" and own:
                    variants.append(own)
                if who == "portal" and own:
                    variants.append(own)
                for ids in [None] if model_level else variants:
                    body = {} if ids is None else {"ids": ids}
                    self.call(who, model, method, **body, **_plausible(arguments))
                for argument in arguments:
                    for wrong in WRONG_ARGUMENTS:
                        body = {**_plausible(arguments), argument: wrong}
                        if not model_level and own:
                            body["ids"] = own
                        self.call(who, model, method, **body)

    def creates_and_writes(self, models):
        for model in models:
            own = self.ids(model)
            for name, kind in self.writable_fields(model).items():
                wrong = {name: WRONG_VALUES[kind]}
                self.call("integration", model, "create", vals_list=[wrong])
                if own:
                    self.call("integration", model, "write", ids=own, vals=wrong)
            # Any field will do: these users may not write the record at all.
            field = next(iter(self.writable_fields(model)), None)
            if not field:
                continue
            other = self.ids(model, "manager_b")
            for who in ("clerk", "portal"):
                if other:
                    self.call(who, model, "write", ids=other, vals={field: False})
            if own:
                self.call("portal", model, "write", ids=own, vals={field: False})
                self.call("manager_b", model, "write", ids=own, vals={field: False})

    def run(self):
        self.methods()
        self.creates_and_writes(addon_models())
        return self


def _plausible(arguments):
    """Values of the right shape for a method's arguments, so that the one made
    wrong is the one judged."""
    return {argument: [] for argument in arguments}


def _short(value, limit=80):
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
