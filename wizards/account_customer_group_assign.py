from collections import defaultdict

from lxml import etree
from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Command

from ..rules import assign, handed_down

_OPTION_HELP = (
    "Give the customers the group's value instead of keeping their own (which the "
    "group then shows as overridden)."
)


def option_field(entries):
    """The wizard's checkbox of the setting of ``entries`` (a module extending the
    table declares its settings' options with it)."""
    return fields.Boolean(string=handed_down.option_label(entries), help=_OPTION_HELP)


def _option_fields():
    """The wizard's checkbox of each setting of ``HANDED_DOWN``."""
    return {
        entries[0].option_field: option_field(entries)
        for entries in handed_down.settings().values()
    }


# The country rule's zones: the field naming each zone's group, the code of the
# default group it starts from, its label and what it holds.
_ZONES = (
    (
        assign.DOMESTIC,
        "DOM",
        "Domestic Customers",
        "Group of the customers in the company's own country.",
    ),
    (
        assign.EUROPEAN,
        "EUR",
        "European Customers",
        (
            "Group of the customers in the other countries of Odoo's European Union "
            "country group."
        ),
    ),
    (
        assign.OVERSEAS,
        "OVS",
        "Overseas Customers",
        "Group of the customers in any other country.",
    ),
)


def _zone_field(zone):
    return f"{zone}_group_id"


def _zone_fields():
    """The wizard's group of each zone of the country rule."""
    return {
        _zone_field(zone): fields.Many2one(
            "account.customer.group",
            string=label,
            check_company=True,
            default=lambda self, code=code: self._default_group(code),
            help=help_text,
        )
        for zone, code, label, help_text in _ZONES
    }


