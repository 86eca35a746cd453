# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hardening and extensions of OCA ``tier.validation`` for every approvable model.

- Only the approval engine changes reviews (see ``tier.review``); the OCA entry
  points that create, approve, reject or delete reviews open that scope.
- A substitute named in an active delegation acts for the reviewer.
- A user never approves a review of a request they submitted or created, and
  does not approve a countersign step twice.
- Rejecting always asks for a reason (OCA's comment wizard).
"""

from markupsafe import Markup, escape

from odoo import api, models, tools
from odoo.exceptions import UserError

from ..tools import acting_for, is_trusted, trusted


class TierValidation(models.AbstractModel):
    _inherit = "tier.validation"

    # Field naming whom the document belongs to (res.users or hr.employee):
    # its owner never approves it.  Override per model.
    _bizreg_owner_field = "user_id"

    def _get_exception_fields(self, extra_domain=None):
        """OCA searches the exceptions on every write of an approvable record
        (two or three searches a write): the answer depends only on the model,
        the companies, the user's groups and the domain, so it is looked up
        once and kept until an exception changes (``tier.validation.exception``
        clears the cache)."""
        return list(
            self._bizreg_exception_fields(
                tuple(self._get_company().ids),
                tuple(self.env.user._get_group_ids()),
                tuple(extra_domain or ()),
            )
        )

    @api.model
    @tools.ormcache("company_ids", "group_ids", "extra_domain")
    def _bizreg_exception_fields(self, company_ids, group_ids, extra_domain):
        return tuple(
            self.env["tier.validation.exception"]
            .sudo()
            .search(
                [
                    ("model_name", "=", self._name),
                    ("company_id", "in", [False, *company_ids]),
                    "|",
                    ("group_ids", "in", list(group_ids)),
                    ("group_ids", "=", False),
                    *extra_domain,
                ]
            )
            .mapped("field_ids.name")
        )

    def _compute_next_review(self):
        """OCA's "Next: <step>" banner, translated: Odoo looks a code term up
        in the po files of the module whose code calls ``_()``, and OCA's
        zh_CN.po leaves this one empty, so bizreg words it (zh_CN in
        bizreg_base's po)."""
        res = super()._compute_next_review()
        for rec in self.filtered("next_review"):
            review = rec.review_ids.sorted("sequence").filtered(
                lambda x: x.status == "pending"
            )[:1]
            rec.next_review = self.env._("Next: %s", review.name or "")
        return res

    # ------------------------------------------------------------------
    # Who may act
    # ------------------------------------------------------------------
    def _bizreg_owner_users(self):
        """The users the documents belong to (e.g. the salesperson of an
        order, the employee of an appraisal)."""
        field = self._fields.get(self._bizreg_owner_field)
        if not field or field.type != "many2one":
            return self.env["res.users"]
        owners = self.mapped(self._bizreg_owner_field)
        if field.comodel_name == "res.users":
            return owners
        if "user_id" in self.env[field.comodel_name]._fields:
            return owners.mapped("user_id")
        return self.env["res.users"]

    def _get_sequences_to_approve(self, user):
        sequences = super()._get_sequences_to_approve(user)
        if not sequences:
            return sequences
        open_reviews = self.review_ids.filtered(
            lambda r: (
                r.status in ("waiting", "pending")
                and r.sequence in sequences
                and user in r.reviewer_ids
            )
        )
        allowed = open_reviews.filtered(
            lambda r: (
                user not in r.bizreg_approver_ids and user not in r._bizreg_requesters()
            )
        )
        return [seq for seq in sequences if seq in allowed.mapped("sequence")]

    def _bizreg_review_principal(self):
        """The user on whose behalf the current user reviews this record: the
        current user when they are a reviewer, else a reviewer who delegated to
        them for today.  Empty when they cannot act."""
        self.ensure_one()
        user = self.env.user
        if self._get_sequences_to_approve(user):
            return user
        if any(user in r._bizreg_requesters() for r in self.review_ids):
            return user.browse()
        for delegator in user._bizreg_delegators():
            if self._get_sequences_to_approve(delegator):
                return delegator
        return user.browse()

    @api.depends_context("uid")
    @api.depends("review_ids.status")
    def _compute_can_review(self):
        res = super()._compute_can_review()
        if self.env.user._bizreg_delegators():
            for rec in self.filtered(lambda r: not r.can_review and r.review_ids):
                rec.can_review = bool(rec._bizreg_review_principal())
        return res

    @api.model
    def _search_can_review(self, operator, value):
        domain = super()._search_can_review(operator, value)
        delegators = self.env.user._bizreg_delegators()
        if not delegators:
            return domain
        candidates = self.search(
            [
                ("review_ids.reviewer_ids", "in", delegators.ids),
                ("review_ids.status", "in", ["pending", "waiting"]),
            ]
        ).filtered(lambda r: r._bizreg_review_principal())
        return ["|", *domain, ("id", "in", candidates.ids)]

    def _bizreg_as_principal(self, method, *args):
        """Call ``method`` as the principal reviewer, inside the engine scope."""
        self.ensure_one()
        principal = self._bizreg_review_principal()
        if not principal:
            raise UserError(
                self.env._("You have no review to act on for this document.")
            )
        if principal == self.env.user:
            with trusted("review"):
                return method(self, *args)
        with trusted("review"), acting_for(self.env.uid):
            return method(self.with_user(principal), *args)

    # ------------------------------------------------------------------
    # Public entry points
    # ------------------------------------------------------------------
    def validate_tier(self):
        return self._bizreg_as_principal(lambda rec: super().validate_tier())

    def reject_tier(self):
        """Rejecting always asks for a reason."""

        def _open_wizard(rec):
            sequences = rec._get_sequences_to_approve(rec.env.user)
            reviews = rec.review_ids.filtered(lambda r: r.sequence in sequences)
            action = rec._add_comment("reject", reviews)
            action["name"] = rec.env._("Reason for rejection")
            return action

        return self._bizreg_as_principal(_open_wizard)

    def request_validation(self):
        # who may change the document may submit it, not every reader
        if not self.env.su:
            self.check_access("write")
        with trusted("review"):
            reviews = super().request_validation()
            # Let OCA move the first steps to "pending" now (it does so when
            # can_review is computed), so that their deadlines start now.
            reviews.flush_recordset(["can_review"])
        # OCA's ``need_validation`` declares no dependency: computed before
        # the request, it would stay True in the cache, and approving in the
        # same transaction would request the validation again
        self.invalidate_recordset(["need_validation"])
        return reviews

    def restart_validation(self):
        if not self.env.su and not is_trusted("review"):
            self.check_access("write")
        for rec in self.filtered("review_ids"):
            rec._bizreg_log_review_round()
        with trusted("review"):
            return super().restart_validation()

    def _tier_validation_check_state_on_write(self, vals):
        with trusted("review"):
            return super()._tier_validation_check_state_on_write(vals)

    def _tier_validation_check_write_remove_reviews(self, vals):
        with trusted("review"):
            return super()._tier_validation_check_write_remove_reviews(vals)

    def unlink(self):
        with trusted("review"):
            return super().unlink()

    # ------------------------------------------------------------------
    # History
    # ------------------------------------------------------------------
    def _bizreg_log_review_round(self):
        """Keep the outcome of a review round in the chatter before it is reset."""
        self.ensure_one()
        if not hasattr(self, "message_post"):
            return
        lines = Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(step)s: %(status)s%(by)s%(comment)s",
                step=review.name or "",
                status=review.display_status,
                by=(" — " + ", ".join(review.bizreg_approver_ids.mapped("name")))
                if review.bizreg_approver_ids
                else (" — " + review.done_by.name if review.done_by else ""),
                comment=(" (" + review.comment + ")") if review.comment else "",
            )
            for review in self.review_ids.sorted("sequence")
        )
        self.sudo().message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (escape(self.env._("Review round closed:")), lines),
            subtype_xmlid="mail.mt_note",
        )
