"""The OCA wheels' Python requirements (dev/acg_dev/oca.py): what PyPI can give is
installed, Odoo itself and the other OCA addons are not asked of it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from acg_dev.oca import python_requirements

METADATA = b"""Metadata-Version: 2.1
Name: odoo-addon-queue_job
Version: 19.0.2.4.0.1
Requires-Dist: odoo-addon-base_sparse_field==19.0.*
Requires-Dist: odoo==19.0.*
Requires-Dist: openupgradelib
Requires-Dist: requests>=2.25 ; python_version >= "3.8"
Summary: Job Queue

Long description.
"""


def test_only_what_pypi_can_give():
    assert python_requirements(METADATA) == {"openupgradelib", "requests>=2.25"}


def test_no_requirement():
    assert python_requirements(b"Metadata-Version: 2.1\nName: x\n\n") == set()
