"""`runner.py pytest` (dev/acg_dev/pytest_odoo.py) without Odoo: which files make
the kept database stale, how the test files reach pytest, and which arguments
pass through to it."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from acg_dev.cli import parse_args
from acg_dev.pytest_odoo import addon_digest, split_arguments


def make_checkout(root):
    """A checkout named otherwise than the addon, with a bridge inside."""
    files = {
        "__manifest__.py": "{}",
        "models/partner.py": "x = 1\n",
        "tests/test_credit.py": "",
        "tests/pure/test_aging.py": "",
        "dev/runner.py": "",
        "README.md": "",
        "bridges/account_customer_group_sale/__manifest__.py": "{}",
        "bridges/account_customer_group_sale/tests/test_sale_credit.py": "",
    }
    for name, text in files.items():
        path = root / "wt-pytest" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "wt-pytest"


def test_only_files_odoo_installs_change_the_digest(tmp_path):
    checkout = make_checkout(tmp_path)
    digest = addon_digest(checkout)
    for name in ("tests/test_credit.py", "dev/runner.py", "README.md"):
        (checkout / name).write_text("changed\n", encoding="utf-8")
        assert addon_digest(checkout) == digest, name
    (checkout / "models/partner.py").write_text("x = 2\n", encoding="utf-8")
    assert addon_digest(checkout) != digest


def test_the_default_is_every_odoo_test_file_of_the_addon_and_its_bridges(
    tmp_path,
):
    checkout = make_checkout(tmp_path)
    work = tmp_path / "kept"
    assert split_arguments(checkout, work, ["-x"]) == [
        "-x",
        str(work / "addons/account_customer_group/tests/test_credit.py"),
        str(work / "addons/account_customer_group_sale/tests/test_sale_credit.py"),
    ]


def test_files_are_reached_through_the_links_named_as_their_addons(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    checkout = make_checkout(tmp_path)
    work = tmp_path / "kept"
    bridge_test = "bridges/account_customer_group_sale/tests/test_sale_credit.py"
    arguments = [
        "--maxfail",
        "2",
        "tests/test_credit.py::TestCredit::test_limit",
        str(checkout / bridge_test),
    ]
    assert split_arguments(checkout, work, arguments) == [
        "--maxfail",
        "2",
        str(work / "addons/account_customer_group/tests/test_credit.py")
        + "::TestCredit::test_limit",
        f"{work}/addons/account_customer_group_sale/tests/test_sale_credit.py",
    ]


def test_pytest_options_and_files_pass_through_the_command_line():
    args = parse_args(["pytest", "-x", "tests/test_credit.py", "-k", "limit"])
    assert (args.command, args.k, args.update) == ("pytest", "limit", False)
    assert args.pytest_args == ["-x", "tests/test_credit.py"]


def test_other_commands_still_refuse_unknown_options():
    with pytest.raises(SystemExit):
        parse_args(["test", "--tier", "1", "-x"])
