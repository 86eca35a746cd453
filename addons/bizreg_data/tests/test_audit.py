# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Usage audit: the standard auditlog rules of the sensitive models, the
trail read by the Auditor and the Data Administrator and changed by nobody,
its retention."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.auditlog.models.rule import AuditlogRule as OcaAuditlogRule
from odoo.addons.bizreg_base.tests.common import bizreg_test_user

from ..models.auditlog_rule import _BUFFER, STANDARD_RULES

DATA_MANAGER = "bizreg_data.group_bizreg_data_manager"


@tagged("post_install", "-at_install")
class TestAudit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = bizreg_test_user(cls.env, "t_audit_employee", [])
        cls.auditor = bizreg_test_user(
            cls.env, "t_audit_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
        cls.data_manager = bizreg_test_user(
            cls.env, "t_audit_data", [DATA_MANAGER, "base.group_partner_manager"]
        )
        cls.Rule = cls.env["auditlog.rule"]
        cls.Log = cls.env["auditlog.log"]

    def _logs(self, record):
        return self.Log.sudo().search(
            [("model_id.model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_standard_rules_subscribed(self):
        installed = [m for m in STANDARD_RULES if m in self.env]
        rules = self.Rule.search([("model_id.model", "in", installed)])
        self.assertEqual(sorted(rules.mapped("model_id.model")), sorted(installed))
        for rule in rules:
            self.assertEqual(rule.state, "subscribed", rule.name)
            self.assertEqual(rule.log_type, "fast", rule.name)
            self.assertFalse(rule.log_read, rule.name)
        # running it again adds nothing
        self.assertFalse(self.Rule._bizreg_ensure_standard_rules())

    def test_rule_added_for_a_model_without_one(self):
        rule = self.Rule.search([("model_id.model", "=", "res.groups")])
        rule.unsubscribe()
        rule.unlink()
        added = self.Rule._bizreg_ensure_standard_rules()
        self.assertEqual(added.model_id.model, "res.groups")
        self.assertEqual(added.state, "subscribed")
        # an administrator's unsubscribed rule is left as it is
        added.unsubscribe()
        self.assertFalse(self.Rule._bizreg_ensure_standard_rules())
        self.assertEqual(added.state, "draft")

    def test_change_of_customer_data_is_recorded(self):
        partner = self.env["res.partner"].create({"name": "Test Audited Customer"})
        partner.with_user(self.data_manager).write({"phone": "+86 21 5555 0101"})
        logs = self._logs(partner)
        self.assertEqual(set(logs.mapped("method")), {"create", "write"})
        write = logs.filtered(lambda log: log.method == "write")
        self.assertEqual(write.user_id, self.data_manager)
        self.assertIn("phone", write.line_ids.mapped("field_name"))
        # a change of a group's members too
        group = self.env.ref("base.group_partner_manager")
        group.write({"users": [(4, self.employee.id)]})
        self.assertTrue(self._logs(group).filtered(lambda g: g.method == "write"))

    def test_entries_written_in_bulk_at_commit(self):
        """Audited creates and writes of a transaction are logged together
        before it commits (one batch, not two INSERTs per call): every call
        still has its log, with its user, values and record; an unlink is
        logged at once."""
        partners = self.env["res.partner"].create(
            [{"name": f"Bulk Audited {i}"} for i in range(40)]
        )
        plain, partners = partners[20:], partners[:20]
        self.env.cr.precommit.run()

        def count(records, prefix):
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            for index, partner in enumerate(records.with_user(self.data_manager)):
                partner.write({"phone": f"{prefix} {index:04d}"})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        audited = count(partners, "+86 21 5555")
        rule = self.Rule.search([("model_id.model", "=", "res.partner")])
        rule.unsubscribe()
        try:
            unaudited = count(plain, "+86 21 6666")
        finally:
            rule.subscribe()
        # the 20 audited writes cost no audit query until the commit
        self.assertLessEqual(audited, unaudited + 2)
        # the trail is complete when read (a search writes what waits)
        for index, partner in enumerate(partners):
            write = self._logs(partner).filtered(lambda log: log.method == "write")
            self.assertEqual(len(write), 1)
            self.assertEqual(write.user_id, self.data_manager)
            line = write.line_ids.filtered(lambda line: line.field_name == "phone")
            self.assertEqual(line.new_value_text, f"+86 21 5555 {index:04d}")
        # two writes of one record are two entries
        partners[0].write({"phone": "1"})
        partners[0].write({"phone": "2"})
        writes = self._logs(partners[0]).filtered(lambda log: log.method == "write")
        self.assertEqual(len(writes), 3)
        # an unlink is written at once (its record is gone at commit)
        gone = partners[1]
        gone.unlink()
        self.assertTrue(
            self.env["auditlog.log"].search(
                [
                    ("res_id", "=", gone.id),
                    ("method", "=", "unlink"),
                    ("model_id.model", "=", "res.partner"),
                ]
            )
        )

    def test_bulk_entries_equal_auditlogs_own(self):
        """The entries written in bulk (two INSERTs) hold what auditlog's own
        ``create`` stores for the same values: model and field names filled
        in, values converted, the date (the author is ``user_id``); a
        caller's ``default_*`` context key does not slip into them."""
        partner = self.env["res.partner"].create({"name": "Test Bulk Writer"})
        model = self.env["ir.model"]._get("res.partner")
        field = self.env["ir.model.fields"]._get("res.partner", "phone")
        other = self.env["ir.model.fields"]._get("res.partner", "category_id")

        def vals(name):
            return {
                "name": name,
                "model_id": model.id,
                "res_id": partner.id,
                "user_id": self.data_manager.id,
                "method": "write",
                "log_type": "fast",
                "line_ids": [
                    Command.create(
                        {
                            "field_id": field.id,
                            "old_value": False,
                            "old_value_text": False,
                            "new_value": "+86 21 5555 0199",
                            "new_value_text": "+86 21 5555 0199",
                        }
                    ),
                    Command.create(
                        {
                            "field_id": other.id,
                            "old_value": [],
                            "old_value_text": [],
                            "new_value": [3, 4],
                            "new_value_text": [3, 4],
                        }
                    ),
                ],
            }

        Log = self.Log.sudo()
        orm = Log.create(vals("orm"))
        ids = Log.with_context(default_res_ids="[1]")._bizreg_insert([vals("sql")])
        sql = Log.browse(ids)
        self.assertEqual(len(sql), 1)
        skip = {
            "id",
            "name",
            "create_date",
            "write_date",
            "create_uid",
            "write_uid",
            "line_ids",
            "display_name",
        }
        names = [name for name in Log._fields if name not in skip]

        def rows(records, names):
            return [
                {key: value for key, value in row.items() if key != "id"}
                for row in records.read(names)
            ]

        (result,) = rows(sql, names)
        (expected,) = rows(orm, names)
        self.assertEqual(result, expected)
        self.assertEqual(result["model_name"], model.name)
        self.assertFalse(result["res_ids"])
        line_names = [
            name
            for name in self.env["auditlog.log.line"]._fields
            if name not in skip and name != "log_id"
        ]
        self.assertEqual(
            rows(sql.line_ids.sorted("field_name"), line_names),
            rows(orm.line_ids.sorted("field_name"), line_names),
        )
        self.assertEqual(
            sorted(sql.line_ids.mapped("field_name")), ["category_id", "phone"]
        )
        # dated; who did it is the entry's user, not the row's creator
        self.assertTrue(sql.create_date)
        self.assertFalse(sql.create_uid | sql.line_ids.create_uid)
        # nobody else writes the trail this way
        with self.assertRaises(UserError):
            self.Log.with_user(self.data_manager)._bizreg_insert([vals("user")])

    def test_log_values_equal_auditlogs(self):
        """The entries of a batch made at once (``_bizreg_log_values``) are
        those auditlog's own ``create_logs`` makes record by record: same
        logs, same lines, for a create and a write of several records, the
        rule's excluded fields and the magic fields left out."""
        Partner = self.env["res.partner"]
        partners = Partner.create([{"name": f"Test Log Values {n}"} for n in range(3)])
        Rule = self.env["auditlog.rule"].sudo()
        rule = Rule.search([("model_id.model", "=", "res.partner")])
        rule.fields_to_exclude_ids = self.env["ir.model.fields"]._get(
            "res.partner", "comment"
        )
        extra = {"log_type": "fast"}
        cases = [
            (
                "create",
                {},
                {
                    p.id: {"name": p.name, "phone": f"+86 {p.id}", "comment": "x"}
                    for p in partners
                },
            ),
            (
                "write",
                {
                    p.id: {"phone": False, "email": "a@x.cn", "write_date": 1}
                    for p in partners
                },
                {
                    p.id: {"phone": f"+86 {p.id}", "email": "a@x.cn", "write_date": 2}
                    for p in partners
                },
            ),
        ]
        Log = self.Log.sudo()
        skip = {"id", "create_date", "write_date", "create_uid", "write_uid"}
        names = [name for name in Log._fields if name not in skip | {"line_ids"}]
        line_names = [
            name
            for name in self.env["auditlog.log.line"]._fields
            if name not in skip and name not in ("log_id", "display_name")
        ]

        def rows(logs):
            return [
                (
                    {k: v for k, v in log.read(names)[0].items() if k != "id"},
                    [
                        {k: v for k, v in line.items() if k != "id"}
                        for line in log.line_ids.sorted("field_name").read(line_names)
                    ],
                )
                for log in logs.sorted("res_id")
            ]

        for method, old, new in cases:
            with self.subTest(method=method):
                before = Log.search([]).ids
                # auditlog's own method, record by record, through the ORM
                OcaAuditlogRule.create_logs(
                    Rule,
                    self.env.uid,
                    "res.partner",
                    partners.ids,
                    method,
                    old,
                    new,
                    extra,
                )
                theirs = Log.search([("id", "not in", before)])
                values = Rule._bizreg_log_values(
                    self.env.uid, "res.partner", partners.ids, method, old, new, extra
                )
                ours = Log.browse(Log._bizreg_insert(values))
                self.assertEqual(len(ours), 3)
                self.assertEqual(rows(ours), rows(theirs))
                logged = set(ours.line_ids.mapped("field_name"))
                self.assertIn("phone", logged)
                self.assertFalse(logged & {"comment", "write_date"})
                if method == "create":
                    self.assertIn("name", logged)
                else:  # an unchanged value is no line of a write
                    self.assertNotIn("email", logged)

    def test_fast_write_like_auditlogs(self):
        """bizreg's fast ``write`` wrapper leaves the entry auditlog's own
        wrapper leaves (the values given, the old ones empty, the writer),
        for a write of several records; neither logs a write of a user the
        rule excludes."""
        partners = self.env["res.partner"].create(
            [{"name": f"Test Fast Write {n}"} for n in range(2)]
        )
        rule = self.Rule.sudo().search([("model_id.model", "=", "res.partner")])
        self.assertEqual(rule.log_type, "fast")
        plain = type(partners).write.origin
        data = self.env.cr.precommit.data

        def entries(rule):
            wrappers = (rule._make_write(), OcaAuditlogRule._make_write(rule))
            result = []
            for wrapper in wrappers:
                wrapper.origin = plain
                data.pop(_BUFFER, None)
                vals = {"phone": "+86 21 5555 0100", "email": False}
                wrapper(partners.with_user(self.data_manager), vals)
                self.assertEqual(vals, {"phone": "+86 21 5555 0100", "email": False})
                result.append(data.get(_BUFFER))
            return result

        ours, theirs = entries(rule)
        self.assertEqual(ours, theirs)
        self.assertEqual(
            ours,
            [
                (
                    self.data_manager.id,
                    "res.partner",
                    partners.ids,
                    "write",
                    dict.fromkeys(partners.ids, {"phone": False, "email": False}),
                    dict.fromkeys(
                        partners.ids, {"phone": "+86 21 5555 0100", "email": False}
                    ),
                    {"log_type": "fast"},
                )
            ],
        )
        self.assertEqual(partners.mapped("phone"), ["+86 21 5555 0100"] * 2)
        # the write runs in auditlog's context once a rule logs reads
        # (the records auditlog's create returned carry that context)
        partners = partners.with_env(self.env)
        self.assertNotIn("auditlog_disabled", partners.env.context)
        contexts = []
        wrapper = rule._make_write()
        wrapper.origin = lambda records, vals: contexts.append(records.env.context)
        reads = getattr(self.registry, "_bizreg_audit_reads", False)
        self.addCleanup(setattr, self.registry, "_bizreg_audit_reads", reads)
        for logged in (False, True):
            self.registry._bizreg_audit_reads = logged
            wrapper(partners, {"phone": False})
        self.assertEqual(
            [context.get("auditlog_disabled") for context in contexts], [None, True]
        )
        rule.users_to_exclude_ids = self.data_manager
        self.assertEqual(entries(rule), [None, None])
        data.pop(_BUFFER, None)

    def test_trail_read_by_auditor_and_data_manager_only(self):
        partner = self.env["res.partner"].create({"name": "Test Audited Customer 2"})
        log = self._logs(partner)
        self.assertTrue(log)
        self.assertEqual(
            self.Log.with_user(self.auditor).search([("id", "=", log.id)]), log
        )
        self.assertEqual(
            self.Log.with_user(self.data_manager).search([("id", "=", log.id)]), log
        )
        with self.assertRaises(AccessError):
            self.Log.with_user(self.employee).search([("id", "=", log.id)])

    def test_trail_not_edited_by_anybody(self):
        partner = self.env["res.partner"].create({"name": "Test Audited Customer 3"})
        log = self._logs(partner)
        manager = bizreg_test_user(
            self.env, "t_audit_log_manager", ["auditlog.group_auditlog_manager"]
        )
        for user in (self.data_manager, self.auditor, manager):
            with self.assertRaises(UserError):
                log.with_user(user).write({"res_id": 1})
            with self.assertRaises(UserError):
                log.line_ids[:1].with_user(user).write({"new_value_text": "forged"})
            with self.assertRaises(UserError):
                log.with_user(user).unlink()
            with self.assertRaises(UserError):
                self.Log.with_user(user).create(
                    {"name": "forged", "model_id": log.model_id.id, "res_id": 1}
                )
        self.assertTrue(log.exists())
        self.assertEqual(log.res_id, partner.id)
        # auditlog's own retention (the superuser) still removes old entries
        with freeze_time(datetime.now() + timedelta(days=2)):
            self.env["auditlog.autovacuum"].autovacuum(1)
        self.assertFalse(log.exists())

    def test_retention_cron_configured(self):
        cron = self.env.ref("auditlog.ir_cron_auditlog_autovacuum")
        self.assertTrue(cron.active)
        self.assertIn("bizreg_data.audit_retention_days", cron.code)

    def test_standard_rules_button_data_manager_only(self):
        result = self.Rule.with_user(self.data_manager).action_bizreg_standard_rules()
        self.assertEqual(result["tag"], "display_notification")
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.auditor).action_bizreg_standard_rules()
        rule = self.Rule.search([("model_id.model", "=", "res.partner")])
        with self.assertRaises(AccessError):
            rule.with_user(self.employee).write({"log_read": True})
        with self.assertRaises(AccessError):
            rule.with_user(self.auditor).write({"log_read": True})
