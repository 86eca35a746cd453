# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import models

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"

    def _bizreg_demo_set_currency(self, currency_id):
        """Demo data: make ``currency_id`` the currency of this company.

        Odoo refuses to change a company's currency once journal items exist
        (``account``'s ``res.company.write``). In one install of the suite,
        ``account`` loads before ``bizreg_base`` (lower depth in the module
        graph) and its demo posts invoices in the currency the company had
        (US dollars). When the company's only journal entries are that demo
        of ``account`` (records of module ``account``, or moves of its demo
        bank statements and statement lines), they are removed, the currency
        is changed and ``account``'s own demo loader (``_install_demo``, what
        ``account`` runs when demo data is requested later) posts them again
        in the new currency. Entries that are not ``account``'s demo are never touched:
        the currency then stays as it is. The company's pricelists in the old
        currency follow the company (sales orders take their currency from
        the pricelist)."""
        self.ensure_one()
        company = self.sudo()
        currency = self.env["res.currency"].browse(currency_id)
        old = company.currency_id
        if old == currency:
            return True
        reload_demo = False
        if "account.move" in self.env and company._existing_accounting():
            moves = (
                self.env["account.move"]
                .sudo()
                .with_context(active_test=False)
                .search([("company_id", "child_of", company.id)])
            )
            data = self.env["ir.model.data"].sudo()
            demo_moves = data.search(
                [
                    ("module", "=", "account"),
                    ("model", "=", "account.move"),
                    ("res_id", "in", moves.ids),
                ]
            ).mapped("res_id")
            statement_lines = moves.statement_line_id
            demo_lines = data.search(
                [
                    ("module", "=", "account"),
                    ("model", "=", "account.bank.statement.line"),
                    ("res_id", "in", statement_lines.ids),
                ]
            ).mapped("res_id")
            demo_statements = data.search(
                [
                    ("module", "=", "account"),
                    ("model", "=", "account.bank.statement"),
                    ("res_id", "in", statement_lines.statement_id.ids),
                ]
            ).mapped("res_id")
            if any(
                move.id not in demo_moves
                and move.statement_line_id.id not in demo_lines
                and move.statement_line_id.statement_id.id not in demo_statements
                for move in moves
            ):
                _logger.info(
                    "Demo company %s keeps %s: it has journal entries besides "
                    "account's demo",
                    company.name,
                    old.name,
                )
                return False
            moves.filtered(lambda m: m.state != "draft").button_draft()
            statement_lines.with_context(force_delete=True).unlink()
            moves.exists().with_context(force_delete=True).unlink()
            self.env["account.bank.statement"].sudo().search(
                [("company_id", "=", company.id)]
            ).unlink()
            reload_demo = bool(company.chart_template)
        company.write({"currency_id": currency.id})
        if "product.pricelist" in self.env:
            pricelists = self.env["product.pricelist"].sudo()
            pricelists.with_context(active_test=False).search(
                [
                    ("company_id", "in", (company.id, False)),
                    ("currency_id", "=", old.id),
                ]
            ).write({"currency_id": currency.id})
        if reload_demo:
            self.env["account.chart.template"]._install_demo(company)
        return True
