from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...rules import codes


class AccountCustomerCodeMixin(models.AbstractModel):
    """Sage-style master data: a short code of letters and digits, unique per
    company."""

    _name = "account.customer.code.mixin"
    _inherit = "account.customer.typed.values.mixin"
    _description = "Coded Receivables Master Data"
    _order = "code"
    _rec_names_search = ("code", "name")

    code = fields.Char(
        required=True,
        help="Up to six letters and digits, stored in upper case and unique in the "
        "company.",
    )
    name = fields.Char(string="Description", required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "code" in vals:
                vals["code"] = self._normalized_code(vals["code"])
        return super().create(vals_list)

    def write(self, vals):
        if "code" in vals:
            vals = {**vals, "code": self._normalized_code(vals["code"])}
        return super().write(vals)

    def _normalized_code(self, code):
        # Integrations send JSON: a number or a list must be refused as such, not
        # crash the upper-casing.
        if code is not False and code is not None and not isinstance(code, str):
            raise ValidationError(
                self.env._(
                    "The code must be text of letters and digits, such as DOM; "
                    "got %(value)s.",
                    value=codes.shortened(repr(code)),
                )
            )
        return codes.normalize_group_code(code)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for record in self:
            record.display_name = (
                f"[{record.code}] {record.name}" if record.code else record.name
            )

    @api.constrains("code")
    def _check_code(self):
        for record in self:
            problem = codes.group_code_problem(record.code)
            if problem == codes.CODE_EMPTY:
                raise ValidationError(self.env._("The code cannot be empty."))
            if problem == codes.CODE_TOO_LONG:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s has %(length)s characters: use at most "
                        "%(max)s letters and digits.",
                        code=codes.shortened(record.code),
                        length=len(record.code),
                        max=codes.GROUP_CODE_MAX_LENGTH,
                    )
                )
            if problem == codes.CODE_BAD_CHARACTERS:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s may contain only the letters A to Z and the "
                        "digits 0 to 9, without spaces or symbols.",
                        code=codes.shortened(record.code),
                    )
                )
