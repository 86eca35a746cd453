# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import models


class CrmLead(models.Model):
    """An opportunity raises product requirements (a customer need, a lost
    reason)."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "bizreg.rnd.requirement.source"]

    def _bizreg_rnd_requirement_description(self):
        body = super()._bizreg_rnd_requirement_description()
        if self.lost_reason_id:
            body += Markup("<p>%s %s</p>") % (
                self.env._("Lost reason:"),
                self.lost_reason_id.name,
            )
        return body
