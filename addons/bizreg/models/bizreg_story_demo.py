# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from ..story_demo import story_flow


class BizregRegulationClause(models.Model):
    _inherit = "bizreg.regulation.clause"

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_story(self, step):
        """Called by the demo data: see :func:`..story_demo.story_flow`."""
        return story_flow(self.env, step)
