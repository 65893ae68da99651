#!/usr/bin/env python3
"""Test and run tooling for the account_customer_group Odoo 19 addon.

    python3 dev/runner.py test  [--tier 1,2,3] [--skip rpc,concur,upgrade] [--keep]
    python3 dev/runner.py serve [--port 8069] [--init-only] [--keep]

The work is done by the package next to this file, dev/acg_dev/ (standard
library only); see `python3 dev/runner.py --help`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from acg_dev.cli import main

if __name__ == "__main__":
    sys.exit(main())
