"""How the values a group hands down reach its members after they have joined.

A member either keeps the copy it got when it joined, follows the group until
it changes the value itself, or is locked to the group's value; the roll-down
wizard offers the rest. Also the average days late shown on the group.
"""

# How a member's field relates to its group's: copied once when it joins
# (as in Sage 300), kept equal to the group's unless the member changes it,
# or locked to the group's value.
INHERIT_COPY = "copy"
INHERIT_FOLLOW = "follow"
INHERIT_LOCKED = "locked"

# What the member form says about one of its inheritable values.
STATUS_INHERITED = "inherited"
STATUS_OVERRIDDEN = "overridden"
STATUS_LOCKED = "locked"


def rolldown_diff(group_values, member_values, previous_group_values=None):
    """Fields where a member differs from its group's defaults.

    Returns ``{field: (current, group value, overridden)}``. A member has
    overridden a field when its value differs from what the group had before
    its latest change (``previous_group_values``, by field); for a field the
    group did not change, that is the group's current value, so any
    difference there is the member's own choice.
    """
    previous_group_values = previous_group_values or {}
    diff = {}
    for field, group_value in group_values.items():
        current = member_values.get(field)
        if current == group_value:
            continue
        diff[field] = (
            current,
            group_value,
            current != previous_group_values.get(field, group_value),
        )
    return diff


def inheritance_status(mode, member_value, group_value):
    """Whether a member's value is inherited from its group, overridden, or locked.

    A locked field reports locked whatever its value, since the member cannot
    override it.
    """
    if mode == INHERIT_LOCKED:
        return STATUS_LOCKED
    # A field both leave empty is inherited, however each side spells empty.
    same = member_value == group_value or not (member_value or group_value)
    return STATUS_INHERITED if same else STATUS_OVERRIDDEN


def followers_to_update(mode, member_value, previous_group_value):
    """Does a group change reach this member on its own, without the roll-down wizard?

    Locked fields always follow; "follow" fields follow while the member still
    has the group's previous value; "copy" fields never move by themselves.
    """
    if mode == INHERIT_LOCKED:
        return True
    return mode == INHERIT_FOLLOW and member_value == previous_group_value


def average_days_late(weighted_days, amount):
    """Average days late weighted by amount, 0 when nothing was paid.

    Weighting by amount keeps a small invoice paid very late from outweighing
    large ones paid on time.
    """
    return weighted_days / amount if amount else 0.0
