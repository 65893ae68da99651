"""Put the plain rules module on the path without importing the Odoo package around it."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "models"))
