"""Values an integration sends for a field, judged before the ORM converts them.

The ORM turns a wrong type into a ``ValueError`` deep in a conversion, which
reaches an XML-RPC or JSON-2 client as a server error with a traceback; the
models refuse such values first, naming the field and what it takes.
"""

import datetime

NUMBER = "number"
WHOLE_NUMBER = "whole number"
TEXT = "text"
YES_OR_NO = "yes or no"
RECORD_ID = "record id"
DATE = "date"
COMMANDS = "list of commands"

_KINDS = {
    "float": NUMBER,
    "monetary": NUMBER,
    "integer": WHOLE_NUMBER,
    "char": TEXT,
    "text": TEXT,
    "html": TEXT,
    "selection": TEXT,
    "boolean": YES_OR_NO,
    "many2one": RECORD_ID,
    "date": DATE,
    "datetime": DATE,
    "one2many": COMMANDS,
    "many2many": COMMANDS,
}


def expected_kind(value, field_type):
    """The kind of value a field of ``field_type`` takes, when ``value`` is not of
    it; None when it is (or when the field is not one judged here).

    False and None clear a field of any kind.
    """
    kind = _KINDS.get(field_type)
    if kind is None or value is False or value is None:
        return None
    if kind == NUMBER:
        valid = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind == WHOLE_NUMBER:
        valid = not isinstance(value, bool) and (
            isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        )
    elif kind == TEXT:
        valid = isinstance(value, str)
    elif kind == DATE:
        valid = isinstance(value, datetime.date) or (
            isinstance(value, str) and _is_iso_date(value)
        )
    elif kind == RECORD_ID:
        valid = isinstance(value, int) and not isinstance(value, bool)
    elif kind == COMMANDS:
        # Commands, or the ids of the records to link.
        valid = isinstance(value, list | tuple) and all(
            isinstance(command, list | tuple | int) and not isinstance(command, bool)
            for command in value
        )
    else:
        valid = isinstance(value, bool) or value in (0, 1)
    return None if valid else kind


def _is_iso_date(text):
    try:
        datetime.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def is_list_of(value, kind):
    """Whether ``value`` is a list (or tuple) of ``kind`` only: an argument an
    integration passes as JSON, where true and false are no numbers."""
    return isinstance(value, list | tuple) and all(
        isinstance(item, kind) and not isinstance(item, bool) for item in value
    )
