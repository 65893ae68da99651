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
        help="Currency the customers using this account set are invoiced in: their "
        "new invoices take it, and an invoice in another currency shows a warning. "
        "Leave empty for customers invoiced in any currency.",
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
        domain="[('account_type', 'not in', "
        "('asset_receivable', 'liability_payable'))]",
        help="Early-payment (cash) discounts granted to these customers are posted "
        "here, on the invoice's discount lines and on the payment. Empty: the "
        "company's cash discount loss account.",
    )
    prepayment_account_id = fields.Many2one(
        "account.account",
        string="Prepayment Liability",
        check_company=True,
        ondelete="restrict",
        domain="[('account_type', 'in', ('liability_current', 'liability_non_current', "
        "'liability_payable')), ('reconcile', '=', True)]",
        help="A receipt from one of these customers with nothing open to pay (an "
        "advance) is posted here. Applying it to a later invoice moves it to the "
        "receivable account. Empty: advances stay on the receivable account.",
    )
    retainage_account_id = fields.Many2one(
        "account.account",
        string="Retainage",
        check_company=True,
        ondelete="restrict",
        domain="[('account_type', '=', 'asset_receivable')]",
        help="The retained part of these customers' invoices (the retainage "
        "percentage of their group, customer or invoice) is posted here, due after "
        "the retainage period. A receivable account, so the customer's payments can "
        "be matched with it and its credit exposure counts it.",
    )
    writeoff_account_id = fields.Many2one(
        "account.account",
        string="Write-offs",
        check_company=True,
        ondelete="restrict",
        domain="[('account_type', 'not in', "
        "('asset_receivable', 'liability_payable'))]",
        help="Proposed for the payment difference when registering a payment of these "
        "customers and marking the invoice as fully paid: the difference is posted "
        "here.",
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

    def _account_type_label(self, account):
        return dict(
            account._fields["account_type"]._description_selection(self.env)
        ).get(account.account_type)

    @api.constrains(
        "discount_account_id",
        "prepayment_account_id",
        "retainage_account_id",
        "writeoff_account_id",
    )
    def _check_other_accounts(self):
        for account_set in self:
            problems = []
            for name in ("discount_account_id", "writeoff_account_id"):
                account = account_set[name]
                if account.account_type in ("asset_receivable", "liability_payable"):
                    problems.append(
                        self.env._(
                            "The %(role)s account %(account)s is a %(type)s "
                            "account: what is posted there would count as owed by "
                            "or to someone. Choose an income or expense account.",
                            role=self._fields[name].get_description(self.env)["string"],
                            account=account.display_name,
                            type=self._account_type_label(account),
                        )
                    )
            prepayment = account_set.prepayment_account_id
            if prepayment and not prepayment.account_type.startswith("liability"):
                problems.append(
                    self.env._(
                        "The prepayment liability account %(account)s is of type "
                        "%(type)s: an advance is owed to the customer until it is "
                        "invoiced. Choose a liability account.",
                        account=prepayment.display_name,
                        type=self._account_type_label(prepayment),
                    )
                )
            retainage = account_set.retainage_account_id
            if retainage and retainage.account_type != "asset_receivable":
                problems.append(
                    self.env._(
                        "The retainage account %(account)s is of type %(type)s: it "
                        "cannot be reconciled with the customer's payments nor counted "
                        "in what the customer owes. Choose an account of type "
                        "Receivable, e.g. a 'Retainage receivable' account.",
                        account=retainage.display_name,
                        type=self._account_type_label(retainage),
                    )
                )
            for account in prepayment:
                if not account.reconcile:
                    problems.append(
                        self.env._(
                            "The account %(account)s does not allow reconciliation: "
                            "what is posted there must be matched when it is paid or "
                            "applied. Tick 'Allow Reconciliation' on the account, or "
                            "choose another.",
                            account=account.display_name,
                        )
                    )
            if problems:
                raise ValidationError(
                    self.env._(
                        "Account set %(set)s:\n%(problems)s",
                        set=account_set.display_name,
                        problems="\n".join(problems),
                    )
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
                        type=self._account_type_label(account),
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
