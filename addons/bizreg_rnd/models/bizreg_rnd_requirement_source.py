# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import fields, models


class BizregRndRequirementSource(models.AbstractModel):
    """What a requirement can come from (a research report, an opportunity,
    a helpdesk ticket): the "Create Requirement" button and the smart button
    of the requirements raised from the record.  The requirement's source
    field pointing to the record is found from the model
    (``bizreg.rnd.requirement._source_field``)."""

    _name = "bizreg.rnd.requirement.source"
    _description = "Source of Product Requirements"

    bizreg_rnd_requirement_count = fields.Integer(
        string="Requirements", compute="_compute_bizreg_rnd_requirement_count"
    )

    def _bizreg_rnd_source_field(self):
        return self.env["bizreg.rnd.requirement"]._source_field(self)

    def _compute_bizreg_rnd_requirement_count(self):
        counts = {}
        if self.ids:
            field = self._bizreg_rnd_source_field()
            counts = {
                source.id: count
                for source, count in self.env["bizreg.rnd.requirement"]._read_group(
                    [(field, "in", self.ids)], [field], ["__count"]
                )
            }
        for record in self:
            record.bizreg_rnd_requirement_count = counts.get(record.id, 0)

    def _bizreg_rnd_requirement_description(self):
        """The requirement's description, from the source."""
        self.ensure_one()
        return Markup("%s") % (self.description or "")

    def bizreg_action_create_rnd_requirement(self):
        """Button: raise a product requirement from this record."""
        self.ensure_one()
        requirement = self.env["bizreg.rnd.requirement"]._create_from_source(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "bizreg.rnd.requirement",
            "res_id": requirement.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def bizreg_action_view_rnd_requirements(self):
        """Smart button: the requirements raised from this record."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_rnd.bizreg_rnd_requirement_action"
        )
        action["domain"] = [(self._bizreg_rnd_source_field(), "=", self.id)]
        action["context"] = {"create": False}
        return action
