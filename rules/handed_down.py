"""What a customer group hands down to its customers: one entry a field.

Every place that lists these fields is built from ``HANDED_DOWN``: the group's
inheritance-mode fields, the customer <- group field maps, the roll-down, the
member form's inheritance table and the options of the Assign Customer Groups
wizard. Handing down one more field is one entry here plus the two fields it
names, one on the customer and one on the group. A module (a bridge) hands down
fields of its own by extending ``res.partner._customer_group_handed_down``, which
the places above read at run time.
"""

from typing import NamedTuple

# How a value is handed down. A record's id, a selection or a number is handed
# down when set (empty or zero never blanks the customer's own); a boolean always
# is, since False is a choice.
MANY2ONE = "many2one"
SELECTION = "selection"
BOOLEAN = "boolean"
NUMBER = "number"


class HandedDown(NamedTuple):
    customer_field: str
    group_field: str
    # The field's label; the first entry of a setting names the group's inheritance
    # setting, the others are listed as following it.
    label: str
    kind: str
    # Name of the inheritance setting the field follows, shared by the fields that
    # go together: the group's ``<setting>_mode`` field and the Assign wizard's
    # ``apply_<setting>`` option.
    setting: str

    @property
    def mode_field(self):
        return f"{self.setting}_mode"

    @property
    def option_field(self):
        return f"apply_{self.setting}"


# Ordered as the member form and the previews list them.
HANDED_DOWN = (
    HandedDown(
        "customer_account_set_id",
        "account_set_id",
        "Account Set",
        MANY2ONE,
        "account_set",
    ),
    # The receivable account is the account set's receivables control account.
    HandedDown(
        "property_account_receivable_id",
        "receivable_account_id",
        "Receivable Account",
        MANY2ONE,
        "account_set",
    ),
    HandedDown(
        "property_payment_term_id",
        "payment_term_id",
        "Payment Terms",
        MANY2ONE,
        "payment_term",
    ),
    HandedDown(
        "customer_interest_profile_id",
        "interest_profile_id",
        "Interest Profile",
        MANY2ONE,
        "interest_profile",
    ),
    HandedDown(
        "customer_billing_cycle_id",
        "billing_cycle_id",
        "Billing Cycle",
        MANY2ONE,
        "billing_cycle",
    ),
    HandedDown(
        "customer_account_type",
        "account_type",
        "Account Type",
        SELECTION,
        "account_type",
    ),
    HandedDown(
        "customer_print_statements",
        "print_statements",
        "Print Statements",
        BOOLEAN,
        "print_statements",
    ),
    HandedDown(
        "property_account_position_id",
        "fiscal_position_id",
        "Fiscal Position",
        MANY2ONE,
        "fiscal_position",
    ),
    # The group's salesperson is the first of its split.
    HandedDown("user_id", "user_id", "Salesperson", MANY2ONE, "user"),
    HandedDown(
        "customer_retainage_percent",
        "retainage_percent",
        "Retainage",
        NUMBER,
        "retainage",
    ),
    HandedDown(
        "customer_retainage_days",
        "retainage_days",
        "Retainage Period",
        NUMBER,
        "retainage",
    ),
)


def settings(entries=HANDED_DOWN):
    """``{setting: [entries]}``, in the order of their first entry."""
    by_setting = {}
    for entry in entries:
        by_setting.setdefault(entry.setting, []).append(entry)
    return by_setting


def setting_label(entries):
    """The label of a setting: its first field's."""
    return entries[0].label


def setting_note(entries):
    """What the setting covers beyond its first field, for its help text."""
    others = [entry.label.lower() for entry in entries[1:]]
    return f" Applies to the {' and the '.join(others)} too." if others else ""


def option_label(entries):
    """The label of the Assign wizard's option of a setting: all its fields."""
    return " and ".join(entry.label for entry in entries)


def group_fields(entries=HANDED_DOWN):
    """Customer field -> the group field it comes from."""
    return {entry.customer_field: entry.group_field for entry in entries}


def mode_fields(entries=HANDED_DOWN):
    """Customer field -> the group field holding its inheritance mode."""
    return {entry.customer_field: entry.mode_field for entry in entries}


def boolean_group_fields(entries=HANDED_DOWN):
    """Group fields whose False is a choice rather than "no value"."""
    return {entry.group_field for entry in entries if entry.kind == BOOLEAN}


def missing_fields(customer_values, entries=HANDED_DOWN):
    """Customer fields of ``customer_values`` that hold no value: joining a group,
    the customer takes the group's there, whatever it keeps elsewhere. A boolean
    always holds one (False is a choice); an empty record, selection or a zero
    number is none."""
    return {
        entry.customer_field
        for entry in entries
        if entry.kind != BOOLEAN and not customer_values.get(entry.customer_field)
    }
