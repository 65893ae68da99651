"""After the uninstall: the customers' receivable accounts, payment terms and fiscal
positions are those they had before the addon was installed, and none of the addon's
database functions is left."""

import importlib
import json
import os
import sys
from pathlib import Path

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

sys.path.insert(0, os.environ["ACG_LIFECYCLE_DIR"])
common = importlib.import_module("common")
before = json.loads(Path(os.environ["ACG_LIFECYCLE_JSON"]).read_text(encoding="utf-8"))
after = common.invoicing_settings(env)
differences = [
    f"{name}: before {before.get(name)}, after {after.get(name)}"
    for name in sorted(set(before) | set(after))
    if before.get(name) != after.get(name)
]
env.cr.execute(
    r"SELECT proname FROM pg_proc WHERE proname LIKE 'account\_customer\_group%'"
)
leftovers = [name for (name,) in env.cr.fetchall()]
for difference in differences:
    sys.stdout.write(f"DIFFERENCE {difference}\n")
for name in leftovers:
    sys.stdout.write(f"DIFFERENCE function {name} left after the uninstall\n")
passed = len(before) - len(differences) + (0 if leftovers else 1)
failed = len(differences) + (1 if leftovers else 0)
sys.stdout.write(f"{passed} passed, {failed} failed\n")
