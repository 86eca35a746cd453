# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

_RULE_MODEL = "bizreg.data.entry.rule"
_LOG_MODEL = "bizreg.data.export.log"


class Base(models.AbstractModel):
    """Export control and log (every export route ends in ``export_data``);
    data entry rules, enforced on the result of every create and write."""

    _inherit = "base"

    def _validate_fields(self, field_names, excluded_names=()):
        field_names = set(field_names)
        res = super()._validate_fields(field_names, excluded_names)
        # Odoo's create calls this once per record with the record's inversed
        # fields (mostly none): no lookup at all then
        if (
            not field_names
            or self._name == _RULE_MODEL
            or _RULE_MODEL not in self.env.registry
        ):
            return res
        Rule = self.env[_RULE_MODEL]
        # one dict lookup for a model without rules (the map is cached)
        if Rule._bizreg_specs(self._name) and self:
            Rule._bizreg_enforce(self, field_names)
        return res

    def _read_format(self, fnames, load="_classic_read"):
        """Every read that returns records to a client (``read``,
        ``search_read``, ``web_read``, ``web_search_read``) ends here: a
        read of more confidential or secret records in one call than the
        threshold is logged and told to the Auditor."""
        result = super()._read_format(fnames, load)
        if (
            len(result) > 1
            and not self.env.su
            and self._name != _LOG_MODEL
            and _LOG_MODEL in self.env.registry
        ):
            self.env[_LOG_MODEL]._bizreg_check_mass_read(self, fnames)
        return result

    def export_data(self, fields_to_export):
        """Every export route of Odoo (the web client's export, ``/web/export/*``,
        RPC) ends here: the export of confidential or secret data is refused
        to whoever may not export it, and every export is logged."""
        if not (
            self.env.is_admin() or self.env.user.has_group("base.group_allow_export")
        ):
            # Odoo refuses it (no export feature): the attempt is logged too
            self.env["bizreg.data.export.log"]._bizreg_check_export(
                self, fields_to_export, export_feature=False
            )
            return super().export_data(fields_to_export)
        log = self.env["bizreg.data.export.log"]._bizreg_check_export(
            self, fields_to_export
        )
        result = super().export_data(fields_to_export)
        log._bizreg_flag_mass_export()
        return result
