# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import trusted

_logger = logging.getLogger(__name__)

CONTROLLER_GROUP = "bizreg_document.group_bizreg_document_manager"
# Settings (ir.config_parameter), with the regulation's defaults
MAX_DAYS_PARAM = "bizreg_document.borrowing_max_days"
MAX_DAYS_DEFAULT = 30
REMIND_DAYS_PARAM = "bizreg_document.borrowing_remind_days"
REMIND_DAYS_DEFAULT = 2
# Fields the borrower sets in draft only (the request that is reviewed)
REQUEST_FIELDS = {"document_id", "medium", "purpose", "date_due", "company_id"}
# Fields of the return check, set by the controller while a paper copy is out
RETURN_FIELDS = {"returned_condition", "return_note"}
OPEN_STATES = ("draft", "review", "approved", "lent")


class BizregDocumentBorrowing(models.Model):
    """A borrowing of a document (借阅): paper or electronic, with purpose
    and return date; confidential documents need the approval of the owning
    department's manager; electronic borrowing is a time-limited access.

    draft → review (confidential documents only) → approved → lent →
    returned / expired; cancel.  A paper copy is handed over and checked on
    return by the document controller; an electronic grant starts when the
    borrowing is approved and ends with its return date (the cron, and the
    download route at the point of use, expire it)."""

    _name = "bizreg.document.borrowing"
    _description = "Document Borrowing"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["bizreg_number", "document_id"]
    _state_from = ["draft", "review", "approved"]
    _state_to = ["lent"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "review", "approved")
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    # the request is reviewed as submitted: it changes in draft only
    _bizreg_amendable = False
    _bizreg_digest_exclude = ("returned_condition", "return_note")

    user_id = fields.Many2one(string="Borrower")
    document_id = fields.Many2one(
        "bizreg.document", required=True, index=True, ondelete="restrict", tracking=True
    )
    document_number = fields.Char(
        related="document_id.bizreg_number", string="Document Number"
    )
    document_title = fields.Char(related="document_id.name", string="Document Title")
    category_id = fields.Many2one(
        related="document_id.category_id", string="Category", store=True
    )
    confidentiality = fields.Selection(
        related="document_id.confidentiality", store=True, index=True
    )
    document_department_id = fields.Many2one(
        related="document_id.department_id",
        string="Owner Department",
        store=True,
        index=True,
    )
    medium = fields.Selection(
        [("paper", "Paper"), ("electronic", "Electronic")],
        default="electronic",
        required=True,
        tracking=True,
    )
    purpose = fields.Text(required=True)
    date_due = fields.Datetime(
        string="Return By", required=True, index=True, tracking=True
    )
    grant_running = fields.Boolean(
        string="Access Granted",
        compute="_compute_grant_running",
        search="_search_grant_running",
        help="An electronic borrowing that is lent and not past its return "
        "date: the borrower reads the document now. Evaluated when the "
        "records are read (the record rules use it), whether or not the "
        "expiry cron has run.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("lent", "Lent"),
            ("returned", "Returned"),
            ("expired", "Expired"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    approver_user_id = fields.Many2one(
        "res.users",
        string="Approver",
        compute="_compute_approver_user_id",
        store=True,
        index=True,
        help="Approves the borrowing of a confidential document: the manager "
        "of the document's owning department (the manager of its parent "
        "department when the manager borrows it; else the Director).",
    )
    date_lent = fields.Datetime(string="Lent On", readonly=True, copy=False)
    lent_by = fields.Many2one(
        "res.users", string="Handed Over By", readonly=True, copy=False
    )
    date_returned = fields.Datetime(string="Returned On", readonly=True, copy=False)
    returned_by = fields.Many2one(
        "res.users", string="Return Checked By", readonly=True, copy=False
    )
    date_expired = fields.Datetime(string="Expired On", readonly=True, copy=False)
    returned_condition = fields.Selection(
        [("good", "Good"), ("damaged", "Damaged"), ("incomplete", "Incomplete")],
        string="Condition on Return",
        copy=False,
        tracking=True,
    )
    return_note = fields.Text(copy=False)
    # reminder and escalation (bizreg.escalation.mixin)
    remind_deadline = fields.Datetime(
        string="Reminder On",
        compute="_compute_deadlines",
        store=True,
        index=True,
    )
    escalation_l1_deadline = fields.Datetime(
        string="Level 1 on", compute="_compute_deadlines", store=True, index=True
    )
    escalation_l2_deadline = fields.Datetime(
        string="Level 2 on", compute="_compute_deadlines", store=True, index=True
    )
    escalation_l3_deadline = fields.Datetime(
        string="Level 3 on", compute="_compute_deadlines", store=True, index=True
    )
    remind_date = fields.Datetime(string="Borrower Reminded On", readonly=True)
    escalation_l1_date = fields.Datetime(string="Overdue Notice On", readonly=True)
    escalation_l2_date = fields.Datetime(
        string="Escalated to Controller On", readonly=True
    )
    escalation_l3_date = fields.Datetime(
        string="Escalated to Department Manager On", readonly=True
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("document_id", "user_id", "create_uid")
    def _compute_approver_user_id(self):
        for borrowing in self:
            department = borrowing.sudo().document_id.department_id
            approver = department.manager_id.user_id
            # nobody approves what he borrows or lends himself (a manager
            # lending a document of his department to someone else): the
            # manager above him does
            requesters = borrowing.user_id | borrowing.create_uid
            if approver and approver in requesters:
                approver = department.parent_id.manager_id.user_id
            if approver in requesters:
                approver = False
            borrowing.approver_user_id = approver

    @api.depends("date_due", "medium", "company_id.resource_calendar_id")
    def _compute_deadlines(self):
        days = self._remind_days()
        for borrowing in self:
            due = borrowing.date_due
            borrowing.remind_deadline = due and due - timedelta(days=days)
            if not due or borrowing.medium != "paper":
                borrowing.escalation_l1_deadline = False
                borrowing.escalation_l2_deadline = False
                borrowing.escalation_l3_deadline = False
                continue
            calendar = (borrowing.company_id or self.env.company).resource_calendar_id
            borrowing.escalation_l1_deadline = due
            borrowing.escalation_l2_deadline = calendar._bizreg_add_working_days(due, 1)
            borrowing.escalation_l3_deadline = calendar._bizreg_add_working_days(due, 3)

    @api.depends("date_due", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for borrowing in self:
            borrowing.is_overdue = bool(
                borrowing.state == "lent"
                and borrowing.date_due
                and borrowing.date_due < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("“Overdue”: unsupported search."))
        domain = [("state", "=", "lent"), ("date_due", "<", fields.Datetime.now())]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    def _bizreg_display_title(self):
        return self.sudo().document_id.name or ""

    @api.model
    def _param_days(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return int(value) if value else default
        except ValueError:
            return default

    @api.model
    def _max_days(self):
        return self._param_days(MAX_DAYS_PARAM, MAX_DAYS_DEFAULT)

    @api.model
    def _remind_days(self):
        return self._param_days(REMIND_DAYS_PARAM, REMIND_DAYS_DEFAULT)

    def _check_date_due(self, start=None):
        """The return date is in the future, at most the maximum borrowing
        period (30 days unless configured) from now."""
        now = start or fields.Datetime.now()
        limit = now + timedelta(days=self._max_days())
        for borrowing in self:
            if borrowing.date_due <= now:
                raise ValidationError(
                    self.env._(
                        "“Return By” of the borrowing of “%s” must be in the future.",
                        borrowing.sudo().document_id.name,
                    )
                )
            if borrowing.date_due > limit:
                raise ValidationError(
                    self.env._(
                        "“Return By” of the borrowing of “%(document)s” is more "
                        "than %(days)s days away: a document is lent for at most "
                        "%(days)s days.",
                        document=borrowing.sudo().document_id.name,
                        days=self._max_days(),
                    )
                )

    @api.constrains("date_due", "purpose", "document_id")
    def _check_request(self):
        for borrowing in self.filtered(lambda b: b.state == "draft"):
            # a draft or a document under review is nobody's to borrow (and
            # a request must not reveal what the register does not list)
            if borrowing.sudo().document_id.state not in ("published", "archived"):
                raise ValidationError(
                    self.env._(
                        "“Document”: only a published or archived document of "
                        "the register can be borrowed."
                    )
                )
            borrowing._check_date_due()
            if not (borrowing.purpose or "").strip():
                raise ValidationError(
                    self.env._("State the “Purpose” of the borrowing.")
                )

    # ------------------------------------------------------------------
    # Engine fields, terms
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_engine_fields(self):
        # written by the borrowing's own steps while it is under review or
        # approved (and the controller's return check)
        return super()._bizreg_engine_fields() + [
            "state",
            "date_lent",
            "lent_by",
            "date_returned",
            "returned_by",
            "date_expired",
            "returned_condition",
            "return_note",
            "remind_date",
            "escalation_l1_date",
            "escalation_l2_date",
            "escalation_l3_date",
            "approver_user_id",
        ]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                user = vals.get("user_id", self.env.uid)
                if user != self.env.uid and not self._may_lend_to_others(
                    vals.get("document_id")
                ):
                    raise AccessError(
                        self.env._(
                            "You can only request a borrowing for yourself: the "
                            "“Borrower” is the user who requests it (the manager "
                            "of the owning department may lend a document to "
                            "someone else)."
                        )
                    )
        return super().create(vals_list)

    def _may_lend_to_others(self, document_id):
        """Who may name another borrower: the manager of the document's owning
        department, for a colleague outside it (who cannot see a confidential
        document to ask for it); the borrower still submits the request."""
        document = self.env["bizreg.document"].sudo().browse(document_id or [])
        return bool(document) and (
            document.department_id.manager_id.user_id == self.env.user
        )

    def write(self, vals):
        if not self.env.su:
            if "user_id" in vals and any(vals["user_id"] != b.user_id.id for b in self):
                raise AccessError(
                    self.env._("The “Borrower” of a borrowing cannot change.")
                )
            if REQUEST_FIELDS & set(vals) and any(b.state != "draft" for b in self):
                raise UserError(
                    self.env._(
                        "A borrowing changes in draft only: the document, medium, "
                        "purpose and return date are those submitted."
                    )
                )
            if RETURN_FIELDS & set(vals):
                self._check_controller()
                if any(b.state != "lent" or b.medium != "paper" for b in self):
                    raise UserError(
                        self.env._(
                            "The condition on return is recorded while a paper "
                            "copy is lent."
                        )
                    )
        return super().write(vals)

    def unlink(self):
        if any(b.state not in ("draft", "cancel") for b in self):
            raise UserError(
                self.env._("Only draft or cancelled borrowings can be deleted.")
            )
        return super().unlink()

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if "date_due" in fields_list and not res.get("date_due"):
            res["date_due"] = fields.Datetime.now() + timedelta(days=7)
        return res

    # ------------------------------------------------------------------
    # Who may act
    # ------------------------------------------------------------------
    def _check_controller(self):
        if self.env.su:
            return
        if not self.env.user.has_group(CONTROLLER_GROUP):
            raise AccessError(
                self.env._(
                    "Only the document controller hands over paper documents and "
                    "checks their return."
                )
            )
        if self.env.user in self.user_id:
            raise AccessError(
                self.env._(
                    "You cannot hand over or take back a document you borrow "
                    "yourself: another controller does it."
                )
            )

    def _check_borrower(self):
        if self.env.su:
            return
        if any(b.user_id != self.env.user for b in self):
            raise AccessError(self.env._("Only the borrower can do this."))

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _bizreg_check_submit(self):
        for borrowing in self:
            document = borrowing.sudo().document_id
            if document.state not in ("published", "archived"):
                raise UserError(
                    self.env._(
                        "“%s” is not published: only published documents are lent.",
                        document.display_name,
                    )
                )
            borrowing._check_date_due()
            if borrowing.medium == "electronic":
                version = document.current_version_id
                if not version or not version.dms_file_id:
                    raise UserError(
                        self.env._(
                            "“%s” has no published file to lend electronically.",
                            document.display_name,
                        )
                    )
                if (
                    document.confidentiality == "confidential"
                    and version.dms_file_id.mimetype != "application/pdf"
                ):
                    raise UserError(
                        self.env._(
                            "Only PDF copies of confidential documents can be lent."
                        )
                    )

    def action_submit(self):
        """Draft → under review (confidential documents: the owning
        department's manager approves), else straight to approved; an
        electronic grant starts once approved."""
        self._check_borrower()
        confidential = self.filtered(lambda b: b.confidentiality == "confidential")
        if confidential:
            confidential._bizreg_submit_for_review()
        others = self - confidential
        if others:
            others.check_access("write")
            others._bizreg_check_state(["draft"])
            others._bizreg_check_submit()
            others.filtered(lambda b: not b.bizreg_number)._bizreg_assign_number()
            others._bizreg_set_state("approved")
            others._start_electronic()
        return True

    def _bizreg_store_approved_digest(self):
        """On the last approval an electronic grant starts."""
        res = super()._bizreg_store_approved_digest()
        self.sudo().filtered(lambda b: b.state == "approved")._start_electronic()
        return res

    def _start_electronic(self):
        electronic = self.filtered(
            lambda b: b.medium == "electronic" and b.state == "approved"
        )
        if not electronic:
            return
        now = fields.Datetime.now()
        expired = electronic.filtered(lambda b: b.date_due <= now)
        if expired:
            expired._expire()
        granted = electronic - expired
        if granted:
            granted._bizreg_engine_write({"date_lent": now})
            granted._bizreg_set_state("lent")
            for borrowing in granted.sudo():
                borrowing.message_post(
                    body=self.env._(
                        "Electronic access granted until %s.",
                        borrowing._bizreg_escalation_time(borrowing.date_due),
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def action_hand_over(self):
        """Approved → lent: the controller registers the hand-over of the
        paper copy (one paper copy out at a time)."""
        self._check_controller()
        self._bizreg_check_state(["approved"])
        self._bizreg_check_approved()
        for borrowing in self:
            if borrowing.medium != "paper":
                raise UserError(self.env._("An electronic borrowing starts by itself."))
            out = self.sudo().search_count(
                [
                    ("document_id", "=", borrowing.document_id.id),
                    ("medium", "=", "paper"),
                    ("state", "=", "lent"),
                    ("id", "!=", borrowing.id),
                ]
            )
            if out:
                raise UserError(
                    self.env._(
                        "The paper copy of “%s” is borrowed out: it is handed over "
                        "again once returned.",
                        borrowing.sudo().document_id.display_name,
                    )
                )
            if borrowing.date_due <= fields.Datetime.now():
                raise UserError(
                    self.env._(
                        "The return date of %s has passed: cancel it and request "
                        "a new borrowing.",
                        borrowing.display_name,
                    )
                )
        self._bizreg_engine_write(
            {"date_lent": fields.Datetime.now(), "lent_by": self.env.uid}
        )
        self._bizreg_set_state("lent")
        return True

    def action_return(self):
        """Lent → returned for an electronic grant: the borrower (or the
        controller) ends it before its return date."""
        self._bizreg_check_state(["lent"])
        if any(b.medium != "electronic" for b in self):
            raise UserError(
                self.env._(
                    "A paper copy is returned to the document controller, who "
                    "checks it (Return Check)."
                )
            )
        if not self.env.su and not self.env.user.has_group(CONTROLLER_GROUP):
            self._check_borrower()
        self._bizreg_engine_write(
            {"date_returned": fields.Datetime.now(), "returned_by": self.env.uid}
        )
        self._bizreg_set_state("returned")
        return True

    def action_return_check(self):
        """Lent → returned for a paper copy: the controller checks it and
        records its condition."""
        self._check_controller()
        self._bizreg_check_state(["lent"])
        for borrowing in self:
            if borrowing.medium != "paper":
                raise UserError(self.env._("Only a paper copy is checked on return."))
            if not borrowing.returned_condition:
                raise UserError(
                    self.env._(
                        "Record the “Condition on Return” of %s first.",
                        borrowing.display_name,
                    )
                )
            if (
                borrowing.returned_condition != "good"
                and not (borrowing.return_note or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Describe the damage or what is missing in the “Return "
                        "Note” of %s.",
                        borrowing.display_name,
                    )
                )
        self._bizreg_engine_write(
            {"date_returned": fields.Datetime.now(), "returned_by": self.env.uid}
        )
        self._bizreg_set_state("returned")
        self.activity_unlink(["bizreg_document.mail_activity_borrowing_return"])
        return True

    def action_cancel(self):
        self._bizreg_check_state(["draft", "review", "approved"])
        if not self.env.su and not self.env.user.has_group(CONTROLLER_GROUP):
            self._check_borrower()
        self.check_access("write")
        self.filtered("review_ids").restart_validation()
        for borrowing in self.filtered("bizreg_number"):
            borrowing._bizreg_void_number(reason=self.env._("Borrowing cancelled"))
        self._bizreg_set_state("cancel")
        return True

    def action_print(self):
        return self.env.ref(
            "bizreg_document.action_report_bizreg_document_borrowing"
        ).report_action(self)

    def _content_action(self, mode):
        self.ensure_one()
        version = self.sudo().document_id.current_version_id
        if self.medium != "electronic" or self.state != "lent" or not version:
            raise UserError(
                self.env._("The document is readable while the electronic grant runs.")
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/bizreg_document/version/{version.id}/{mode}",
            "target": "new" if mode == "preview" else "self",
        }

    def action_download(self):
        """Download the borrowed document (watermarked when confidential)."""
        return self._content_action("download")

    def action_preview(self):
        """Open the borrowed document in the browser."""
        return self._content_action("preview")

    # ------------------------------------------------------------------
    # Expiry of electronic grants
    # ------------------------------------------------------------------
    def _expire(self):
        """End electronic grants past their return date, as the engine."""
        now = fields.Datetime.now()
        records = self.sudo()
        records._bizreg_engine_write({"date_expired": now})
        records._bizreg_set_state("expired")
        for borrowing in records:
            borrowing.message_post(
                body=self.env._(
                    "The electronic access expired on its return date (%s).",
                    borrowing._bizreg_escalation_time(borrowing.date_due),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return records

    @api.model
    @api.depends("medium", "state", "date_due")
    def _compute_grant_running(self):
        now = fields.Datetime.now()
        for borrowing in self:
            borrowing.grant_running = (
                borrowing.medium == "electronic"
                and borrowing.state == "lent"
                and bool(borrowing.date_due)
                and borrowing.date_due > now
            )

    def _search_grant_running(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on “Access Granted”."))
        running = [
            ("medium", "=", "electronic"),
            ("state", "=", "lent"),
            ("date_due", ">", fields.Datetime.now()),
        ]
        return running if (operator == "=") == value else ["!", "&", "&", *running]

    def _expire_for(self, document, user):
        """Expire the electronic grants of ``user`` on ``document`` that are
        past their return date (the download route, at the point of use)."""
        due = self.sudo().search(
            [
                ("document_id", "=", document.id),
                ("user_id", "=", user.id),
                ("medium", "=", "electronic"),
                ("state", "=", "lent"),
                ("date_due", "<=", fields.Datetime.now()),
            ]
        )
        if due:
            due._expire()
        return due

    @api.model
    def _cron_expire(self, limit=200):
        """Expire electronic grants past their return date, in batches (the
        cron runner commits after each batch and calls again while records
        remain); a record that fails is logged and skipped."""
        if not self._bizreg_cron_lock():  # the escalations are running
            return 0
        domain = [
            ("medium", "=", "electronic"),
            ("state", "=", "lent"),
            ("date_due", "<=", fields.Datetime.now()),
        ]
        due = self.sudo().search(domain, order="date_due, id", limit=limit)
        done = 0
        for borrowing in due:
            try:
                with self.env.cr.savepoint():
                    borrowing._expire()
                done += 1
            except Exception:
                _logger.exception("Expiry of borrowing %s skipped", borrowing.id)
        remaining = self.sudo().search_count(domain) if len(due) == limit else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        _logger.info("Borrowings expired: %s (remaining %s)", done, remaining)
        return done

    # ------------------------------------------------------------------
    # Reminder and escalation
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("remind", "remind_deadline", "remind_date", "_escalate_remind"),
            ("level1", "escalation_l1_deadline", "escalation_l1_date", "_escalate_1"),
            ("level2", "escalation_l2_deadline", "escalation_l2_date", "_escalate_2"),
            ("level3", "escalation_l3_deadline", "escalation_l3_date", "_escalate_3"),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "lent")]

    def _escalate_remind(self):
        def summary(borrowing, _user, _target):
            return borrowing.env._(
                "Return %(document)s by %(due)s",
                document=borrowing.sudo().document_id.display_name,
                due=borrowing._bizreg_escalation_time(borrowing.date_due),
            )

        return self._bizreg_escalation_notify(
            "bizreg_document.mail_activity_borrowing_return",
            lambda b: b.user_id,
            summary=summary,
            date_deadline=lambda b, _user: b.date_due.date(),
        )

    def _escalate(self, level, recipients, action):
        def message(borrowing, user, target):
            return borrowing.env._(
                "Escalation level %(level)s: the paper copy of %(document)s was "
                "due back on %(due)s. %(action)s",
                level=level,
                document=borrowing.sudo().document_id.display_name,
                due=borrowing._bizreg_escalation_time(borrowing.date_due),
                action=action(borrowing, user, target),
            )

        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            recipients,
            summary=lambda b, user, target: b.env._(
                "Overdue borrowing %s", b.display_name
            ),
            note=message,
            post=message,
        )

    def _controllers(self):
        return self.env.ref(CONTROLLER_GROUP).sudo()

    def _owner_managers(self):
        self.ensure_one()
        manager = self.sudo().document_id.department_id.manager_id.user_id
        return manager or self.env.ref("bizreg_base.group_bizreg_director").sudo()

    def _escalate_1(self):
        return self._escalate(
            1,
            lambda b: b.user_id,
            lambda b, _user, _target: b.env._("Return it to the document controller."),
        )

    def _escalate_2(self):
        return self._escalate(
            2,
            lambda b: b._controllers(),
            lambda b, _user, target: b.env._("Escalated to %s.", target),
        )

    def _escalate_3(self):
        return self._escalate(
            3,
            lambda b: b._owner_managers(),
            lambda b, _user, target: b.env._("Escalated to %s.", target),
        )

    @api.model
    def _cron_deadlines(self):
        with trusted("engine"):
            fired = self._bizreg_run_escalations()
        _logger.info("Borrowing reminders and escalations fired: %s", fired)
        return fired

    # ------------------------------------------------------------------
    # Register support
    # ------------------------------------------------------------------
    @api.model
    def _borrowed_out_documents(self, documents):
        """The documents of ``documents`` whose paper copy is lent (for
        ``bizreg.document.is_borrowed_out``)."""
        rows = self.sudo()._read_group(
            [
                ("document_id", "in", documents.ids),
                ("medium", "=", "paper"),
                ("state", "=", "lent"),
            ],
            ["document_id"],
        )
        return documents.browse([doc.id for (doc,) in rows])

    @api.model
    def _search_borrowed_out_domain(self):
        """Domain on ``bizreg.document`` of the documents out on paper (few:
        one lent paper borrowing per document at most)."""
        lent = self.sudo().search([("medium", "=", "paper"), ("state", "=", "lent")])
        return [("id", "in", lent.document_id.ids)]

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _demo_borrowings(self):
        """林晓东 borrowed the published policy electronically and returned
        it; 王芳 borrowed the confidential marketing plan on paper (approved
        by 马俊, handed over by 何建华) and is late returning it."""
        ref = self.env.ref
        lin = ref("bizreg_base.user_employee", raise_if_not_found=False)
        wang = ref("bizreg_base.user_marketing_user", raise_if_not_found=False)
        ma = ref("bizreg_base.user_marketing_manager", raise_if_not_found=False)
        he = ref("bizreg_base.user_regulation_admin", raise_if_not_found=False)
        Document = self.env["bizreg.document"].sudo()
        policy = Document.search([("name", "=", "信息安全管理制度")], limit=1)
        plan = Document.search([("name", "=", "2026年度新品上市推广方案")], limit=1)
        if not (lin and wang and ma and he and policy and plan):
            return False
        if self.sudo().search_count([("document_id", "in", (policy | plan).ids)]):
            return False
        now = fields.Datetime.now()
        electronic = (
            self.with_user(lin)
            .with_context(tracking_disable=True)
            .create(
                {
                    "document_id": policy.id,
                    "medium": "electronic",
                    "purpose": "学习信息安全管理制度，准备部门内部培训",
                    "date_due": now + timedelta(days=7),
                }
            )
        )
        electronic.action_submit()
        electronic.with_user(lin).action_return()
        paper = self.with_user(wang).create(
            {
                "document_id": plan.id,
                "medium": "paper",
                "purpose": "与渠道经销商会前核对推广节奏（纸质原件）",
                "date_due": now + timedelta(days=5),
            }
        )
        paper.action_submit()
        paper.with_user(ma).validate_tier()
        paper.with_user(he).action_hand_over()
        # lent two weeks ago for ten days: four days overdue
        with trusted("review"):
            paper.sudo().write(
                {
                    "date_due": now - timedelta(days=4),
                    "date_lent": now - timedelta(days=14),
                }
            )
        return True