class AccountCustomerGroupAssign(models.TransientModel):
    """Put the customers of a company that are in no group into groups, by a rule.

    The preview lists, per target group, the customers and what joining would
    change; nothing is written before "Assign". By default each customer keeps its
    own receivable account, payment terms and the other fields a group hands down,
    so nothing about how it is invoiced changes.
    """

    _name = "account.customer.group.assign"
    _description = "Assign Customer Groups"
    _inherit = "account.customer.company.wizard.mixin"

    company_id = fields.Many2one(
        help="Company whose customers are assigned: a customer has a group per "
        "company.",
    )
    rule = fields.Selection(
        [
            ("country", "By country"),
            ("receivable", "By receivable account"),
            ("fiscal_position", "By fiscal position"),
            ("single", "One group for all"),
        ],
        required=True,
        default="country",
        help="By country: the company's country goes to the domestic group, the "
        "other European Union countries to the European group, any other country to "
        "the overseas group. By receivable account: the group whose account set has "
        "the customer's receivable account as control account. By fiscal position: "
        "the group handing down the customer's fiscal position. One group for all: "
        "every customer to the same group.",
    )
    locals().update(_zone_fields())
    group_id = fields.Many2one(
        "account.customer.group",
        check_company=True,
        help="The group every customer joins.",
    )
    posted_only = fields.Boolean(
        string="Only Customers with Posted Documents",
        default=True,
        help="Leave out the customers without any posted invoice, credit note or "
        "receipt in the company.",
    )
    companies_only = fields.Boolean(
        help="Leave out individuals. Contacts of a company are never assigned on "
        "their own: they follow their company.",
    )
    # One checkbox per setting of the table of what a group hands down (see the
    # group's inheritance modes); the form lists them all.
    locals().update(_option_fields())
    line_ids = fields.One2many(
        "account.customer.group.assign.line",
        "wizard_id",
        string="Preview",
        compute="_compute_line_ids",
        store=True,
        help="Per target group, the customers joining it and what changes on them; "
        "the customers the rule finds no group for are listed apart.",
    )
    customer_count = fields.Integer(
        string="Customers to Assign", compute="_compute_counts"
    )
    unmatched_count = fields.Integer(
        string="Customers Left Apart", compute="_compute_counts"
    )

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        entries = self.env["res.partner"]._customer_group_handed_down()
        for node in arch.xpath("//group[@name='apply_options']"):
            for setting in handed_down.settings(entries).values():
                etree.SubElement(node, "field", {"name": setting[0].option_field})
        return arch, view

    @api.model
    def ungrouped_customer_count(self):
        """Customers of the current company with posted documents and no group, for
        the banner of the groups list; 0 for users who cannot assign them."""
        if not self.env["account.customer.group"].has_access("write"):
            return 0
        wizard = self.new({"company_id": self.env.company.id, "posted_only": True})
        return len(wizard._candidates())

    def _default_group(self, code):
        return self.env["account.customer.group"].search(
            [("code", "=", code), ("company_id", "=", self.env.company.id)], limit=1
        )

    @api.depends("line_ids.partner_count", "line_ids.group_id")
    def _compute_counts(self):
        for wizard in self:
            lines = wizard.line_ids
            wizard.customer_count = sum(
                lines.filtered("group_id").mapped("partner_count")
            )
            wizard.unmatched_count = sum(
                (lines - lines.filtered("group_id")).mapped("partner_count")
            )

    @api.depends(
        "company_id",
        "rule",
        *(_zone_field(zone) for zone, *_rest in _ZONES),
        "group_id",
        "posted_only",
        "companies_only",
        *_option_fields(),
    )
    def _compute_line_ids(self):
        for wizard in self:
            commands = [Command.clear()]
            for key, (group, partners, reason) in wizard._targets().items():
                commands.append(
                    Command.create(
                        {
                            "sequence": len(commands),
                            "group_id": group.id,
                            "reason": reason,
                            "partner_ids": [Command.set(partners.ids)],
                            "partner_count": len(partners),
                            "examples": ", ".join(partners[:5].mapped("display_name"))
                            + (", …" if len(partners) > 5 else ""),
                            "changes": wizard._changes_summary(group, partners)
                            if group
                            else Markup("<i>%s</i>") % reason,
                            "target_key": key,
                        }
                    )
                )
            wizard.line_ids = commands

    # ------------------------------------------------------------------ the rule

    def _candidates(self):
        """The company's customers in no group that the filters keep: commercial
        entities only (their contacts follow them)."""
        self.ensure_one()
        partners = self.env["res.partner"].with_company(self.company_id)
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        domain = [
            ("customer_group_id", "=", False),
            "|",
            ("is_company", "=", True),
            ("parent_id", "=", False),
            # The companies' own partners are no customers.
            (
                "id",
                "not in",
                [p.id for [p] in companies._read_group([], ["partner_id"])],
            ),
        ]
        if self.companies_only:
            domain.append(("is_company", "=", True))
        moves = self.env["account.move"].sudo()
        with_documents = {
            partner.id
            for [partner] in moves._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "posted"),
                    ("move_type", "in", moves.get_sale_types(include_receipts=True)),
                ],
                ["commercial_partner_id"],
            )
        }
        if self.posted_only:
            domain.append(("id", "in", list(with_documents)))
        else:
            domain += [
                "|",
                ("customer_rank", ">", 0),
                ("id", "in", list(with_documents)),
            ]
        return partners.search(domain, order="id")

    def _targets(self):
        """``{key: (group, customers, reason)}``: the customers each group receives,
        and (with no group) the ones the rule finds none for, with why."""
        self.ensure_one()
        groups = self.env["account.customer.group"]
        partners = self._candidates()
        found = defaultdict(list)
        apart = defaultdict(list)
        if self.rule == "single":
            if partners and self.group_id:
                found[self.group_id.id] = partners.ids
            elif partners:
                apart["no_group"] = partners.ids
        elif self.rule == "country":
            zones = {zone: self[_zone_field(zone)].id for zone, *_rest in _ZONES}
            europe = set(self.env.ref("base.europe").country_ids.ids)
            for partner in partners:
                zone = assign.country_zone(
                    partner.country_id.id, self.company_id.country_id.id, europe
                )
                if zone is None:
                    apart["no_country"].append(partner.id)
                elif zones[zone]:
                    found[zones[zone]].append(partner.id)
                else:
                    apart["no_group"].append(partner.id)
        else:
            if self.rule == "receivable":
                key_field, group_key = (
                    "property_account_receivable_id",
                    "receivable_account_id",
                )
            else:
                key_field, group_key = (
                    "property_account_position_id",
                    "fiscal_position_id",
                )
            by_key = defaultdict(list)
            for group in groups.search([("company_id", "=", self.company_id.id)]):
                if group[group_key]:
                    by_key[group[group_key].id].append(group.id)
            for partner in partners:
                matching = by_key.get(partner[key_field].id, [])
                target = assign.unique_target(matching)
                if target:
                    found[target].append(partner.id)
                else:
                    apart["ambiguous" if matching else "no_match"].append(partner.id)
        partner_model = self.env["res.partner"].with_company(self.company_id)
        targets = {
            f"group_{group_id}": (
                groups.browse(group_id),
                partner_model.browse(ids),
                False,
            )
            for group_id, ids in sorted(found.items())
        }
        for reason, ids in apart.items():
            targets[reason] = (
                groups,
                partner_model.browse(ids),
                self._apart_reason(reason),
            )
        return targets

    def _apart_reason(self, reason):
        return {
            "no_country": self.env._("No country: give them one, or use one group."),
            "no_group": self.env._("No group chosen for them in this wizard."),
            "ambiguous": self.env._(
                "Several groups match: choose among them with another rule."
            ),
            "no_match": (
                self.env._("No group has their receivable account in its account set.")
                if self.rule == "receivable"
                else self.env._("No group hands down their fiscal position.")
            ),
        }[reason]


class AccountCustomerGroupAssignLine(models.TransientModel):
    _name = "account.customer.group.assign.line"
    _description = "Customers an Assign Customer Groups Run Puts in One Group"
    _inherit = "account.customer.typed.values.mixin"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "account.customer.group.assign", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    target_key = fields.Char(string="Technical Key", readonly=True)
    group_id = fields.Many2one(
        "account.customer.group",
        string="Target Group",
        readonly=True,
        help="The group these customers join; empty for the customers the rule finds "
        "no group for, which stay out of any group.",
    )
    reason = fields.Char(
        string="Why Left Apart",
        readonly=True,
        help="Why the rule finds no group for these customers.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "account_customer_group_assign_line_partner_rel",
        "line_id",
        "partner_id",
        string="Customers",
        readonly=True,
    )
    partner_count = fields.Integer(string="Number of Customers", readonly=True)
    examples = fields.Char(string="Among Them", readonly=True)
    changes = fields.Html(
        string="What Changes",
        sanitize=False,
        readonly=True,
        help="Per field the group hands down: how many of these customers have "
        "another value, and whether they keep it or take the group's.",
    )

    def action_view_customers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.group_id.display_name or self.reason,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.partner_ids.ids)],
            "target": "new",
        }
