"""Uninstall the addon (dev/acg_dev/tier_lifecycle.py runs it in `odoo-bin shell`)."""

import os
import sys

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

module = env["ir.module.module"].search(
    [("name", "=", os.environ["ACG_LIFECYCLE_MODULE"])]
)
module.button_immediate_uninstall()
env.cr.commit()
state = env["ir.module.module"].search([("name", "=", module.name)]).state
ok = state == "uninstalled"
sys.stdout.write(f"{module.name} {state}\n{int(ok)} passed, {int(not ok)} failed\n")
