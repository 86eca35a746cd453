# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stored names of the existing reviews are computed again, so that they
carry their rule's name in every installed language (they had only the
language of whoever requested the review). At the end of the upgrade: the
reviews belong to models of the modules that depend on bizreg_base."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    reviews = env["tier.review"].search([])
    env.add_to_compute(reviews._fields["name"], reviews)
    reviews.flush_model(["name"])
