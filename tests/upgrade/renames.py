"""Fields each release renamed: release -> model -> {old name: new name}.

The one place tests/upgrade/ knows the renames, read from the migration that does
them: the snapshot and populate.py name fields as the working tree does and read
or write them under the names of the release installed in the database,
`names_at(its version)`; a value a migration loses fails the check.
19.0.1.2.0 to 19.0.1.4.0 rename nothing.
"""

import runpy
from pathlib import Path

# A release folder's name is no Python name: its migration is read by path.
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

RENAMES = {
    "19.0.1.1.0": runpy.run_path(MIGRATIONS / "19.0.1.1.0" / "pre-migration.py")[
        "RENAMED_FIELDS"
    ],
}


def _key(version):
    return tuple(int(part) for part in version.split("."))


def names_at(version):
    """model -> {name now: name at `version`}: every later release's renames undone,
    newest first."""
    names = {}
    for release in sorted(RENAMES, key=_key, reverse=True):
        if _key(release) <= _key(version):
            break
        for model, renamed in RENAMES[release].items():
            mapping = names.setdefault(model, {})
            for old, new in renamed.items():
                current = next((now for now, at in mapping.items() if at == new), new)
                mapping[current] = old
    return names
