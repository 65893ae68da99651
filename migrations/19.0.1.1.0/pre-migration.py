# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.1.0 gives the fields the addon adds to customers and companies a
``customer_`` prefix where the bare name means something else in core
(``account_type`` on a partner read like ``account.account.account_type``).

Renaming before the registry loads the new code keeps every value: the
column, the field's ``ir.model.fields`` row (so defaults, tracking values and
exports that point at it follow) and its external ids. The roll-down keeps
pending customer field names in ``rolldown_previous_values``: renamed too.
The addon's stored views on customers and settings name the old fields until
their new arch is loaded, and Odoo validates them earlier, while it loads the
views they extend: their arch is renamed here as well.
"""

import logging
import re

from psycopg2 import sql
from psycopg2.extras import Json

_logger = logging.getLogger(__name__)

RENAMED_FIELDS = {
    "res.partner": {
        "account_set_id": "customer_account_set_id",
        "interest_profile_id": "customer_interest_profile_id",
        "billing_cycle_id": "customer_billing_cycle_id",
        "account_type": "customer_account_type",
        "print_statements": "customer_print_statements",
    },
    "res.company": {
        "statistics_period_type": "customer_statistics_period_type",
        "statistics_year_basis": "customer_statistics_year_basis",
        "allow_edit_statistics": "customer_statistics_allow_edit",
    },
}


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cr.rowcount)


def _rename_field(cr, model, old, new):
    table = model.replace(".", "_")
    if _column_exists(cr, table, old) and not _column_exists(cr, table, new):
        cr.execute(
            sql.SQL("ALTER TABLE {} RENAME COLUMN {} TO {}").format(
                sql.Identifier(table), sql.Identifier(old), sql.Identifier(new)
            )
        )
        old_index, new_index = f"{table}__{old}_index", f"{table}__{new}_index"
        cr.execute("SELECT 1 FROM pg_class WHERE relname = %s", (old_index,))
        if cr.rowcount:
            cr.execute(
                sql.SQL("ALTER INDEX {} RENAME TO {}").format(
                    sql.Identifier(old_index), sql.Identifier(new_index)
                )
            )
    cr.execute(
        "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
        (new, model, old),
    )
    underscored = model.replace(".", "_")
    cr.execute(
        "UPDATE ir_model_data SET name = %s "
        "WHERE module = 'account_customer_group' AND model = 'ir.model.fields' "
        "AND name = %s",
        (f"field_{underscored}__{new}", f"field_{underscored}__{old}"),
    )
    cr.execute(
        "UPDATE ir_model_data "
        "SET name = replace(name, %s, %s) "
        "WHERE module = 'account_customer_group' "
        "AND model = 'ir.model.fields.selection' AND name LIKE %s",
        (
            f"selection__{underscored}__{old}__",
            f"selection__{underscored}__{new}__",
            f"selection\\_\\_{underscored}\\_\\_{old}\\_\\_%",
        ),
    )
    _logger.info("Renamed %s.%s to %s", model, old, new)


def _rename_pending_rolldown_keys(cr, renamed):
    if not _column_exists(cr, "account_customer_group", "rolldown_previous_values"):
        return
    for old, new in renamed.items():
        cr.execute(
            "UPDATE account_customer_group "
            "SET rolldown_previous_values = "
            "(rolldown_previous_values - %s) "
            "|| jsonb_build_object(%s, rolldown_previous_values -> %s) "
            "WHERE rolldown_previous_values ? %s",
            (old, new, old, old),
        )


def _rename_in_views(cr, model, renamed):
    """Rename the fields in the addon's stored views of ``model`` (every
    language of ``arch_db``); other models' views keep names such as the
    group's own ``account_set_id``."""
    names = "|".join(map(re.escape, renamed))
    pattern = re.compile(rf"\b({names})\b")
    cr.execute(
        "SELECT v.id, v.arch_db FROM ir_ui_view v "
        "JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id "
        "WHERE d.module = 'account_customer_group' AND v.model = %s",
        (model,),
    )
    for view_id, arch in cr.fetchall():
        if not arch:
            continue
        new_arch = {
            lang: pattern.sub(lambda match: renamed[match.group(1)], text)
            for lang, text in arch.items()
        }
        if new_arch != arch:
            cr.execute(
                "UPDATE ir_ui_view SET arch_db = %s WHERE id = %s",
                (Json(new_arch), view_id),
            )


def migrate(cr, version):
    if not version:
        return
    for model, renamed in RENAMED_FIELDS.items():
        for old, new in renamed.items():
            _rename_field(cr, model, old, new)
    _rename_pending_rolldown_keys(cr, RENAMED_FIELDS["res.partner"])
    _rename_in_views(cr, "res.partner", RENAMED_FIELDS["res.partner"])
    _rename_in_views(cr, "res.company", RENAMED_FIELDS["res.company"])
    # The settings' related fields carry the company's names.
    _rename_in_views(cr, "res.config.settings", RENAMED_FIELDS["res.company"])
