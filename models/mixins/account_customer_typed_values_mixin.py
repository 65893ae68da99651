from odoo import api, models
from odoo.exceptions import ValidationError

from ...rules import codes, values


def check_value_kinds(records, vals, names=None):
    """Refuse, naming the field, a value of ``vals`` of the wrong kind for its
    field of ``records``' model (only ``names`` where given), so that an
    integration gets a validation error instead of a server error."""
    env = records.env
    for name in vals if names is None else [name for name in names if name in vals]:
        value = vals[name]
        field = records._fields.get(name)
        # Records given by code are the ORM's to take.
        if field is None or isinstance(value, models.BaseModel):
            continue
        expected = {
            values.NUMBER: env._("a number"),
            values.WHOLE_NUMBER: env._("a whole number"),
            values.TEXT: env._("text"),
            values.YES_OR_NO: env._("true or false"),
            values.RECORD_ID: env._("the id of a record"),
            values.DATE: env._("a date such as 2026-12-31"),
            values.COMMANDS: env._("a list of commands"),
        }.get(values.expected_kind(value, field.type))
        if (
            not expected
            and field.required
            and field.type != "boolean"
            and (value is False or value is None)
        ):
            # The database would refuse it, and log the query as an error.
            expected = env._("a value: it is required")
        if not expected and field.type == "selection" and value:
            allowed = [key for key, _label in field._description_selection(env)]
            if value not in allowed:
                expected = env._("one of %(values)s", values=", ".join(allowed))
        if expected:
            raise ValidationError(
                env._(
                    "%(field)s (%(model)s) takes %(kind)s; got %(value)s.",
                    field=field._description_string(env),
                    model=records._description,
                    kind=expected,
                    value=codes.shortened(repr(value), 40),
                )
            )


class AccountCustomerTypedValuesMixin(models.AbstractModel):
    """Values of the wrong kind refused on create and write, field by field."""

    _name = "account.customer.typed.values.mixin"
    _description = "Values of the Right Kind"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_value_kinds(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        check_value_kinds(self, vals)
        return super().write(vals)
