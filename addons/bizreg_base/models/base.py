# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models

from ..tools import is_trusted


class Base(models.AbstractModel):
    _inherit = "base"

    def write(self, vals):
        """Hold changes of important fields (four-eyes rules) for confirmation."""
        if vals and not self.env.su and not is_trusted("four_eyes"):
            guarded_map = self.env["bizreg.four.eyes.rule"]._bizreg_guarded_map()
            by_field = guarded_map.get(self._name)
            if by_field and by_field.keys() & vals.keys():
                guarded = {}
                Rule = self.env["bizreg.four.eyes.rule"].sudo()
                for fname in by_field.keys() & vals.keys():
                    rule_id = by_field[fname][0][0]
                    guarded.setdefault(Rule.browse(rule_id), {})[fname] = vals[fname]
                self.check_access("write")
                self.env["bizreg.pending.change"]._bizreg_stage(self, guarded)
                vals = {k: v for k, v in vals.items() if k not in by_field}
                if not vals:
                    return True
        return super().write(vals)
