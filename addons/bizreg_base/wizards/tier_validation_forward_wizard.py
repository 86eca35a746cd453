# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import AccessError, UserError

from ..tools import trusted


class TierValidationForwardWizard(models.TransientModel):
    _inherit = "tier.validation.forward.wizard"

    def add_forward(self):
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        if document._bizreg_review_principal() != self.env.user:
            raise AccessError(
                self.env._("Only a reviewer of the current step can forward it.")
            )
        sequences = document._get_sequences_to_approve(self.env.user)
        step = document.review_ids.filtered(
            lambda r: r.sequence in sequences and r.status in ("waiting", "pending")
        )
        if any(r.bizreg_approval_mode in ("all", "quorum") for r in step):
            raise UserError(
                self.env._(
                    "A countersign step cannot be forwarded: each of its reviewers "
                    "approves in person (or through a delegation)."
                )
            )
        target = self.forward_reviewer_id
        if target == self.env.user or any(
            target in review._bizreg_requesters() for review in step
        ):
            raise UserError(
                self.env._(
                    "Forward the step to another reviewer: not to yourself, nor "
                    "to who requested, created or owns the document."
                )
            )
        if target.share:
            raise UserError(self.env._("Only an internal user can review."))
        # the new step keeps the order of the chain
        self.approve_sequence = True
        with trusted("review"):
            return super().add_forward()
