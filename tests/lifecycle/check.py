"""After the uninstall: the customers' receivable accounts, payment terms and fiscal
positions are those they had before the addon was installed."""

import importlib.util
import json
import os
import sys
from pathlib import Path

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

path = Path(os.environ["ACG_LIFECYCLE_DIR"]) / "common.py"
spec = importlib.util.spec_from_file_location("acg_lifecycle_common", path)
common = importlib.util.module_from_spec(spec)
spec.loader.exec_module(common)
before = json.loads(Path(os.environ["ACG_LIFECYCLE_JSON"]).read_text(encoding="utf-8"))
after = common.invoicing_settings(env)
differences = [
    f"{name}: before {before.get(name)}, after {after.get(name)}"
    for name in sorted(set(before) | set(after))
    if before.get(name) != after.get(name)
]
for difference in differences:
    sys.stdout.write(f"DIFFERENCE {difference}\n")
sys.stdout.write(
    f"{len(before) - len(differences)} passed, {len(differences)} failed\n"
)
