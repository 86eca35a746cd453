# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, models
from odoo.exceptions import ValidationError

from ..tools import period_bounds


class BizregValidityMixin(models.AbstractModel):
    """A record valid from a start date to an end date (an agreement, a
    contract): its expiry deadlines, their reminders and its expiry.

    One mechanism for every record with a validity.  The model keeps its own
    fields (bizreg's own models name them plainly, the fields bizreg adds to
    Odoo/OCA models carry the ``bizreg_`` prefix) and says which they are:

    - ``_bizreg_validity_start_field``, ``_bizreg_validity_end_field``: the
      dates (``fields.Date``) of the validity;
    - ``_bizreg_validity_notice_field``: the notice (``fields.Integer``, days
      before the end), between 0 and 366;
    - ``_bizreg_validity_manager_field``: the stored manager (``res.users``),
      declared with ``compute="_compute_bizreg_validity_manager"``: the
      first manager up the record's department chain (the department
      mixin's ``_bizreg_department_field``) who does not own the record
      (``_bizreg_owner_field``), else a Director
      (:meth:`_bizreg_escalation_managers`);
    - the escalation levels (:class:`bizreg.escalation.mixin`), each
      ``(key, deadline field, stamp field)`` or ``None``:
      ``_bizreg_validity_reminder_level`` (due when the notice starts, acts
      with :meth:`_bizreg_remind_expiry`), ``_bizreg_validity_manager_level``
      (due ``_bizreg_validity_manager_days`` before the end, at most the
      notice; acts with :meth:`_bizreg_escalate_expiry`) and
      ``_bizreg_validity_expiry_level`` (due when the end date is over; acts
      with :meth:`_bizreg_on_expiry`).  Their deadline fields are stored,
      indexed datetimes declared with
      ``compute="_compute_bizreg_validity_deadlines"``;
    - ``_bizreg_validity_notice_date_field``: optionally a stored date, the
      end minus the notice (e.g. the last day to decide on a renewal),
      computed by the same method.

    The deadlines are the bounds of days in the company's time zone
    (:func:`..tools.period_bounds`).  The model implements the methods of its
    levels (the messages are its own) and restricts the records that still
    expire with ``_bizreg_escalation_domain``.
    """

    _name = "bizreg.validity.mixin"
    _description = "Validity Period"
    _inherit = ["bizreg.escalation.mixin", "bizreg.department.mixin"]

    _bizreg_validity_start_field = "date_start"
    _bizreg_validity_end_field = "date_end"
    _bizreg_validity_notice_field = "notice_days"
    _bizreg_validity_manager_field = "manager_user_id"
    # whom the record belongs to (as tier.validation's): never his own manager
    _bizreg_owner_field = "user_id"
    _bizreg_validity_notice_date_field = None
    _bizreg_validity_reminder_level = ("reminder", "reminder_due", "reminded_date")
    _bizreg_validity_manager_level = None
    _bizreg_validity_manager_days = 7
    _bizreg_validity_expiry_level = ("expiry", "expiry_due", "expired_date")

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    def _bizreg_validity_levels(self):
        """``[(key, deadline field, stamp field, method)]`` of the levels the
        model has, in the order they fall due."""
        return [
            (*level, method)
            for level, method in (
                (self._bizreg_validity_reminder_level, "_bizreg_remind_expiry"),
                (self._bizreg_validity_manager_level, "_bizreg_escalate_expiry"),
                (self._bizreg_validity_expiry_level, "_bizreg_on_expiry"),
            )
            if level
        ]

    def _bizreg_escalation_levels(self):
        return super()._bizreg_escalation_levels() + self._bizreg_validity_levels()

    @api.model
    def _bizreg_validity_fields(self, *names):
        """Those of ``names`` that are fields of the model."""
        return [name for name in names if name and name in self._fields]

    @api.depends(
        lambda self: self._bizreg_validity_fields(
            self._bizreg_validity_end_field,
            self._bizreg_validity_notice_field,
            "company_id",
        )
    )
    def _compute_bizreg_validity_deadlines(self):
        reminder = self._bizreg_validity_reminder_level
        manager = self._bizreg_validity_manager_level
        expiry = self._bizreg_validity_expiry_level
        notice_date = self._bizreg_validity_notice_date_field
        names = self._bizreg_validity_fields(
            notice_date,
            reminder and reminder[1],
            manager and manager[1],
            expiry and expiry[1],
        )
        for record in self:
            values = dict.fromkeys(names, False)
            end = record[self._bizreg_validity_end_field]
            if end:
                company = (
                    record.company_id if "company_id" in self._fields else False
                ) or self.env.company
                notice = max(record[self._bizreg_validity_notice_field], 0)
                start = end - timedelta(days=notice)
                if notice_date:
                    values[notice_date] = start
                if reminder:
                    values[reminder[1]] = period_bounds(company, start, start)[0]
                if manager:
                    day = end - timedelta(
                        days=min(self._bizreg_validity_manager_days, notice)
                    )
                    values[manager[1]] = period_bounds(company, day, day)[0]
                if expiry:
                    values[expiry[1]] = period_bounds(company, end, end)[1]
            record.update(values)

    def _bizreg_validity_reset_stamps(self):
        """Every level due again (e.g. after a renewal moved the end date)."""
        stamps = [level[2] for level in self._bizreg_validity_levels()]
        return self._bizreg_engine_write(dict.fromkeys(stamps, False))

    @api.constrains(
        lambda self: self._bizreg_validity_fields(
            self._bizreg_validity_start_field,
            self._bizreg_validity_end_field,
            self._bizreg_validity_notice_field,
        )
    )
    def _check_bizreg_validity(self):
        start_field = self._bizreg_validity_start_field
        end_field = self._bizreg_validity_end_field
        notice_field = self._bizreg_validity_notice_field
        for record in self:
            start, end = record[start_field], record[end_field]
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "“%s” is before the start date.",
                        self._fields[end_field]._description_string(self.env),
                    )
                )
            if not 0 <= record[notice_field] <= 366:
                raise ValidationError(
                    self.env._(
                        "“%s” must be between 0 and 366 days.",
                        self._fields[notice_field]._description_string(self.env),
                    )
                )

    # ------------------------------------------------------------------
    # The manager
    # ------------------------------------------------------------------
    @api.depends(
        lambda self: self._bizreg_validity_fields(
            self._bizreg_owner_field, self._bizreg_department_field
        )
    )
    def _compute_bizreg_validity_manager(self):
        fname = self._bizreg_validity_manager_field
        for record in self:
            found = record._bizreg_escalation_managers()
            if found._name == "res.groups":
                owner = record[record._bizreg_owner_field]
                found = (found.users - owner).sorted("id")[:1]
            record[fname] = found
