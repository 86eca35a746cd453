# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import acting_user_id, is_trusted, trusted

_logger = logging.getLogger(__name__)


class TierReview(models.Model):
    _name = "tier.review"
    _inherit = ["tier.review", "bizreg.escalation.mixin"]

    bizreg_approval_mode = fields.Selection(
        related="definition_id.bizreg_approval_mode"
    )
    bizreg_approver_ids = fields.Many2many(
        "res.users",
        "bizreg_tier_review_approver_rel",
        "review_id",
        "user_id",
        string="Approved By",
        readonly=True,
        copy=False,
    )
    bizreg_actor_ids = fields.Many2many(
        "res.users",
        "bizreg_tier_review_actor_rel",
        "review_id",
        "user_id",
        string="Approved By (persons)",
        readonly=True,
        copy=False,
        help="The persons who approved, themselves or as substitutes: each "
        "counts once in a step.",
    )
    bizreg_required_count = fields.Integer(
        string="Approvals Needed", compute="_compute_bizreg_progress"
    )
    bizreg_progress = fields.Char(string="Progress", compute="_compute_bizreg_progress")
    bizreg_acting_user_id = fields.Many2one(
        "res.users",
        string="Acted By (substitute)",
        readonly=True,
        help="Set when a substitute acted on behalf of the reviewer.",
    )
    bizreg_pending_date = fields.Datetime(
        string="Pending Since", readonly=True, index=True, copy=False
    )
    bizreg_remind_deadline = fields.Datetime(
        string="Reminder Due",
        compute="_compute_bizreg_deadlines",
        store=True,
        index=True,
        help="When the reviewers who have not acted yet are reminded next: "
        "the step's reminder delay in working days after it became pending, "
        "then after each reminder.",
    )
    bizreg_escalate_deadline = fields.Datetime(
        string="Escalation Due",
        compute="_compute_bizreg_deadlines",
        store=True,
        index=True,
    )
    bizreg_escalated_date = fields.Datetime(
        string="Escalated On", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _compute_definition_data(self):
        """base_tier_validation_forward stores the review's name (translated)
        from its rule's, but in the current language only: a review requested
        by an English-speaking user, or by a scheduled job, showed its rule's
        English name to Chinese users. The rule's name in every installed
        language is stored (and again when translations are loaded:
        ``refresh_names``)."""
        res = super()._compute_definition_data()
        for lang, _name in self.env["res.lang"].get_installed():
            if lang != self.env.lang:
                for review in self.with_context(lang=lang):
                    review.name = review.definition_id.name
        return res

    @api.model
    def refresh_names(self, langs):
        """Store in each of ``langs`` the name of each review's rule where the
        review's differs: Odoo loads a module's translations (after its data
        and demo, or when a language is added) with SQL, which recomputes
        nothing. One grouped read per language; a write per stale group."""
        reviews = self.sudo().with_context(active_test=False)
        for lang in langs:
            in_lang = reviews.with_context(lang=lang)
            for definition, name in in_lang._read_group(
                [("definition_id", "!=", False)], ["definition_id", "name"]
            ):
                if name != definition.name:
                    in_lang.search(
                        [("definition_id", "=", definition.id), ("name", "=", name)]
                    ).write({"name": definition.name})

    @api.depends("reviewer_ids", "bizreg_approver_ids", "definition_id.bizreg_quorum")
    def _compute_bizreg_progress(self):
        for review in self:
            eligible = review.reviewer_ids - review._bizreg_requesters()
            mode = review.bizreg_approval_mode or "any"
            if mode == "all":
                needed = len(eligible)
            elif mode == "quorum":
                needed = min(review.definition_id.bizreg_quorum, len(eligible))
            else:
                needed = 1
            review.bizreg_required_count = max(needed, 1)
            review.bizreg_progress = (
                f"{len(review._bizreg_approvers())}/{review.bizreg_required_count}"
            )

    @api.depends(
        "bizreg_pending_date",
        "last_reminder_date",
        "definition_id.notify_reminder_delay",
        "definition_id.bizreg_escalation_days",
        "definition_id.company_id.resource_calendar_id",
    )
    def _compute_bizreg_deadlines(self):
        """Working days of the step's company calendar; a step of no company
        counts calendar days (never the calendar of whoever triggers the
        recompute)."""
        for review in self:
            definition = review.definition_id
            calendar = definition.company_id.resource_calendar_id
            start = review.bizreg_pending_date
            since = review.last_reminder_date or start
            review.bizreg_remind_deadline = (
                since
                and definition.notify_reminder_delay
                and calendar._bizreg_add_working_days(
                    since, definition.notify_reminder_delay
                )
            ) or False
            review.bizreg_escalate_deadline = (
                start
                and definition.bizreg_escalation_days
                and calendar._bizreg_add_working_days(
                    start, definition.bizreg_escalation_days
                )
            ) or False

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _bizreg_document(self):
        self.ensure_one()
        return self.env[self.model].browse(self.res_id)

    def _bizreg_requesters(self):
        """Users who may not approve this review: who requested it, who
        created the document and whom the document belongs to (its owners,
        declared by the document model)."""
        self.ensure_one()
        users = self.requested_by
        if self.model and self.res_id and self.model in self.env:
            document = self._bizreg_document().sudo()
            users |= document.create_uid | document._bizreg_owner_users()
        return users

    def _bizreg_approvers(self):
        """Who approved, archived users (e.g. the superuser) included."""
        self.ensure_one()
        return self.with_context(active_test=False).bizreg_approver_ids

    def _bizreg_check_engine(self):
        """Refuse any change to a review made outside of the approval engine:
        its status and its routing (reviewer, group, sequence, name, comment
        flag) alike.  Administrators configure tier definitions, not reviews."""
        if self.env.su or is_trusted("review"):
            return
        raise AccessError(
            self.env._(
                "Reviews change only through the Approve and Reject buttons "
                "of the document, by their reviewers."
            )
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._bizreg_check_engine()
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("status") == "pending":
                vals.setdefault("bizreg_pending_date", now)
        return super().create(vals_list)

    def write(self, vals):
        self._bizreg_check_engine()
        status = vals.get("status")
        if status == "approved":
            return self._bizreg_write_approval(vals)
        if status == "rejected":
            self._bizreg_check_rejection(vals)
        res = super().write(vals)
        if status == "pending":
            started = self.filtered(lambda r: not r.bizreg_pending_date)
            if started:
                super(TierReview, started).write(
                    {"bizreg_pending_date": fields.Datetime.now()}
                )
        if status == "rejected":
            self._bizreg_after_rejection()
        return res

    def unlink(self):
        self._bizreg_check_engine()
        return super().unlink()

    # ------------------------------------------------------------------
    # Approval rules
    # ------------------------------------------------------------------
    def _bizreg_check_actor(self):
        """The current user must be a reviewer of every review and must not
        have requested or created the document."""
        user = self.env.user
        if self.env.su and user._is_superuser():
            return
        for review in self:
            if user in review._bizreg_requesters():
                raise UserError(
                    self.env._(
                        "You cannot approve or reject a request you submitted "
                        "or created yourself."
                    )
                )
            if user not in review.reviewer_ids:
                raise AccessError(
                    self.env._("You are not a reviewer of “%s”.", review.name or "")
                )

    def _bizreg_write_approval(self, vals):
        """Record the current user's approval; a countersign step is approved
        only when enough of its reviewers approved."""
        self._bizreg_check_actor()
        user = self.env.user
        acting = acting_user_id()
        # the human who clicked: a substitute acting for two reviewers of one
        # step counts once, like a reviewer who is also someone's substitute
        human = acting or user.id
        for review in self:
            if (
                user in review.bizreg_approver_ids
                or human in review.bizreg_actor_ids.ids
            ):
                raise UserError(
                    self.env._("You have already approved “%s”.", review.name or "")
                )
        track = {
            "bizreg_approver_ids": [Command.link(user.id)],
            "bizreg_actor_ids": [Command.link(human)],
        }
        if acting:
            track["bizreg_acting_user_id"] = acting
        super().write(track)
        complete = self.filtered(
            lambda r: len(r._bizreg_approvers()) >= r.bizreg_required_count
        )
        if complete:
            super(TierReview, complete).write(
                dict(vals, **({"bizreg_acting_user_id": acting} if acting else {}))
            )
            complete._bizreg_fingerprint_validated()
        for review in self - complete:
            review._bizreg_post(
                self.env._(
                    "%(user)s countersigned “%(step)s” (%(progress)s).",
                    user=user.name,
                    step=review.name or "",
                    progress=review.bizreg_progress,
                )
            )
        if acting:
            for review in self:
                review._bizreg_post(
                    self.env._(
                        "%(substitute)s approved “%(step)s” on behalf of %(user)s.",
                        substitute=self.env["res.users"].browse(acting).name,
                        step=review.name or "",
                        user=user.name,
                    )
                )
        return True

    def _bizreg_fingerprint_validated(self):
        """Documents whose last step was just approved keep a fingerprint of
        the approved terms."""
        by_model = {}
        for review in self:
            by_model.setdefault(review.model, set()).add(review.res_id)
        for model, ids in by_model.items():
            documents = self.env[model].sudo().browse(sorted(ids))
            if "bizreg_approved_digest" not in documents._fields:
                continue
            documents.invalidate_recordset(["validation_status"])
            documents.filtered(
                lambda d: d.validation_status == "validated"
            )._bizreg_store_approved_digest()

    def _bizreg_check_rejection(self, vals):
        self._bizreg_check_actor()
        for review in self:
            reason = vals.get("comment", review.comment) or ""
            if not reason.strip():
                raise ValidationError(
                    self.env._("A rejection needs a reason for the requester.")
                )
        acting = acting_user_id()
        if acting:
            vals["bizreg_acting_user_id"] = acting

    def _bizreg_after_rejection(self):
        acting = acting_user_id()
        documents = {}
        for review in self:
            documents.setdefault(review.model, set()).add(review.res_id)
        for model, ids in documents.items():
            for document in self.env[model].sudo().browse(sorted(ids)):
                if "bizreg_rejection_count" in document._fields:
                    document.bizreg_rejection_count += 1
        for review in self:
            if acting:
                review._bizreg_post(
                    self.env._(
                        "%(substitute)s rejected “%(step)s” on behalf of %(user)s: "
                        "%(reason)s",
                        substitute=self.env["res.users"].browse(acting).name,
                        step=review.name or "",
                        user=self.env.user.name,
                        reason=review.comment,
                    )
                )

    def _bizreg_post(self, body):
        document = self._bizreg_document()
        if hasattr(document, "message_post"):
            document.sudo().message_post(
                body=Markup("<p>%s</p>") % body,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Deadlines (bizreg.escalation.mixin)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        # reminders are OCA's (tier.definition._cron_send_review_reminder,
        # delivered by _send_review_reminder below); escalation is bizreg's
        return [
            (
                "escalation",
                "bizreg_escalate_deadline",
                "bizreg_escalated_date",
                "_bizreg_escalate_step",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("status", "=", "pending")]

    def _send_review_reminder(self):
        """OCA's reminder, delivered the bizreg way for bizreg's documents: a
        to-do for every reviewer who has not acted yet, in his time zone and
        language, all in one batch; if the batch fails, one review at a time
        and a failing review is logged and skipped."""
        governed = self.filtered(
            lambda r: r.definition_id._bizreg_model_governed(r.model)
        )
        res = super(TierReview, self - governed)._send_review_reminder()
        if not governed:
            return res
        try:
            with self.env.cr.savepoint():
                governed._bizreg_send_step_reminder()
        except Exception:
            _logger.exception("Review reminders failed in batch")
            for review in governed:
                try:
                    with self.env.cr.savepoint():
                        review._bizreg_send_step_reminder()
                except Exception:
                    _logger.exception("Review reminder skipped for %s", review)
        # stamped either way: a broken document is not retried every run
        with trusted("review", "engine"):
            governed.write({"last_reminder_date": fields.Datetime.now()})
        return res

    def _bizreg_send_step_reminder(self):
        """A to-do on the document for each reviewer of the step who has not
        acted yet."""
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_review",
            lambda review: review.reviewer_ids - review.bizreg_approver_ids,
            summary=lambda review, _user, _target: review.env._("Review reminder"),
            note=lambda review, _user, _target: review.env._(
                "“%(step)s” has been waiting for your review since %(date)s.",
                step=review.name or "",
                date=review._bizreg_escalation_time(review.bizreg_pending_date),
            ),
            target=lambda review: review._bizreg_document(),
        )

    def _bizreg_escalate_step(self):
        """A to-do on the document for every member of the step's escalation
        group (else the Director group), and a note naming that group."""
        director = self.env.ref("bizreg_base.group_bizreg_director")
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_review",
            lambda review: review.definition_id.bizreg_escalation_group_id or director,
            summary=lambda review, _user, _target: review.env._("Escalated review"),
            note=lambda review, _user, target: review.env._(
                "“%(step)s” is overdue: pending since %(date)s, waiting for "
                "%(users)s. Escalated to %(group)s.",
                step=review.name or "",
                date=review._bizreg_escalation_time(review.bizreg_pending_date),
                users=", ".join(
                    (review.reviewer_ids - review.bizreg_approver_ids).mapped("name")
                ),
                group=target,
            ),
            post=lambda review, _user, target: review.env._(
                "Review “%(step)s” escalated to %(group)s for being overdue.",
                step=review.name or "",
                group=target,
            ),
            target=lambda review: review._bizreg_document(),
        )

    @api.model
    def _cron_bizreg_review_deadlines(self):
        return self._bizreg_run_escalations()

    def action_bizreg_open_document(self):
        self.ensure_one()
        return self.env[self.model].browse(self.res_id).get_formview_action()
