# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cron methods renamed to the suite's scheme (``_cron_<what>`` on bizreg's own
models, ``_cron_bizreg_<what>`` on Odoo/OCA models); the cron records are
``noupdate``, so their code is updated here."""


def migrate(cr, version):
    for old, new in (
        ("model._bizreg_cron_escalate()", "model._cron_bizreg_ticket_deadlines()"),
        ("model._cron_bizreg_return_visits()", "model._cron_return_visits()"),
    ):
        cr.execute(
            "UPDATE ir_act_server SET code = %s WHERE code = %s AND state = 'code'",
            (new, old),
        )
