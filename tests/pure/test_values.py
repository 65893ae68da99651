import datetime

import pytest

from rules import values


@pytest.mark.parametrize(
    ("value", "field_type", "kind"),
    [
        (12.5, "float", None),
        (12, "monetary", None),
        ("lots", "float", values.NUMBER),
        ("12", "float", values.NUMBER),
        (True, "float", values.NUMBER),
        ([1], "monetary", values.NUMBER),
        (30, "integer", None),
        (30.0, "integer", None),
        (30.5, "integer", values.WHOLE_NUMBER),
        ("30", "integer", values.WHOLE_NUMBER),
        ("DOM", "char", None),
        (["DOM"], "char", values.TEXT),
        (123, "char", values.TEXT),
        ("open_item", "selection", None),
        (1, "selection", values.TEXT),
        (True, "boolean", None),
        (0, "boolean", None),
        ("yes", "boolean", values.YES_OR_NO),
        (False, "float", None),
        (None, "char", None),
        ("2026-12-05", "date", None),
        ("2026-12-05 10:00:00", "datetime", None),
        (datetime.date(2026, 12, 5), "date", None),
        ("soon", "date", values.DATE),
        (20261205, "date", values.DATE),
        (7, "many2one", None),
        ("7", "many2one", values.RECORD_ID),
        ([1, 2], "many2one", values.RECORD_ID),
        (True, "many2one", values.RECORD_ID),
        ([(6, 0, [1])], "many2many", None),
        ([[0, 0, {"percent": 50}]], "one2many", None),
        ([1, 2], "many2many", None),
        (["a"], "many2many", values.COMMANDS),
        ("x", "one2many", values.COMMANDS),
        ({"a": 1}, "html", values.TEXT),
        ({"a": 1}, "json", None),
    ],
)
def test_expected_kind(value, field_type, kind):
    assert values.expected_kind(value, field_type) == kind


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (["payment_term_id"], str, True),
        ([], str, True),
        ((1, 2), int, True),
        ("payment_term_id", str, False),
        ([1, "a"], int, False),
        ([True], int, False),
        (10**15, int, False),
        ({"a": 1}, str, False),
    ],
)
def test_is_list_of(value, kind, expected):
    assert values.is_list_of(value, kind) is expected
