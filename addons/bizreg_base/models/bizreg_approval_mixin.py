# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import hashlib
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import copy_selection_translations, is_trusted, trusted

# Context keys that OCA honours to skip checks.  A JSON-RPC caller controls the
# context, so bizreg models never honour them.
BYPASS_CONTEXT_KEYS = ("skip_validation_check",)


class BizregApprovalMixin(models.AbstractModel):
    """Make a bizreg model approvable with OCA tier validation.

    Configure like ``tier.validation`` (``_state_field``, ``_state_from``,
    ``_state_to``, ``_cancel_state``).  On top of it:

    - the state field changes only through :meth:`_bizreg_set_state`, called by
      the model's own actions (``_bizreg_protect_state``); a ``write`` of the
      state over RPC is refused;
    - a guarded action calls :meth:`_bizreg_check_approved` first, and moving
      to a ``_state_to`` state is refused until the reviews are validated,
      whatever the caller or the context;
    - an approved or pending record cannot be deleted;
    - rejections are counted and each review round is kept in the chatter;
    - :meth:`_bizreg_engine_fields` lists the fields that stay writable while
      a record is under review.
    """

    _name = "bizreg.approval.mixin"
    _description = "Approvable Business Record"
    _inherit = ["tier.validation"]
    _tier_validation_manual_config = False
    _bizreg_protect_state = True
    # the state (of ``_state_field``) in which an approved record may still be
    # edited before its guarded action (signing, activating, delivering):
    # the change sends it back to review (:meth:`_bizreg_send_back_changed`)
    _bizreg_editable_approved_state = None
    # the approval engine's results, also on Odoo/OCA models made approvable
    _bizreg_engine_fields_extra = (
        "validation_status",
        "validated",
        "rejected",
        "need_validation",
        "can_review",
        "reviewer_ids",
        "to_validate_message",
        "validated_message",
        "rejected_message",
    )

    bizreg_rejection_count = fields.Integer(
        string="Returned for Changes",
        readonly=True,
        copy=False,
        default=0,
        help="How many times a reviewer rejected this record.",
    )
    bizreg_submitted_date = fields.Datetime(
        string="Submitted On",
        compute="_compute_bizreg_review_dates",
        store=True,
        copy=False,
    )
    bizreg_validated_date = fields.Datetime(
        string="Approved On",
        compute="_compute_bizreg_review_dates",
        store=True,
        copy=False,
    )
    bizreg_review_hours = fields.Float(
        string="Review Duration (h)",
        compute="_compute_bizreg_review_dates",
        store=True,
        aggregator="avg",
        copy=False,
    )

    bizreg_approved_digest = fields.Char(
        string="Approved Terms Digest",
        readonly=True,
        copy=False,
        help="Fingerprint of the terms the reviewers approved. Any later "
        "difference voids the approval.",
    )
    bizreg_terms_changed = fields.Boolean(
        string="Changed Since Approval",
        compute="_compute_bizreg_terms_changed",
        help="The terms differ from what the reviewers approved: request the "
        "validation again.",
    )

    # Amendments (``bizreg.amendment``): after its guarded action, the
    # approved terms of a document change only through a reviewed amendment.
    bizreg_amendment_ids = fields.One2many(
        "bizreg.amendment",
        "res_id",
        string="Amendments",
        domain=lambda self: [("res_model", "=", self._name)],
        readonly=True,
        copy=False,
    )
    bizreg_amendment_count = fields.Integer(
        string="Amendment Count", compute="_compute_bizreg_amendment"
    )
    bizreg_amendment_state = fields.Selection(
        [("draft", "Amendment in draft"), ("to_review", "Amendment under review")],
        string="Open Amendment",
        compute="_compute_bizreg_amendment",
    )
    bizreg_can_amend = fields.Boolean(
        string="Can Be Amended", compute="_compute_bizreg_amendment"
    )

    # Fields that are not terms of the approval (extend per model).
    _bizreg_digest_exclude = ()
    # Whether the document's approved terms may change through amendments.
    _bizreg_amendable = True
    # A document whose status follows its review names its states
    # ``(draft, under review, approved)``: approved when its last step is
    # approved, back under review when its approved terms change, and back to
    # draft when a reviewer rejects it if ``_bizreg_rejected_to_draft``.
    _bizreg_review_states = ()
    _bizreg_rejected_to_draft = True

    def _compute_bizreg_amendment(self):
        Amendment = self.env["bizreg.amendment"].sudo()
        counts = {}
        open_states = {}
        if self.ids and self._bizreg_amendable:
            for amendment in Amendment.search(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)]
            ):
                counts[amendment.res_id] = counts.get(amendment.res_id, 0) + 1
                if amendment.state in ("draft", "to_review"):
                    open_states[amendment.res_id] = amendment.state
        for rec in self:
            rec.bizreg_amendment_count = counts.get(rec.id, 0)
            rec.bizreg_amendment_state = open_states.get(rec.id, False)
            rec.bizreg_can_amend = bool(
                rec._bizreg_amendable
                and rec.id in self.ids
                and rec.bizreg_approved_digest
                and rec._bizreg_past_guarded_action()
            )

    def _compute_bizreg_terms_changed(self):
        for rec in self:
            rec.bizreg_terms_changed = rec._bizreg_terms_differ()

    @api.depends("validation_status", "review_ids.reviewed_date")
    def _compute_bizreg_review_dates(self):
        for rec in self:
            reviews = rec.review_ids
            rec.bizreg_submitted_date = reviews and min(reviews.mapped("create_date"))
            done = rec.validation_status == "validated" and reviews.filtered(
                "reviewed_date"
            )
            rec.bizreg_validated_date = done and max(done.mapped("reviewed_date"))
            rec.bizreg_review_hours = (
                (rec.bizreg_validated_date - rec.bizreg_submitted_date).total_seconds()
                / 3600.0
                if rec.bizreg_validated_date and rec.bizreg_submitted_date
                else 0.0
            )

    def _register_hook(self):
        """Give every approvable model the translated labels of the approval
        status (shipped in i18n_extra on this mixin's rows)."""
        res = super()._register_hook()
        if self._name == "bizreg.approval.mixin":
            copy_selection_translations(self, "validation_status")
        return res

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _bizreg_without_bypass(self):
        if any(self.env.context.get(key) for key in BYPASS_CONTEXT_KEYS):
            return self.with_context(**dict.fromkeys(BYPASS_CONTEXT_KEYS, False))
        return self

    @api.model
    def _get_under_validation_exceptions(self):
        return super()._get_under_validation_exceptions() + self._bizreg_engine_fields()

    @api.model
    def _get_after_validation_exceptions(self):
        return super()._get_after_validation_exceptions() + self._bizreg_engine_fields()

    @api.model
    def _bizreg_engine_fields(self):
        """Fields that stay writable while a record is under review (the
        engine's own counters, chatter and activities); extend it in a model
        to add fields of its own."""
        return [
            "bizreg_rejection_count",
            "bizreg_approved_digest",
            "activity_ids",
            "message_ids",
            "website_message_ids",
        ]

    def _check_allow_write_under_validation(self, vals):
        """A rejected record is back with its requester for changes; an
        approved one in ``_bizreg_editable_approved_state`` too (the change
        sends it back to review)."""
        if self.validation_status == "rejected":
            return True
        approved = self._bizreg_editable_approved_state
        if (
            approved
            and self.validation_status == "validated"
            and self[self._state_field] == approved
        ):
            return True
        return super()._check_allow_write_under_validation(vals)

    def _get_tier_validation_readonly_domain(self):
        if self._bizreg_editable_approved_state:
            # the form stays editable once approved: the server refuses a
            # change past the guarded action
            return "validation_status in ('waiting', 'pending')"
        return super()._get_tier_validation_readonly_domain()

    def _tier_validation_check_write_allowed(self, vals):
        return super(
            BizregApprovalMixin, self._bizreg_without_bypass()
        )._tier_validation_check_write_allowed(vals)

    def _bizreg_check_state_write(self, vals):
        if (
            self._bizreg_protect_state
            and self._state_field in vals
            and not is_trusted("state")
            and not self.env.su
        ):
            raise UserError(
                self.env._(
                    "The status of “%s” changes only through its action buttons.",
                    self._description,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # bad input, then the engine's fields (status, amounts, numbers,
        # stamps) are refused first, whatever else the caller sends (the
        # order of bizreg_base's own checks in ``base``)
        checked = set()
        for vals in vals_list:
            self._bizreg_check_input(vals, checked)
        self._bizreg_check_engine_fields({name for vals in vals_list for name in vals})
        for vals in vals_list:
            # the web client sends an empty command list for a new record's
            # reviews: no reviews, nothing to refuse
            if vals.get("review_ids") and not self.env.su:
                raise UserError(
                    self.env._("Reviews are created by requesting a validation.")
                )
            default_state = self._fields[self._state_field].default
            if (
                self._state_field in vals
                and default_state
                and vals[self._state_field] != default_state(self)
            ):
                self._bizreg_check_state_write(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._bizreg_check_input(vals)
        self._bizreg_check_engine_fields(vals.keys())
        if vals.get("review_ids") and not self.env.su:
            raise UserError(self.env._("Reviews change only through their buttons."))
        self._bizreg_check_state_write(vals)
        res = super(BizregApprovalMixin, self._bizreg_without_bypass()).write(vals)
        if not is_trusted("review") and not self._bizreg_terms_fields().isdisjoint(
            vals
        ):
            self.filtered("bizreg_approved_digest")._bizreg_send_back_changed()
        return res

    def unlink(self):
        if not self.env.su:
            locked = self.filtered(
                lambda r: r.validation_status in ("validated", "pending", "waiting")
            )
            if locked:
                raise UserError(
                    self.env._(
                        "An approved record, or one under review, cannot be deleted: "
                        "cancel it instead."
                    )
                )
        return super().unlink()

    # ------------------------------------------------------------------
    # Approved-terms fingerprint
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        """What the reviewers approve, as plain data.  By default every stored
        field a user may write (the engine's own fields, chatter and
        bookkeeping excluded); models add their lines and exclude what is
        not a term (``_bizreg_digest_exclude``)."""
        self.ensure_one()
        owned = self._bizreg_engine_owned_fields()
        skip = set(self._bizreg_digest_exclude) | {
            self._state_field,
            "review_ids",
            "message_main_attachment_id",
        }
        terms = {}
        for name, field in self._fields.items():
            if (
                not field.store
                or field.type in ("one2many", "many2many", "binary")
                or name in owned
                or name in skip
                or name.startswith(("message_", "activity_", "website_message"))
                or name in models.MAGIC_COLUMNS
            ):
                continue
            value = self[name]
            if field.type == "many2one":
                value = value.id
            elif field.type in ("date", "datetime"):
                value = fields.Datetime.to_string(value) if value else False
            terms[name] = value
        return terms

    def _setup_complete(self):
        res = super()._setup_complete()
        # fields may have changed: recompute the terms' fields lazily
        type(self)._bizreg_terms_fields_cache = None
        return res

    @api.model
    def _bizreg_terms_fields(self):
        """Names of the fields whose write may change the terms (the lines
        written through the document included): a write of other fields (the
        state, the engine's own fields) does not recompute the digest.  By
        default every stored field a user may write; models that override
        :meth:`_bizreg_terms` list what it reads.  Terms changed by other
        routes (a line written directly, a recomputed amount) are caught by
        the digest checked where it is used (:meth:`_bizreg_check_approved`)."""
        cls = type(self)
        cached = cls.__dict__.get("_bizreg_terms_fields_cache")
        if cached is None:
            owned = self._bizreg_engine_owned_fields()
            skip = set(self._bizreg_digest_exclude) | {
                self._state_field,
                "review_ids",
                "message_main_attachment_id",
            }
            cached = cls._bizreg_terms_fields_cache = frozenset(
                name
                for name, field in self._fields.items()
                if field.store
                and name not in owned
                and name not in skip
                and not name.startswith(("message_", "activity_", "website_message"))
                and name not in models.MAGIC_COLUMNS
            )
        return cached

    def _bizreg_terms_digest(self):
        self.ensure_one()
        payload = json.dumps(
            self.sudo()._bizreg_terms(), sort_keys=True, default=str, ensure_ascii=True
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def _bizreg_store_approved_digest(self):
        """Called by the engine when the last step is approved."""
        for rec in self:
            rec._bizreg_engine_write(
                {"bizreg_approved_digest": rec._bizreg_terms_digest()}
            )
        if self._bizreg_review_states:
            _draft, review, approved = self._bizreg_review_states
            # only a submitted document (under review) becomes approved
            self.filtered(lambda r: r[r._state_field] == review)._bizreg_set_state(
                approved
            )

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        if self._bizreg_review_states and self._bizreg_rejected_to_draft:
            draft, review, _approved = self._bizreg_review_states
            self.sudo().filtered(
                lambda r: (
                    r[r._state_field] == review and r.validation_status == "rejected"
                )
            )._bizreg_set_state(draft)
        return res

    def _bizreg_terms_differ(self):
        self.ensure_one()
        return bool(
            self.validation_status == "validated"
            and self.bizreg_approved_digest
            and self.bizreg_approved_digest != self._bizreg_terms_digest()
        )

    def _bizreg_past_guarded_action(self):
        """Whether the document went past its guarded action (e.g. a
        confirmed contract): its terms change only through an amendment."""
        self.ensure_one()
        state = self[self._state_field]
        return state not in self._state_from and state != self._cancel_state

    def _bizreg_open_amendment(self):
        """The open (draft or under review) amendment of the document."""
        self.ensure_one()
        if not self._bizreg_amendable or not self.id:
            return self.env["bizreg.amendment"]
        return (
            self.env["bizreg.amendment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("state", "in", ("draft", "to_review")),
                ],
                limit=1,
            )
        )

    def _bizreg_amendment_allows_change(self):
        """A change of the terms after the guarded action is allowed while an
        amendment is a draft (it is edited on the document itself); under
        review, the terms stay those submitted."""
        amendment = self._bizreg_open_amendment()
        if amendment.state == "draft":
            return True
        return bool(
            amendment.state == "to_review"
            and amendment.digest_submitted == self._bizreg_terms_digest()
        )

    def _bizreg_terms_snapshot(self):
        """The terms in readable form, for an amendment's history:
        ``{"fields": {field name: text}, "lines": {key: text}}``.  By default
        the fields of :meth:`_bizreg_terms`; models with lines override it."""
        self.ensure_one()
        snapshot = {}
        for name in self._bizreg_terms():
            field = self._fields.get(name)
            if field is None:
                continue
            value = self[name]
            if field.type == "many2one":
                text = value.display_name or ""
            elif field.type == "selection":
                text = dict(field._description_selection(self.env)).get(value) or ""
            elif field.type == "boolean":
                text = self.env._("Yes") if value else self.env._("No")
            else:
                text = "" if value is False or value is None else str(value)
            snapshot[name] = text
        return {"fields": snapshot, "lines": {}}

    def _bizreg_approved_snapshot(self):
        """Readable approved terms: the current ones when they are still the
        approved ones, else as the last amendment recorded them."""
        self.ensure_one()
        document = self.sudo()
        digest = document.bizreg_approved_digest
        if not document._bizreg_terms_differ():
            return document._bizreg_terms_snapshot()
        history = (
            self.env["bizreg.amendment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "=", self.id)],
                order="sequence desc",
            )
        )
        for amendment in history:
            if amendment.state == "approved" and amendment.digest_submitted == digest:
                return json.loads(amendment.terms_after or "{}")
            if amendment.digest_before == digest and amendment.terms_before:
                return json.loads(amendment.terms_before)
        return {}

    def _bizreg_send_back_changed(self):
        """Records whose terms changed after approval go back to review: the
        old approval is kept in the chatter and a new round is requested.
        After the guarded action, the change needs an open amendment."""
        changed = self.filtered(lambda r: r._bizreg_terms_differ())
        passed = changed.filtered(lambda r: r[r._state_field] not in r._state_from)
        for rec in passed:
            if not rec._bizreg_amendable or not rec._bizreg_amendment_allows_change():
                raise UserError(
                    self.env._(
                        "“%s” was approved and has gone past its approval: its "
                        "approved terms change only through an amendment. Press "
                        "“Amend” to open one, change the terms while it is a draft "
                        "and submit it for review.",
                        rec.display_name,
                    )
                )
        changed -= passed
        for rec in changed:
            if hasattr(rec, "message_post"):
                rec.sudo().message_post(
                    body=self.env._(
                        "The approved terms changed: the approval is void and the "
                        "document goes back to review."
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        if changed:
            with trusted("review"):
                changed.restart_validation()
                changed._bizreg_engine_write({"bizreg_approved_digest": False})
                changed.request_validation()
            if self._bizreg_review_states:
                _draft, review, approved = self._bizreg_review_states
                changed.filtered(
                    lambda r: r[r._state_field] == approved
                )._bizreg_set_state(review)
        return changed

    def action_bizreg_request_again(self):
        """Button: send a document whose terms changed back to review."""
        if not self._bizreg_send_back_changed():
            raise UserError(self.env._("The approved terms have not changed."))
        return True

    # ------------------------------------------------------------------
    # API for the models
    # ------------------------------------------------------------------
    def _bizreg_amendment_amount(self):
        """The amount an amendment of this document is reviewed at (company
        currency; approval rules may add steps above an amount).  Models with
        an amount override it."""
        self.ensure_one()
        return 0.0

    def _bizreg_amendment_manager(self):
        """The manager who approves an amendment of this document for its
        owner (``bizreg.amendment.manager_id``, for approval rules of type
        "field").  None by default; models with an approving manager
        override it."""
        self.ensure_one()
        return self.env["res.users"]

    def _bizreg_check_approved(self):
        """Raise unless every record may pass its guarded action: validated,
        and its terms still those the reviewers approved (whatever route
        changed them)."""
        for rec in self._bizreg_without_bypass():
            # one digest per record: it reads every term, lines included
            differ = rec._bizreg_terms_differ()
            if differ and rec[rec._state_field] not in rec._state_from:
                amendment = rec._bizreg_open_amendment()
                if amendment:
                    raise UserError(
                        self.env._(
                            "“%(document)s” has changes in amendment %(amendment)s "
                            "that are not approved yet: wait for its approval.",
                            document=rec.display_name,
                            amendment=amendment.name,
                        )
                    )
                raise UserError(
                    self.env._(
                        "The terms of “%s” differ from the approved ones and no "
                        "amendment approved them: put the terms back or record "
                        "the change in an amendment.",
                        rec.display_name,
                    )
                )
            if differ:
                raise UserError(
                    self.env._(
                        "“%s” changed after its approval: the approval is void. "
                        "Request the validation again.",
                        rec.display_name,
                    )
                )
            if rec.validation_status == "rejected":
                raise UserError(
                    self.env._(
                        "“%s” was rejected: revise it and submit it again.",
                        rec.display_name,
                    )
                )
            if rec.review_ids and rec.validation_status != "validated":
                raise UserError(
                    self.env._(
                        "“%s” is still under review.",
                        rec.display_name,
                    )
                )
            if not rec.review_ids and rec.need_validation:
                raise UserError(
                    self.env._(
                        "“%s” needs approval: request a validation first.",
                        rec.display_name,
                    )
                )

    def _bizreg_check_state(self, states):
        """Refuse a step unless every record is in one of ``states``."""
        labels = dict(self._fields[self._state_field]._description_selection(self.env))
        for rec in self:
            state = rec[rec._state_field]
            if state not in states:
                raise UserError(
                    self.env._(
                        "“%(document)s” is “%(state)s”: this step is not possible now.",
                        document=rec.display_name,
                        state=labels.get(state, state),
                    )
                )

    def _bizreg_check_submit(self):
        """Hook: raise if a record is not complete enough to be reviewed
        (e.g. a plan without milestones).  Called by
        :meth:`_bizreg_submit_for_review` before any change."""

    def _bizreg_submit_for_review(self):
        """Draft → under review, for models whose status follows their review
        (``_bizreg_review_states``): the record's own approval chain is
        requested; a record no approval rule applies to is refused (a
        regulated document is always reviewed).  Numbered models with
        ``_bizreg_numbering_trigger = "manual"`` get their number here, in
        the transaction that submits them."""
        draft, review, _approved = self._bizreg_review_states
        self.check_access("write")
        self._bizreg_check_state((draft,))
        self._bizreg_check_submit()
        self.filtered("review_ids").restart_validation()
        self.invalidate_recordset(["need_validation"])
        for rec in self:
            if not rec.need_validation:
                raise UserError(
                    self.env._(
                        "No approval rule applies to “%s”: ask the Regulation "
                        "Administrator to configure one.",
                        rec.display_name,
                    )
                )
        if getattr(self, "_bizreg_numbering_trigger", None) == "manual":
            self.filtered(lambda r: not r.bizreg_number)._bizreg_assign_number()
        with trusted("submit"):
            self.request_validation()
        self._bizreg_set_state(review)
        return True

    def request_validation(self):
        """A document whose status follows its review is submitted by its
        Submit step (its own checks, its number, its state), never by
        requesting the validation of a draft directly (OCA's public method
        and button)."""
        if self._bizreg_review_states and not self.env.su and not is_trusted("submit"):
            draft = self._bizreg_review_states[0]
            drafts = self.filtered(lambda r: r[r._state_field] == draft)
            if drafts:
                raise UserError(
                    self.env._(
                        "Submit “%s” with its Submit button: its content is checked "
                        "before the review is requested.",
                        drafts[0].display_name,
                    )
                )
        return super().request_validation()

    def _add_tier_validation_buttons(self, node, params):
        """Documents whose status follows their review are submitted with
        their own Submit button: no second "Request Validation" button."""
        new_node = super()._add_tier_validation_buttons(node, params)
        if self._bizreg_review_states:
            for button in new_node.xpath("//button[@name='request_validation']"):
                button.getparent().remove(button)
        return new_node

    def _bizreg_set_state(self, state):
        """Change the state as the model's own action (the only allowed way)."""
        with trusted("state"):
            return self.write({self._state_field: state})

    def action_bizreg_resubmit(self):
        """Start a new review round after changes (after a rejection); a
        document whose status follows its review is submitted again from its
        review state (from draft it goes through its Submit step)."""
        if self._bizreg_review_states:
            self._bizreg_check_state([self._bizreg_review_states[1]])
        for rec in self:
            if rec.validation_status != "rejected":
                raise UserError(
                    self.env._("Only a rejected request can be submitted again.")
                )
        if self._bizreg_review_states:
            self._bizreg_check_submit()
        self.restart_validation()
        with trusted("submit"):
            return self.request_validation()

    def _bizreg_reset_to_draft(self):
        """Back to draft after a rejection or a cancellation, for a document
        whose status follows its review: the reviews restart and the approval
        is void."""
        self.check_access("write")
        _draft, review, _approved = self._bizreg_review_states
        for rec in self:
            state = rec[rec._state_field]
            if state == rec._cancel_state or (
                state == review and rec.validation_status == "rejected"
            ):
                continue
            raise UserError(
                self.env._(
                    "“%s” goes back to draft only after a rejection or a cancellation.",
                    rec.display_name,
                )
            )
        self.filtered("review_ids").restart_validation()
        self._bizreg_engine_write({"bizreg_approved_digest": False})
        self._bizreg_set_state(self._bizreg_review_states[0])
        return True

    # ------------------------------------------------------------------
    # Amendments
    # ------------------------------------------------------------------
    def action_bizreg_amend(self):
        """Button: open the document's amendment (a new draft if none is
        open), to change its approved terms after the guarded action."""
        self.ensure_one()
        if not self.bizreg_can_amend:
            raise UserError(
                self.env._(
                    "“%s” can be amended once it is approved and has gone past "
                    "its approval (e.g. a confirmed contract); before that, "
                    "change it and request the review again.",
                    self.display_name,
                )
            )
        amendment = self.env["bizreg.amendment"]._bizreg_open_for(self)
        return amendment._bizreg_form_action()

    def action_bizreg_view_amendments(self):
        """Smart button: the document's amendments, its change history."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_base.bizreg_amendment_action"
        )
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
