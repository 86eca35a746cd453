# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One reminder system: bizreg's own reminder delay (working days, float) moves
to OCA's ``notify_reminder_delay`` before the column is dropped."""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not column_exists(cr, "tier_definition", "bizreg_reminder_days"):
        return
    cr.execute(
        """
        UPDATE tier_definition
           SET notify_reminder_delay = CEIL(bizreg_reminder_days)::integer
         WHERE COALESCE(bizreg_reminder_days, 0) > 0
           AND COALESCE(notify_reminder_delay, 0) = 0
        """
    )
