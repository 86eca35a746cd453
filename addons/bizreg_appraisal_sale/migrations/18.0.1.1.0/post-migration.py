# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: the customer growth rate KPI becomes a measure.

The KPI records of the bridge are ``noupdate``: an upgrade does not rewrite
them, so the shipped KPI is switched here, unless an administrator already
gave it a source of their own.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    kpi = env.ref("bizreg_appraisal.kpi_sale_customer_growth", raise_if_not_found=False)
    if kpi and kpi.source == "manual" and not kpi.measure_code:
        kpi.write({"source": "measure", "measure_code": "sale_customer_growth"})
