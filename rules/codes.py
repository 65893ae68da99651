"""Group codes, and the defaults a group hands down to the customers who join it.

The customer and group field names are the models' business (overridable
methods), so the functions here take the maps they need as arguments.
"""

import re

GROUP_CODE_MAX_LENGTH = 6
_GROUP_CODE_PATTERN = re.compile(r"[A-Z0-9]+")

# Why a code is refused; the model turns each reason into a translated message.
CODE_EMPTY = "empty"
CODE_TOO_LONG = "too_long"
CODE_BAD_CHARACTERS = "bad_characters"


def normalize_group_code(code):
    """Return the code as stored: surrounding blanks removed, upper case.

    One stored form keeps the per-company uniqueness blind to case and blanks.
    """
    return (code or "").strip().upper()


def shortened(text, limit=12):
    """``text`` as a message quotes it: at most ``limit`` characters, an ellipsis
    telling that more followed.

    A refusal repeats the value refused so the user finds it; a pasted paragraph
    would bury the message itself.
    """
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def group_code_problem(code):
    """Return why ``code`` cannot be a group code, or None when it can.

    Up to six letters and digits, nothing else, so codes stay usable as keys
    in imports, reports and integrations.
    """
    # Source: Sage 300 customer groups (group code, up to six characters).
    # Upper-casing turns some letters into ASCII ("ß" into "SS"): judge the
    # characters as typed, the pattern on the code as stored.
    typed = (code or "").strip()
    code = normalize_group_code(code)
    if not code:
        return CODE_EMPTY
    if len(code) > GROUP_CODE_MAX_LENGTH:
        return CODE_TOO_LONG
    if not typed.isascii() or not _GROUP_CODE_PATTERN.fullmatch(code):
        return CODE_BAD_CHARACTERS
    return None


def partner_defaults_from_group(group_values, field_map, boolean_fields):
    """Map a group's default values onto the customer fields they fill.

    ``group_values`` holds the group's values by group field name,
    ``field_map`` maps each customer field to the group field it comes from,
    and ``boolean_fields`` lists the group fields whose False is a choice
    rather than "no value". A group value that is empty (no receivable account
    on the account set, say) is left out, so it never blanks what the customer
    already has; a boolean is always kept, since False is a real choice for
    "print statements".
    """
    defaults = {}
    for partner_field, group_field in field_map.items():
        value = group_values.get(group_field)
        if value or group_field in boolean_fields:
            defaults[partner_field] = value
    return defaults


def apply_group_defaults(vals, defaults):
    """Values to write on a customer who joins a group.

    The group's defaults fill every field the caller did not set in the same
    call: a value given explicitly alongside the group is the user's choice
    and wins, as a default changed by hand on a new record does.
    """
    return {**defaults, **vals}
