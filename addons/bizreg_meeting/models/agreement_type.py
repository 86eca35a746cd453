# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class AgreementType(models.Model):
    _inherit = "agreement.type"

    bizreg_regulated = fields.Boolean(
        string="Approved Before Signing",
        help="Agreements of this type state both parties' rights and duties "
        "and are approved (the responsible's department manager and Legal) "
        "before they are signed, then reminded before they expire. Other "
        "agreements work as usual.",
    )
