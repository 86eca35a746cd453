# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools import SQL


class BizregNumberingCounter(models.Model):
    """The next serial of one numbering rule in one period.

    Gapless: a serial is drawn by updating this row in the transaction that
    uses the number, so the row stays locked until that transaction ends and
    a rollback (a failed or retried submission) gives the serial back.  The
    first draw of a new period inserts the row; concurrent first draws are
    serialised by the unique index (PostgreSQL makes the later one wait, then
    Odoo retries it on the serialisation failure).
    """

    _name = "bizreg.numbering.counter"
    _description = "Numbering Counter"
    _order = "rule_id, period_start desc"
    _log_access = False

    rule_id = fields.Many2one(
        "bizreg.numbering.rule", required=True, readonly=True, ondelete="cascade"
    )
    period_start = fields.Date(required=True, readonly=True)
    next_serial = fields.Integer(required=True, readonly=True, default=1)

    _sql_constraints = [
        (
            "rule_period_uniq",
            "unique(rule_id, period_start)",
            "A numbering rule has one counter per period.",
        ),
    ]

    def _draw(self, rule, period_start):
        """Return the next serial of ``rule`` in the period starting on
        ``period_start`` and advance the counter (row-locked until commit)."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO bizreg_numbering_counter
                       (rule_id, period_start, next_serial)
                VALUES (%s, %s, 1)
                ON CONFLICT (rule_id, period_start) DO NOTHING
                """,
                rule.id,
                period_start,
            ),
            log_exceptions=False,
        )
        cr.execute(
            SQL(
                """
                UPDATE bizreg_numbering_counter
                   SET next_serial = next_serial + 1
                 WHERE rule_id = %s AND period_start = %s
             RETURNING next_serial - 1
                """,
                rule.id,
                period_start,
            ),
            log_exceptions=False,
        )
        serial = cr.fetchone()[0]
        self.invalidate_model(["next_serial"])
        return serial
