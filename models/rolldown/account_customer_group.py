from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import MissingError, UserError

from ...rules import codes, inheritance, values


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    rolldown_previous_values = fields.Json(
        copy=False,
        help="Defaults changed since they were last applied to the members: the "
        "group's value before the change, by customer field. Cleared by applying or "
        "dismissing the roll-down.",
    )
    rolldown_pending = fields.Boolean(
        string="Defaults Not Applied to Members",
        compute="_compute_rolldown_pending",
        help="The group's defaults changed and some members may still have the old "
        "values.",
    )

    def write(self, vals):
        partners = self.env["res.partner"]
        newly_locked = [
            name
            for name, mode_field in partners._customer_group_mode_fields().items()
            if vals.get(mode_field) == inheritance.INHERIT_LOCKED
        ]
        changes_defaults = set(vals) & self._rolldown_trigger_fields()
        if not changes_defaults and not newly_locked:
            return super().write(vals)
        before = {group: group._partner_defaults() for group in self}
        result = super().write(vals)
        for group, old_defaults in before.items():
            group._after_defaults_change(old_defaults)
            if newly_locked:
                # Locking a field brings every member to the group's value at once.
                group._apply_defaults(
                    {member: newly_locked for member in group._rolldown_members()}
                )
        return result

    @api.model
    def _rolldown_trigger_fields(self):
        """Fields of the group whose change may change what it hands down: its
        defaults, and the fields a computed default is made of (a module handing
        down a computed field adds its dependencies)."""
        partners = self.env["res.partner"]
        return {"salesperson_ids"} | set(partners._customer_group_fields().values())

    @api.depends("rolldown_previous_values")
    def _compute_rolldown_pending(self):
        for group in self:
            group.rolldown_pending = bool(group.rolldown_previous_values)

    def action_open_rolldown(self):
        """The roll-down preview: what applying the group's defaults would change, per
        member."""
        self.ensure_one()
        if not self.exists():
            raise MissingError(
                self.env._("This customer group does not exist, or was deleted.")
            )
        wizard = self.env["account.customer.group.rolldown"].create(
            {"group_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Apply Defaults to Members"),
            "res_model": "account.customer.group.rolldown",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_dismiss_rolldown(self):
        self.write({"rolldown_previous_values": False})

    def apply_defaults_to_members(self, field_names, member_ids=None):
        """Apply the group's current defaults to its members, for RPC clients.

        ``field_names`` lists the customer fields to apply:
        ``property_account_receivable_id``, ``property_payment_term_id``,
        ``customer_account_set_id``, ``customer_interest_profile_id``,
        ``customer_billing_cycle_id``, ``customer_account_type``,
        ``customer_print_statements``, ``property_account_position_id``, ``user_id``,
        and ``customer_credit_limit_ids`` (removes the members' own credit limits so
        that the group's apply); the group's own names, such as ``payment_term_id`` or
        ``credit_limit_ids``, are accepted too. ``member_ids`` lists the members to
        update, all of them when omitted. Returns one dict per changed member, with
        ``partner_id`` and ``changes``, a list of ``[field label, old value, new
        value]``.

        Example: ``execute_kw(db, uid, key, "account.customer.group",
        "apply_defaults_to_members", [[group_id], ["payment_term_id"], [partner_id]])``.
        All writes happen in the call's single transaction; a chatter message on each
        member and on the group lists old -> new."""
        self.ensure_one()
        self.check_access("write")
        if not values.is_list_of(field_names, str):
            raise UserError(
                self.env._(
                    "field_names must be a list of field names, such as "
                    '["payment_term_id"]; got %(value)s.',
                    value=codes.shortened(repr(field_names), 40),
                )
            )
        if member_ids is not None and not values.is_list_of(member_ids, int):
            raise UserError(
                self.env._(
                    "member_ids must be a list of customer ids; got %(value)s.",
                    value=codes.shortened(repr(member_ids), 40),
                )
            )
        from_group = self.env["res.partner"]._customer_group_fields()
        by_group_name = {group_name: name for name, group_name in from_group.items()}
        by_group_name["receivable_account_id"] = "property_account_receivable_id"
        by_group_name["credit_limit_ids"] = "customer_credit_limit_ids"
        known = [*from_group, "customer_credit_limit_ids"]
        names = []
        for name in field_names:
            name = by_group_name.get(name, name)
            if name not in known:
                raise UserError(
                    self.env._(
                        "%(field)s is not a default of customer groups. Choose among: "
                        "%(fields)s.",
                        field=name,
                        fields=", ".join(known),
                    )
                )
            names.append(name)
        members = self._rolldown_members()
        if member_ids is not None:
            strangers = set(member_ids) - set(members.ids)
            if strangers:
                raise UserError(
                    self.env._(
                        "Customers %(ids)s are not members of the customer group "
                        "%(group)s, or are contacts of a member company: only members "
                        "themselves receive its defaults (their contacts follow them).",
                        ids=", ".join(map(str, sorted(strangers))),
                        group=self.display_name,
                    )
                )
            members = members.browse(member_ids)
        changes = self._apply_defaults({member: names for member in members})
        return [
            {"partner_id": member.id, "changes": [list(line) for line in lines]}
            for member, lines in changes
        ]

    def _after_defaults_change(self, old_defaults):
        """Hand a change of defaults down to the members that follow or are locked,
        and remember the old values so that the roll-down can offer the rest."""
        self.ensure_one()
        self._invalidate_members()
        new_defaults = self._partner_defaults()
        # A default the group left empty is False on its members, not missing.
        changed = {
            name: old_defaults.get(name, False)
            for name in set(old_defaults) | set(new_defaults)
            if old_defaults.get(name, False) != new_defaults.get(name, False)
        }
        if not changed or not self.member_ids:
            return
        modes = self.env["res.partner"]._customer_group_mode_fields()
        automatic = {}
        for member in self._rolldown_members():
            current = member._customer_group_values()
            names = [
                name
                for name, previous in changed.items()
                if inheritance.followers_to_update(
                    self[modes[name]],
                    current.get(name),
                    previous,
                )
            ]
            if names:
                automatic[member] = names
        self._apply_defaults(automatic)
        pending = {**changed, **(self.rolldown_previous_values or {})}
        self.write({"rolldown_previous_values": pending})

    def _rolldown_members(self):
        """Members that hold the group's defaults themselves: contacts of a member
        company get them from their company, which Odoo keeps in step."""
        self.ensure_one()
        self._invalidate_members()
        return self.member_ids.with_company(self.company_id).filtered(
            lambda member: member.commercial_partner_id == member
        )

    def _rolldown_candidates(self):
        """Per member, the fields that differ from the group's defaults:
        ``{partner: {field: (current, group value, overridden)}}``."""
        self.ensure_one()
        defaults = self._rolldown_defaults()
        previous = self.rolldown_previous_values or {}
        candidates = {}
        for member in self._rolldown_members():
            diff = inheritance.rolldown_diff(
                defaults, member._rolldown_values(self.company_id), previous
            )
            if diff:
                candidates[member] = diff
        return candidates

    def _mark_credit_limits_changed(self):
        """Members' own limits are never replaced on their own: the roll-down offers
        it."""
        self._invalidate_members()
        for group in self.filtered("member_ids"):
            pending = {
                "customer_credit_limit_ids": [],
                **(group.rolldown_previous_values or {}),
            }
            group.write({"rolldown_previous_values": pending})
        self._invalidate_members()

    def _rolldown_defaults(self):
        """The group's defaults as the roll-down offers them: the fields it hands down,
        and no credit limit lines of the members' own, so that the group's limits
        apply."""
        return {**self._partner_defaults(), "customer_credit_limit_ids": []}

    def _apply_defaults(self, fields_by_member):
        """Write the group's current defaults ``{partner: [customer field names]}`` and
        post what changed, old -> new, on each member and on the group. One call, one
        transaction: a refused write leaves every member as it was."""
        self.ensure_one()
        defaults = self._rolldown_defaults()
        changes = []
        for member, names in fields_by_member.items():
            member = member.with_company(self.company_id)
            current = member._rolldown_values(self.company_id)
            vals = {
                name: defaults[name]
                for name in names
                if name in defaults and current.get(name) != defaults[name]
            }
            if not vals:
                continue
            lines = [
                (
                    member._fields[name].get_description(self.env)["string"],
                    member._customer_group_display(name, current.get(name)),
                    member._customer_group_display(name, value),
                )
                for name, value in vals.items()
            ]
            if vals.pop("customer_credit_limit_ids", None) is not None:
                member.customer_credit_limit_ids.filtered(
                    lambda line: line.company_id == self.company_id
                ).unlink()
            if vals:
                member.write(vals)
            member.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._(
                        "Defaults of customer group %s applied:", self.display_name
                    ),
                    Markup().join(
                        Markup("<li>%s: %s → %s</li>") % line for line in lines
                    ),
                )
            )
            changes.append((member, lines))
        if changes:
            self.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._("Defaults applied to %s member(s):", len(changes)),
                    Markup().join(
                        Markup("<li>%s: %s</li>")
                        % (
                            member.display_name,
                            ", ".join(
                                f"{label}: {old} → {new}" for label, old, new in lines
                            ),
                        )
                        for member, lines in changes
                    ),
                )
            )
        return changes
