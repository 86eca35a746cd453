# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class BizregRndDesignReview(models.Model):
    """The design review (设计评审) of a release: the design documents
    reviewed, the reviewers' comments and their resolution, countersigned by
    the R&D Manager and one reviewer of the R&D group.  Until it is
    approved, the development tasks of the release stay in their first
    stage."""

    _name = "bizreg.rnd.design.review"
    _description = "Design Review"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _state_from = ["draft", "review", "approved"]
    _state_to = []
    # an approved design review may change (the change sends it back to
    # review); under review only the comments and the conclusion
    _bizreg_editable_approved_state = "approved"
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "review", "approved")
    _bizreg_rejected_to_draft = False
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    _bizreg_amendable = False

    name = fields.Char(string="Subject", required=True, tracking=True)
    user_id = fields.Many2one(string="Author")
    release_id = fields.Many2one(
        "bizreg.rnd.release",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    document_ids = fields.Many2many(
        "bizreg.rnd.design.document",
        "bizreg_rnd_design_review_document_rel",
        "review_id",
        "document_id",
        string="Documents Reviewed",
    )
    comment_ids = fields.One2many(
        "bizreg.rnd.design.review.comment",
        "review_id",
        string="Comments",
    )
    conclusion = fields.Text()
    date_review = fields.Date(
        string="Review Date", default=fields.Date.context_today, tracking=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Approved terms: the fields and the documents reviewed (comments are
    # the review's work, not its terms)
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        terms = super()._bizreg_terms()
        terms["documents"] = [
            {
                "id": document.id,
                "kind": document.kind,
                "name": document.name,
                "url": document.url or "",
                "files": sorted(document.attachment_ids.ids),
            }
            for document in self.document_ids.sorted("id")
        ]
        return terms

    @api.model
    def _bizreg_terms_fields(self):
        return super()._bizreg_terms_fields() | {"document_ids"}

    @api.model
    def _bizreg_engine_fields(self):
        # the reviewers comment while the review is under review
        return super()._bizreg_engine_fields() + ["state", "comment_ids", "conclusion"]

    def unlink(self):
        if any(r.state not in ("draft", "cancel") for r in self):
            raise UserError(
                self.env._("Only draft or cancelled design reviews can be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → under review: countersigned by the R&D Manager and one
        reviewer of the R&D group; the review gets its number."""
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for review in self:
            if not review.document_ids:
                raise UserError(
                    self.env._(
                        "Design review “%s” has no documents: add the design "
                        "documents reviewed first.",
                        review.display_name,
                    )
                )

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(["draft", "review"])
        self.filtered("review_ids").restart_validation()
        self._bizreg_set_state("cancel")
        return True

    def action_draft(self):
        self.check_access("write")
        self._bizreg_check_state(["cancel"])
        self._bizreg_set_state("draft")
        return True

    # ------------------------------------------------------------------
    # Countersign: one person signs one part
    # ------------------------------------------------------------------
    def _validate_tier(self, tiers=False):
        """The R&D Manager and one reviewer of the R&D group countersign: a
        person who may sign both parts (a manager is also in the R&D group)
        signs one of them per document, the most specific one first (the
        step with the fewest reviewers)."""
        self.ensure_one()
        user = self.env.user
        if self.review_ids.filtered(lambda r: user in r.bizreg_approver_ids):
            raise UserError(
                self.env._(
                    "You have already signed design review “%s”: another "
                    "reviewer countersigns it.",
                    self.display_name,
                )
            )
        reviews = (tiers or self.review_ids).filtered(
            lambda r: r.status in ("waiting", "pending") and user in r.reviewer_ids
        )
        if len(reviews) > 1:
            tiers = reviews.sorted(lambda r: (len(r.reviewer_ids), r.sequence))[:1]
        return super()._validate_tier(tiers)

    # ------------------------------------------------------------------
    # The gate of the release's development tasks
    # ------------------------------------------------------------------
    @api.model
    def _approved_release_ids(self, releases):
        """Ids of the releases among ``releases`` with an approved design
        review."""
        if not releases:
            return set()
        groups = self.sudo()._read_group(
            [("release_id", "in", releases.ids), ("state", "=", "approved")],
            ["release_id"],
        )
        return {release.id for (release,) in groups}

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_design_review_flow(self, xmlid, signer_xmlids):
        """Demo data: submit the review as its author, then each signer
        countersigns it."""
        review = self.env.ref(xmlid)
        if review.state != "draft":
            return True
        review.with_user(review.user_id).action_submit()
        for signer in signer_xmlids:
            review.with_user(self.env.ref(signer)).validate_tier()
        return True
