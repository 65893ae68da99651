from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountCustomerAccountSet(models.Model):
    _name = "account.customer.account.set"
    _description = "Customer Account Set"
    _inherit = "account.customer.code.mixin"
    _check_company_auto = True

    code = fields.Char(help="Short code of the account set, e.g. DEFLT.")
    currency_id = fields.Many2one(
        "res.currency",
        string="Customer Currency",
        help="Currency of the customers using this account set. Leave empty for "
        "customers invoiced in any currency.",
    )
    receivable_account_id = fields.Many2one(
        "account.account",
        string="Receivables Control",
        required=True,
        check_company=True,
        ondelete="restrict",
        domain="[('account_type', '=', 'asset_receivable')]",
        help="Receivable account given to every customer of the groups using this "
        "account set: all their invoices and payments are posted to it.",
    )
    discount_account_id = fields.Many2one(
        "account.account",
        string="Payment Discounts",
        check_company=True,
        ondelete="restrict",
        help="Account for early-payment discounts granted to these customers.",
    )
    prepayment_account_id = fields.Many2one(
        "account.account",
        string="Prepayment Liability",
        check_company=True,
        ondelete="restrict",
        help="Account for payments received before the invoice.",
    )
    retainage_account_id = fields.Many2one(
        "account.account",
        string="Retainage",
        check_company=True,
        ondelete="restrict",
        help="Account for amounts the customer withholds until a contract is "
        "completed.",
    )
    writeoff_account_id = fields.Many2one(
        "account.account",
        string="Write-offs",
        check_company=True,
        ondelete="restrict",
        help="Account for small balances written off when matching payments.",
    )
    group_ids = fields.One2many(
        "account.customer.group", "account_set_id", string="Customer Groups"
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(company_id, code)",
        "An account set with this code already exists in this company.",
    )

    @api.model
    def _account_field_names(self):
        """The account fields of a set, for finding the sets that use an account."""
        return [
            "receivable_account_id",
            "discount_account_id",
            "prepayment_account_id",
            "retainage_account_id",
            "writeoff_account_id",
        ]

    def _used_accounts(self):
        return self.env["account.account"].union(
            *(self[name] for name in self._account_field_names())
        )

    @api.constrains("receivable_account_id")
    def _check_receivable_account(self):
        for account_set in self:
            account = account_set.receivable_account_id
            if account.account_type != "asset_receivable":
                raise ValidationError(
                    self.env._(
                        "The receivables control account of account set %(set)s must "
                        "be a receivable account; %(account)s is of type %(type)s. "
                        "Choose an account of type Receivable.",
                        set=account_set.display_name,
                        account=account.display_name,
                        type=dict(
                            account._fields["account_type"]._description_selection(
                                self.env
                            )
                        ).get(account.account_type),
                    )
                )
            if not account.active:
                raise ValidationError(
                    self.env._(
                        "The receivables control account %(account)s of account set "
                        "%(set)s is archived. Choose an active receivable account.",
                        account=account.display_name,
                        set=account_set.display_name,
                    )
                )
