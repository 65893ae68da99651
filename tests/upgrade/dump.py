"""Before the upgrade: write the snapshot of what it must keep.

Run through `odoo-bin shell` (`env` is given by the shell) on the database of
the older release once it is populated, by its own populate script or by
populate.py. ACG_UPGRADE_DIR names this folder, ACG_UPGRADE_JSON the file to
write; check.py reads it after the upgrade.
"""

import importlib
import json
import os
import sys

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

sys.path.insert(0, os.environ["ACG_UPGRADE_DIR"])
snapshot = importlib.import_module("snapshot")

data = snapshot.snapshot(env)
with open(os.environ["ACG_UPGRADE_JSON"], "w", encoding="utf-8") as handle:
    json.dump(data, handle, indent=1, sort_keys=True)
# The shell's stdout is what the runner reads (pylint-odoo frowns on print).
sys.stdout.write(
    f"snapshot of {snapshot.installed_version(env)}: "
    f"{len(data['customers'])} customers, {len(data['groups'])} groups, "
    f"{len(data['documents'])} journal entries, "
    f"{len(data['statistics'])} statistics rows, "
    f"{len(data['adjustments'])} adjustments; written to {handle.name}\n"
)
if len(data["statistics"]) < 3 or len(data["customers"]) != 3:
    sys.stderr.write("dump: fewer statistics rows or customers than populated\n")
    sys.exit(1)
