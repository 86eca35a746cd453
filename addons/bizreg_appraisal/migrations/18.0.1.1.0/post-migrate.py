# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cron method renamed to the suite's scheme (``_cron_<what>`` on bizreg's own
models); the cron record is ``noupdate``, so its code is updated here."""


def migrate(cr, version):
    cr.execute(
        "UPDATE ir_act_server SET code = %s WHERE code = %s AND state = 'code'",
        ("model._cron_deadlines()", "model._cron_bizreg_evaluation_deadlines()"),
    )
