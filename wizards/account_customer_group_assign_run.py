from collections import Counter, defaultdict

from markupsafe import Markup

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id

from ..models.actions import success_notification
from ..models.group.res_partner import KEEP_OWN_VALUES
from ..models.posting.res_partner import STAMPED_ONLY
from ..rules import handed_down, inheritance

# Customers written per transaction: a run over tens of thousands of customers
# commits after each batch, so an interruption keeps what is done and a new run
# takes the rest (the customers still without a group).
BATCH_SIZE = 2000


class AccountCustomerGroupAssign(models.TransientModel):
    """Assigning what the preview shows: checks first, then batches."""

    _inherit = "account.customer.group.assign"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ what changes

    def _applied_fields(self, group):
        """Customer fields given the group's value: the ticked ones, and the ones
        the group locks (a member cannot keep its own value there)."""
        return {
            entry.customer_field
            for entry in self.env["res.partner"]._customer_group_handed_down()
            if self[entry.option_field]
            or group[entry.mode_field] == inheritance.INHERIT_LOCKED
        }

    def _changes_summary(self, group, partners):
        """Per field of the group: how many customers differ from it, and whether they
        keep their own value or take the group's."""
        defaults = group._partner_defaults()
        applied = self._applied_fields(group)
        display = self.env["res.partner"]
        entries = display._customer_group_handed_down()
        # The roll-down's diff: what joining changes is what applying the group's
        # defaults to a member would; once per set of values the customers have.
        partners.fetch(list(partners._customer_group_fields()))
        counts = Counter(
            tuple(sorted(partner._customer_group_values().items()))
            for partner in partners
        )
        diffs = [
            (inheritance.rolldown_diff(defaults, dict(values)), count)
            for values, count in counts.items()
        ]
        rows = []
        for name in self.env["res.partner"]._customer_group_fields():
            differ = sum(count for diff, count in diffs if name in diff)
            if not differ:
                continue
            label = display._fields[name].get_description(self.env)["string"]
            value = display._customer_group_display(name, defaults[name])
            # A customer without a value of its own has nothing to keep.
            empty = sum(
                count
                for (diff, count), values in zip(diffs, counts, strict=True)
                if name in diff
                and name not in applied
                and name in handed_down.missing_fields(dict(values), entries)
            )
            texts = []
            if name in applied:
                texts.append(
                    self.env._(
                        "%(count)s get the group's %(value)s",
                        count=differ,
                        value=value,
                    )
                )
            elif differ > empty:
                texts.append(
                    self.env._(
                        "%(count)s keep their own (group: %(value)s)",
                        count=differ - empty,
                        value=value,
                    )
                )
            if empty:
                texts.append(
                    self.env._(
                        "%(count)s have none and get the group's %(value)s",
                        count=empty,
                        value=value,
                    )
                )
            rows.append(Markup("<li><b>%s</b>: %s</li>") % (label, "; ".join(texts)))
        if not rows:
            return Markup("<p>%s</p>") % self.env._("Nothing changes but the group.")
        return Markup("<ul class='mb-0'>%s</ul>") % Markup().join(rows)

    # ------------------------------------------------------------------ assigning

    def _check_run(self):
        """Refuse the run before anything is written: groups of another company or
        archived, and a rule that finds no customer."""
        self.ensure_one()
        groups = self.line_ids.group_id
        for group in groups | self.group_id:
            if group.company_id != self.company_id:
                raise UserError(
                    self.env._(
                        "The customer group %(group)s belongs to %(other)s, not to "
                        "%(company)s whose customers are assigned. Choose a group of "
                        "%(company)s.",
                        group=group.display_name,
                        other=group.company_id.display_name,
                        company=self.company_id.display_name,
                    )
                )
        groups._check_accepts_members()
        if not groups:
            raise UserError(
                self.env._(
                    "The rule %(rule)s finds no customer to assign in %(company)s "
                    "(%(apart)s left apart). Choose another rule or other groups, or "
                    "widen the filters.",
                    rule=self._rule_label(),
                    company=self.company_id.display_name,
                    apart=self.unmatched_count,
                )
            )

    def _rule_label(self):
        return dict(self._fields["rule"]._description_selection(self.env))[self.rule]

    def action_refresh(self):
        self.ensure_one()
        # The preview follows the database, not only the wizard's fields: customers
        # assigned meanwhile (another run, the form) drop out of it.
        self._compute_line_ids()
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign Customer Groups"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "context": {"dialog_size": "extra-large"},
        }

    def action_assign(self):
        """Put the previewed customers into their groups, keeping their own values
        where no box is ticked, with a note on each; one transaction per batch."""
        self.ensure_one()
        self.env["account.customer.group"].check_access("write")
        self._check_run()
        work = [
            (line.group_id, partner_id)
            for line in self.line_ids.filtered("group_id")
            for partner_id in line.partner_ids.ids
        ]
        total = len(work)
        assigned = 0
        rule = self._rule_label()
        for start in range(0, total, BATCH_SIZE):
            batch = defaultdict(list)
            for group, partner_id in work[start : start + BATCH_SIZE]:
                batch[group].append(partner_id)
            for group, partner_ids in batch.items():
                assigned += self._assign_batch(group, partner_ids, rule)
            done = min(start + BATCH_SIZE, total)
            if done < total:
                # Large runs: what is done is kept, and the user sees how far it is
                # (the bus delivers the notification with the commit).
                self.env.user._bus_send(
                    "simple_notification",
                    {
                        "type": "info",
                        "title": self.env._("Assign Customer Groups"),
                        "message": self.env._(
                            "%(done)s of %(total)s customers assigned…",
                            done=done,
                            total=total,
                        ),
                    },
                )
                self.env["ir.cron"]._commit_progress(BATCH_SIZE, remaining=total - done)
        return success_notification(
            self.env._(
                "%(count)s customers assigned to their groups; %(apart)s left "
                "apart, for a next run.",
                count=assigned,
                apart=self.unmatched_count,
            )
        )

    def _assign_batch(self, group, partner_ids, rule):
        """Join ``partner_ids`` to ``group`` in one write that gives them the group's
        value of the ticked (and locked) fields only, then one note per customer.
        Customers that got a group since the preview (another run, the form) keep
        it. Returns how many joined."""
        partners = (
            self.env["res.partner"]
            .with_company(self.company_id)
            .with_context(
                mail_notrack=True, **{STAMPED_ONLY: True, KEEP_OWN_VALUES: True}
            )
            .browse(partner_ids)
            .filtered(lambda partner: not partner.customer_group_id)
        )
        partners.fetch(list(partners._customer_group_fields()))
        defaults = group._partner_defaults()
        applied = self._applied_fields(group)
        entries = partners._customer_group_handed_down()
        # Customers with the same values get the same note: written once. A value a
        # customer does not have is never kept: it takes the group's. Customers that
        # take the same fields are written together.
        notes = {}
        bodies = {}
        taking = defaultdict(list)
        for partner in partners:
            current = partner._customer_group_values()
            key = tuple(sorted(current.items()))
            taken = frozenset(applied | handed_down.missing_fields(current, entries))
            if key not in notes:
                notes[key] = self._note(group, rule, partner, current, defaults, taken)
            bodies[partner.id] = notes[key]
            taking[taken].append(partner.id)
        for taken, ids in taking.items():
            partners.browse(ids).write(
                {
                    "customer_group_id": group.id,
                    **{name: defaults[name] for name in taken if name in defaults},
                }
            )
        self._log_notes(partners, bodies)
        return len(partners)

    def _log_notes(self, partners, bodies):
        """The note ``bodies[partner id]`` in each customer's chatter.

        The first note is logged by the ORM; the others copy its row in one INSERT,
        with their own customer and body. Logged one by one, the ORM would sanitize
        each body (built escaped here) and update each customer's cached messages,
        which makes most of a run over thousands of customers."""
        if not partners:
            return
        first = partners[:1]._message_log_batch(
            {partners[:1].id: bodies[partners[:1].id]}
        )
        others = partners[1:]
        if not others:
            return
        messages = self.env["mail.message"]
        messages.flush_model()
        columns = [
            name
            for name, field in messages._fields.items()
            if field.store
            and field.column_type
            and name not in ("id", "res_id", "body", "message_id")
        ]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_message (res_id, body, message_id, %(columns)s)
                SELECT note.res_id, note.body, note.message_id, %(copied)s
                  FROM mail_message logged
                 CROSS JOIN unnest(%(ids)s::int[], %(bodies)s::text[],
                                   %(message_ids)s::varchar[])
                       AS note(res_id, body, message_id)
                 WHERE logged.id = %(logged)s
                """,
                columns=SQL(", ").join(SQL.identifier(name) for name in columns),
                copied=SQL(", ").join(
                    SQL.identifier("logged", name) for name in columns
                ),
                ids=others.ids,
                bodies=[str(bodies[partner_id]) for partner_id in others.ids],
                # Each note its own Message-Id, as the ORM gives it: a reply by
                # e-mail is routed to the one customer it answers.
                message_ids=[
                    generate_tracking_message_id(f"{partner_id}-res.partner")
                    for partner_id in others.ids
                ],
                logged=first.id,
            )
        )
        others.invalidate_recordset(
            [
                name
                for name, field in others._fields.items()
                if field.type == "one2many" and field.comodel_name == "mail.message"
            ]
        )

    def _note(self, group, rule, partner, current, defaults, applied):
        changes = [
            (
                partner._fields[name].get_description(self.env)["string"],
                partner._customer_group_display(name, own),
                partner._customer_group_display(name, value),
                name in applied,
            )
            for name, (own, value, _overridden) in inheritance.rolldown_diff(
                defaults, current
            ).items()
        ]
        lines = Markup().join(
            Markup("<li>%s: %s → %s</li>") % (label, old, new)
            if taken
            else Markup("<li>%s</li>")
            % self.env._(
                "%(field)s: %(own)s kept (group: %(group)s)",
                field=label,
                own=old,
                group=new,
            )
            for label, old, new, taken in changes
        )
        return Markup("%s%s") % (
            self.env._(
                "Joined customer group %(group)s (Assign Customer Groups, %(rule)s).",
                group=group.display_name,
                rule=rule,
            ),
            Markup("<ul>%s</ul>") % lines if changes else "",
        )
