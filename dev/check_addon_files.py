#!/usr/bin/env python3
"""The addon's data-file checks that no OCA tool makes (a pre-commit hook).

    python3 dev/check_addon_files.py

Checked by the tools, and so not here: XML syntax (oca-checks-odoo-module
`xml-syntax-error`), manifest keys, version and licence (pylint-odoo), files the
manifest lists but that do not exist (pylint-odoo `resource-not-exist`), listed
twice (`manifest-data-duplicated`), data files at the top of views/, data/ ...
that the manifest does not list (oca-checks `file-not-used`), CSV syntax and
duplicate ids (oca-checks `csv-*`).

Left to this script:
- `file-not-used` only looks one level down (views/x.xml); an XML or CSV file
  further down (views/sub/x.xml) that the manifest does not list is never
  loaded either.
- security/ir.model.access.csv must have Odoo's header and every row its eight
  columns: the tools only parse it; Odoo would refuse it at install.
- every tests/test_*.py of the addon and of each bridge is imported by its
  tests/__init__.py: Odoo runs only the test modules imported there, and a file
  left out passes without ever running.
Exits 1 and names each problem; standard library only.
"""

import ast
import csv
import sys
from pathlib import Path

MODULE_DIR = Path(__file__).resolve().parent.parent
# Folders whose XML/CSV files Odoo only loads when the manifest lists them
# (the list oca-checks-odoo-module uses for `file-not-used`).
DATA_DIRS = (
    "data",
    "datas",
    "demo",
    "demos",
    "report",
    "reports",
    "security",
    "template",
    "templates",
    "view",
    "views",
    "wizard",
    "wizards",
)
ACCESS_CSV_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]


def nested_files_not_listed(module_dir, manifest):
    listed = set()
    for key in ("data", "demo"):
        listed.update(manifest.get(key) or [])
    listed.update(manifest.get("oca_data_manual") or [])
    problems = []
    for folder in DATA_DIRS:
        for path in sorted((module_dir / folder).glob("*/**/*")):
            name = path.relative_to(module_dir).as_posix()
            if (
                path.is_file()
                and path.suffix.lower() in (".xml", ".csv")
                and name not in listed
            ):
                problems.append(
                    f"{name}: not listed in the manifest's 'data' or 'demo', "
                    "so Odoo never loads it"
                )
    return problems


def access_csv_problems(module_dir):
    path = module_dir / "security" / "ir.model.access.csv"
    if not path.exists():
        return []
    name = path.relative_to(module_dir).as_posix()
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows or [cell.strip() for cell in rows[0]] != ACCESS_CSV_HEADER:
        found = ",".join(rows[0]) if rows else "nothing"
        return [f"{name}:1: header is {found}, expected {','.join(ACCESS_CSV_HEADER)}"]
    return [
        f"{name}:{number}: {len(row)} columns, expected {len(ACCESS_CSV_HEADER)}"
        for number, row in enumerate(rows[1:], start=2)
        if row and len(row) != len(ACCESS_CSV_HEADER)
    ]


def test_files_not_imported(module_dir):
    problems = []
    for tests in [module_dir / "tests", *module_dir.glob("bridges/*/tests")]:
        init = tests / "__init__.py"
        if not init.exists():
            continue
        imported = {
            alias.name
            for node in ast.walk(ast.parse(init.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        problems += [
            f"{path.relative_to(module_dir).as_posix()}: not imported by "
            f"{init.relative_to(module_dir).as_posix()}, so Odoo never runs it"
            for path in sorted(tests.glob("test_*.py"))
            if path.stem not in imported
        ]
    return problems


def main(module_dir=MODULE_DIR):
    try:
        manifest = ast.literal_eval(
            (module_dir / "__manifest__.py").read_text(encoding="utf-8")
        )
    except (OSError, ValueError, SyntaxError) as err:
        # pylint-odoo and oca-checks say what is wrong with it.
        print(f"__manifest__.py: not readable as a dict literal: {err}")
        return 1
    problems = nested_files_not_listed(module_dir, manifest)
    problems += access_csv_problems(module_dir)
    problems += test_files_not_imported(module_dir)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
