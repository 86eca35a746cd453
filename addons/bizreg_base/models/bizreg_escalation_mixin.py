# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict
from operator import methodcaller

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import format_datetime

_logger = logging.getLogger(__name__)


class BizregEscalationMixin(models.AbstractModel):
    """Deadline levels checked by a cron.

    A model declares its levels in :meth:`_bizreg_escalation_levels`: each is a
    stored, indexed deadline field, a stamp field set when the level fired, and
    the method that acts (activity, message, reassignment).  The cron only
    reads records whose deadline passed and whose stamp is empty, so its cost
    grows with the number of due records, not with the size of the table, and
    running it twice does nothing the second time.

    The cron works in batches (Odoo's ``ir.cron._notify_progress``: the
    runner commits after each batch and calls again while records remain), and
    one record that fails is logged and skipped without blocking the others.

    A level's method acts with :meth:`_bizreg_escalation_notify` (a note in
    the chatter, an activity for each recipient, in the recipient's language
    and time zone, created in one batch); the runner stamps the level.
    """

    _bizreg_escalation_batch = 200

    _name = "bizreg.escalation.mixin"
    _description = "Deadline Escalation Levels"

    def _bizreg_escalation_levels(self):
        """Return a list of ``(key, deadline_field, stamp_field, method_name)``."""
        return []

    def _bizreg_escalation_domain(self):
        """Extra domain restricting the records that can still escalate."""
        return []

    @api.model
    def _bizreg_cron_lock(self):
        """Take the lock of the model's scheduled work for this transaction;
        False when another transaction holds it.

        With several cron workers (and servers), two different jobs of one
        model (its escalations, an expiry ...) would otherwise run at once on
        the same rows, and one fails on the other's update ("could not
        serialize access").  Each such job takes this lock first and, when it
        is taken, does nothing this run: the next run does the work.  A
        PostgreSQL advisory lock, released at commit or rollback."""
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
            [f"bizreg.cron:{self._name}"],
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        """Fire every level that is due (of ``keys`` only, when given), at
        most ``limit`` records per level (a batch); return ``{key: number of
        records}``.  Nothing when another job of the model is running (see
        :meth:`_bizreg_cron_lock`)."""
        if not self._bizreg_cron_lock():
            _logger.info(
                "Escalations of %s: another job of the model is running, "
                "left to the next run",
                self._name,
            )
            return {}
        now = now or fields.Datetime.now()
        limit = limit or self._bizreg_escalation_batch
        fired, remaining = {}, 0
        for (
            key,
            deadline_field,
            stamp_field,
            method,
        ) in self._bizreg_escalation_levels():
            if keys is not None and key not in keys:
                continue
            domain = self._bizreg_escalation_domain() + [
                (deadline_field, "!=", False),
                (deadline_field, "<=", now),
                (stamp_field, "=", False),
            ]
            due = self.search(domain, order=f"{deadline_field}, id", limit=limit)
            if not due:
                fired[key] = 0
                continue
            try:
                with self.env.cr.savepoint():
                    getattr(due, method)()
            except Exception:
                # one bad record must not block the others: act one by one
                _logger.exception(
                    "Escalation %s of %s failed in batch", key, self._name
                )
                for record in due:
                    try:
                        with self.env.cr.savepoint():
                            getattr(record, method)()
                    except Exception:
                        _logger.exception("Escalation %s skipped for %s", key, record)
            due._bizreg_engine_write({stamp_field: now})
            fired[key] = len(due)
            if len(due) == limit:
                remaining += self.search_count(domain)
        if remaining:
            # inside a cron run: the runner commits and calls again
            self.env["ir.cron"]._notify_progress(
                done=sum(fired.values()), remaining=remaining
            )
        return fired

    # ------------------------------------------------------------------
    # Acting at a level
    # ------------------------------------------------------------------
    def _bizreg_escalation_time(self, value):
        """``value`` (a UTC datetime) in the time zone and language of the
        context: :meth:`_bizreg_escalation_notify` calls the message builders
        with the recipient's (``tz``, ``lang``)."""
        return format_datetime(
            self.env,
            value,
            tz=self.env.context.get("tz") or "UTC",
            lang_code=self.env.lang,
        )

    def _bizreg_escalation_tz(self):
        """The time zone of a message read by several people (a chatter
        note): the record's company calendar, else the current company's."""
        self.ensure_one()
        company = self.company_id if "company_id" in self._fields else False
        return (
            (company or self.env.company).resource_calendar_id.tz
            or self.env.user.tz
            or "UTC"
        )

    def _bizreg_escalation_ladder(self, level, message, reminder, date_deadline=None):
        """Level ``level`` of the usual three-level ladder, for a batch of due
        records: 1 reminds the record's owner (``user_id``, else the
        managers), 2 escalates to :meth:`_bizreg_escalation_managers`, 3 to
        the Director group; each recipient gets a follow-up activity and the
        record a chatter note.

        :param message: ``callable(record, action)``: the text of the note and
            the activity, ``action`` the level's sentence (the reminder, or
            "Escalated to …"); ``record`` is in the reader's language and
            time zone (:meth:`_bizreg_escalation_time`).
        :param reminder: ``callable(record)``: the sentence of level 1.
        :param date_deadline: ``callable(record, user)``: the activities' date
            (default: today in the recipient's time zone).
        """
        if level == 1:

            def recipients(rec):
                owner = rec.user_id if "user_id" in rec._fields else False
                return owner or rec._bizreg_escalation_managers()

            def summary(rec, _user, _target):
                return reminder(rec)

        else:
            director = self.env.ref("bizreg_base.group_bizreg_director").sudo()

            def recipients(rec):
                return rec._bizreg_escalation_managers() if level == 2 else director

            def summary(rec, _user, target):
                return rec.env._("Escalated to %s.", target)

        def note(rec, user, target):
            return message(rec, summary(rec, user, target))

        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            recipients,
            summary=summary,
            note=note,
            post=note,
            date_deadline=date_deadline,
        )

    def _bizreg_escalation_managers(self):
        """Who the ladder's level 2 reaches (users or a group).  By default
        the first manager up the chain of the record's department
        (``_bizreg_department_field``, default ``department_id``) who is not
        its owner (``_bizreg_owner_field``, default ``user_id``), else the
        Director group; models override it (e.g. their area's manager group
        when the department has no manager)."""
        self.ensure_one()
        record = self.sudo()
        department_field = getattr(self, "_bizreg_department_field", "department_id")
        owner_field = getattr(self, "_bizreg_owner_field", "user_id")
        department = (
            record[department_field]
            if department_field in self._fields
            else self.env["hr.department"]
        )
        owner = record[owner_field] if owner_field in self._fields else False
        seen = set()
        while department and department.id not in seen:
            seen.add(department.id)
            manager = department.manager_id.user_id
            if manager and manager != owner:
                return manager
            department = department.parent_id
        return self.env.ref("bizreg_base.group_bizreg_director").sudo()

    def _bizreg_escalation_notify(
        self,
        activity_type,
        recipients,
        summary,
        note=None,
        post=None,
        target=None,
        date_deadline=None,
    ):
        """Act at a deadline for every record of ``self`` (a batch of due
        records): log one note in the chatter and give each recipient an
        activity, all activities in one ``mail.activity`` create.

        :param activity_type: XML id or ``mail.activity.type`` record.
        :param recipients: ``callable(record)`` or the name of a method of the
            record, returning the users (``res.users``) or the group
            (``res.groups``: its users) who get the activity.  The *target*
            the messages name is the group's name, else the users' names.
        :param summary, note: the activity's texts: ``callable(record, user,
            target)``; ``record`` is in the recipient's language and time zone
            (``record.env._(...)``, ``record._bizreg_escalation_time(dt)``), or
            a plain string.
        :param post: the chatter note, ``callable(record, None, target)`` in
            the current language and the company's time zone, or ``None``.
        :param target: ``callable(record)``: the record that carries the note
            and the activities (default: the record itself; e.g. the document
            of an approval step).  A target without activities gets the
            activity's note in its chatter instead.
        :param date_deadline: ``callable(record, user)``: the activity's date
            (default: today in the recipient's time zone).
        :return: the activities created.

        Each recipient is told once per batch (:meth:`_bizreg_escalation_announce`)
        rather than by one "assigned to you" message per activity, which would
        cost about ten queries per activity.
        """
        Activity = self.env["mail.activity"].sudo()
        if not self or self.env.context.get("mail_activity_automation_skip"):
            return Activity
        if isinstance(activity_type, str):
            activity_type = self.env.ref(activity_type)
        activity_type = activity_type.sudo()
        if isinstance(recipients, str):
            recipients = methodcaller(recipients)
        default_lang = self.env.lang or "en_US"
        vals_list, logs = [], defaultdict(list)
        for record, doc in self._bizreg_escalation_targets(target).items():
            found = recipients(record)
            group = found if found._name == "res.groups" else False
            users = group.users if group else found

            def target_name(env, group=group, users=users):
                if group:
                    return group.with_env(env).name
                return ", ".join(users.with_env(env).mapped("name"))

            tz = record._bizreg_escalation_tz()
            can_log = hasattr(doc, "_message_log_batch")
            if post and can_log:
                local = record.with_context(tz=tz)
                logs[doc._name].append(
                    (doc.id, post(local, None, target_name(local.env)))
                )
            has_activities = "activity_ids" in doc._fields
            for user in users:
                local = record.with_context(
                    lang=user.lang or default_lang, tz=user.tz or tz
                )
                name = target_name(local.env)
                text = summary(local, user, name) if callable(summary) else summary
                body = note(local, user, name) if callable(note) else note
                if not has_activities:
                    if can_log:
                        logs[doc._name].append((doc.id, body or text))
                    continue
                vals_list.append(
                    {
                        "activity_type_id": activity_type.id,
                        "summary": text or activity_type.summary,
                        "note": (Markup("<p>%s</p>") % body)
                        if body
                        else activity_type.default_note,
                        "automated": True,
                        "date_deadline": date_deadline(local, user)
                        if date_deadline
                        else fields.Date.context_today(local),
                        "res_model_id": self.env["ir.model"]._get_id(doc._name),
                        "res_id": doc.id,
                        "user_id": user.id,
                    }
                )
        self._bizreg_escalation_log(logs)
        if not vals_list:
            return Activity
        # one notice per recipient and batch (below), not one per activity
        activities = Activity.with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        self._bizreg_escalation_announce(activities)
        return activities.with_env(Activity.env)

    def _bizreg_escalation_announce(self, activities):
        """Tell each recipient once per batch: Odoo's own "assigned to you"
        notice for a single activity, else one notice listing them all (a
        cron creating a hundred activities for the Director sends one
        message, not a hundred)."""
        for user, mine in activities.grouped("user_id").items():
            if not user or user == self.env.user:
                continue  # as Odoo: no notice of one's own activities
            if len(mine) == 1:
                mine.action_notify()
                continue
            mine = mine.with_context(lang=user.lang or self.env.lang or "en_US")
            env = mine.env
            items = Markup().join(
                Markup(
                    '<li><a href="/mail/view?model=%s&amp;res_id=%s">%s</a>: %s</li>'
                )
                % (
                    activity.res_model,
                    activity.res_id,
                    activity.res_name,
                    activity.summary or activity.activity_type_id.name,
                )
                for activity in mine
            )
            env["mail.thread"].sudo().message_notify(
                partner_ids=user.partner_id.ids,
                subject=env._("%(count)s activities assigned to you", count=len(mine)),
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    env._(
                        "%(count)s activities were assigned to you:", count=len(mine)
                    ),
                    items,
                ),
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _bizreg_escalation_targets(self, target=None):
        """``{record: the record that carries its note and activities}``,
        without the records whose target is gone (checked once per model)."""
        targets = {record: target(record) if target else record for record in self}
        by_model = defaultdict(set)
        for doc in targets.values():
            by_model[doc._name].update(doc.ids)
        existing = {
            model: set(self.env[model].sudo().browse(sorted(ids)).exists().ids)
            for model, ids in by_model.items()
        }
        return {
            record: doc
            for record, doc in targets.items()
            if len(doc) == 1 and doc.id in existing[doc._name]
        }

    def _bizreg_escalation_log(self, logs):
        """Log ``{model: [(res_id, text)]}`` as chatter notes, one
        ``_message_log_batch`` per model (and per repetition of a document)."""
        for model, entries in logs.items():
            while entries:
                bodies, rest = {}, []
                for res_id, body in entries:
                    if res_id in bodies:
                        rest.append((res_id, body))
                    else:
                        bodies[res_id] = Markup("<p>%s</p>") % body
                records = self.env[model].sudo().browse(list(bodies))
                records._message_log_batch(bodies)
                entries = rest
