# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import models


class BizregMarketingResearchReport(models.Model):
    """A market research report raises product requirements (its conclusions
    and recommendations)."""

    _name = "bizreg.marketing.research.report"
    _inherit = ["bizreg.marketing.research.report", "bizreg.rnd.requirement.source"]

    def _bizreg_rnd_requirement_description(self):
        self.ensure_one()
        return Markup("").join(
            Markup(part) for part in (self.conclusions, self.recommendations) if part
        )
