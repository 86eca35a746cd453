# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import AccessError, ValidationError

from ..tools import acting_for, trusted


class CommentWizard(models.TransientModel):
    _inherit = "comment.wizard"

    def _bizreg_principal_and_reviews(self):
        """Check the current user may act on the wizard's reviews; return the
        principal reviewer they act for."""
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        principal = document._bizreg_review_principal()
        if not principal:
            raise AccessError(
                self.env._("You have no review to act on for this document.")
            )
        allowed = document.review_ids.filtered(
            lambda r: r.sequence in document._get_sequences_to_approve(principal)
        )
        if not self.review_ids or self.review_ids - allowed:
            raise AccessError(
                self.env._("You can only act on the reviews assigned to you.")
            )
        return principal

    def add_comment(self):
        self.ensure_one()
        if not (self.comment or "").strip():
            raise ValidationError(self.env._("Please give a reason."))
        principal = self._bizreg_principal_and_reviews()
        if principal == self.env.user:
            with trusted("review"):
                return super().add_comment()
        # Transient records are private to their creator: read as the system,
        # act as the principal reviewer.
        with trusted("review"), acting_for(self.env.uid):
            return super(CommentWizard, self.with_user(principal).sudo()).add_comment()
