# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree
from odoo_test_helper import FakeModelLoader

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user


def bizreg_test_user(
    env, login, group_xmlids, department=None, user_vals=None, employee_vals=None
):
    """An internal user in ``group_xmlids`` (XML ids), with an employee in
    ``department`` when one is given (the department record rules read it).
    ``user_vals``/``employee_vals`` add values to the user and the employee."""
    usr = new_test_user(
        env,
        login=login,
        groups=",".join(["base.group_user", *group_xmlids]),
        name=login.replace("_", " ").title(),
        **(user_vals or {}),
    )
    if department:
        env["hr.employee"].create(
            {
                "name": usr.name,
                "user_id": usr.id,
                "department_id": department.id,
                **(employee_vals or {}),
            }
        )
    return usr


def settings_page_values(env):
    """The values the Settings page shows to ``env``'s user: the web client's
    first onchange of a new settings record, with every field of the form
    view (its invisible ``company_id`` included)."""
    Settings = env["res.config.settings"]
    arch = etree.fromstring(Settings.get_view(view_type="form")["arch"])
    spec = {
        node.get("name"): {}
        for node in arch.iter("field")
        if node.get("name") in Settings._fields
    }
    return Settings.onchange({}, [], spec)["value"]


def _forged_value(record, field):
    """A value of the right type, different from the current one."""
    current = record[field.name]
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 7
    if field.type in ("char", "text", "html"):
        return "forged"
    if field.type == "date":
        return fields.Date.add(fields.Date.today(), days=400)
    if field.type == "datetime":
        return fields.Datetime.add(fields.Datetime.now(), days=400)
    if field.type == "selection":
        values = [
            value
            for value, _label in field._description_selection(record.env)
            if value != current
        ]
        return values[0] if values else None
    if field.type == "many2one":
        other = (
            record.env[field.comodel_name]
            .sudo()
            .search([("id", "!=", current.id)], limit=1)
        )
        return other.id or None
    if field.type in ("many2many", "one2many"):
        return [Command.clear()] if current else None
    return None


def assert_engine_fields_guarded(case, record, user, skip=()):
    """Try every engine-owned stored field of ``record`` as ``user``: each write
    must be refused with an access error and change nothing.  Returns the
    names tried, so a test can check the mechanism covers what it should."""
    record = record.with_user(user)
    tried = set()
    for name in sorted(record._bizreg_engine_owned_fields()):
        field = record._fields[name]
        if name in skip or not field.store:
            continue
        value = _forged_value(record.sudo(), field)
        if value is None:
            continue
        before = record.sudo()[name]
        with case.assertRaises(AccessError, msg=name):
            record.write({name: value})
        record.invalidate_recordset()
        case.assertEqual(record.sudo()[name], before, name)
        tried.add(name)
    return tried


def assert_user_writes_then_guarded(
    case, record, user, user_vals, expected=(), skip=()
):
    """``user`` may write ``user_vals`` (so the refusals that follow are the
    guard's, not a missing access right), then every engine-owned field is
    refused to him (:func:`assert_engine_fields_guarded`); ``expected`` must be
    among the fields tried.  Returns the names tried."""
    if user_vals:
        record.with_user(user).write(user_vals)
        record.invalidate_recordset()
        for name, value in user_vals.items():
            case.assertEqual(record[name], value, name)
    tried = assert_engine_fields_guarded(case, record, user, skip=skip)
    for name in expected:
        case.assertIn(name, tried, f"{record._name}.{name}")
    return tried


def assert_area_roles(case, area, user_group, manager_group, staff, reads, writes=()):
    """The checklist of an area module's roles: ``user_group`` and
    ``manager_group`` (XML ids) are declared by the area module in the suite's
    category and set on ``area`` (XML id of its ``bizreg.area``); the manager
    group implies the user group and Area Manager and is implied by the
    Director; the Auditor holds none of them yet reads the models ``reads``,
    without create, unlink or (except ``writes``) write access.

    ``staff``: ``{"manager": user, "user": user, "director": user,
    "auditor": user}`` as the area's tests create them."""
    ref = case.env.ref
    area_manager = ref("bizreg_base.group_bizreg_area_manager")
    users = ref(user_group)
    managers = ref(manager_group)
    case.assertNotEqual(users.get_external_id()[users.id].split(".")[0], "bizreg_base")
    for group in (users, managers):
        case.assertEqual(group.category_id, ref("bizreg_base.module_category_bizreg"))
    case.assertIn(users, managers.implied_ids)
    case.assertIn(area_manager, managers.implied_ids)
    case.assertIn(managers, ref("bizreg_base.group_bizreg_director").implied_ids)
    case.assertEqual(ref(area).user_group_id, users)
    case.assertEqual(ref(area).manager_group_id, managers)
    case.assertTrue(staff["manager"].has_group("bizreg_base.group_bizreg_area_manager"))
    case.assertTrue(staff["manager"].has_group(user_group))
    case.assertFalse(staff["user"].has_group("bizreg_base.group_bizreg_area_manager"))
    case.assertTrue(staff["director"].has_group(manager_group))
    auditor = staff["auditor"]
    for xmlid in (user_group, manager_group, "bizreg_base.group_bizreg_area_manager"):
        case.assertFalse(auditor.has_group(xmlid), xmlid)
    for model in reads:
        Model = case.env[model].with_user(auditor)
        case.assertTrue(Model.has_access("read"), model)
        for operation in ("create", "unlink") + (() if model in writes else ("write",)):
            case.assertFalse(Model.has_access(operation), f"{model} {operation}")


class BizregBaseCommon:
    """Mixin for test classes (put it before the Odoo test case class): a fake
    approvable model, users of every role, departments mapped to business
    areas; the fake model is removed from the registry after the class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_setup()

    @classmethod
    def tearDownClass(cls):
        cls._bizreg_teardown()
        super().tearDownClass()

    @classmethod
    def _bizreg_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .models import BizregTestRequest

        cls.loader.update_registry((BizregTestRequest,))
        cls.Request = cls.env["bizreg.test.request"]
        cls.request_model = cls.env["ir.model"]._get("bizreg.test.request")
        ref = cls.env.ref
        # bizreg_base declares roles, not areas: the groups of a test area
        # (as an area module declares them) and of another area.
        Groups = cls.env["res.groups"]
        area_user = Groups.create(
            {
                "name": "Test area: User",
                "implied_ids": [Command.link(ref("base.group_user").id)],
            }
        )
        area_manager = Groups.create(
            {
                "name": "Test area: Manager",
                "implied_ids": [
                    Command.link(area_user.id),
                    Command.link(ref("bizreg_base.group_bizreg_area_manager").id),
                ],
            }
        )
        other_area_user = Groups.create({"name": "Test other area: User"})
        # ... and the Director sees the test area, as an area module makes it.
        ref("bizreg_base.group_bizreg_director").implied_ids = [
            Command.link(area_manager.id)
        ]
        cls.area_groups = {"user": area_user, "manager": area_manager}
        groups = {
            "marketing_user": area_user,
            "marketing_manager": area_manager,
            "auditor": ref("bizreg_base.group_bizreg_auditor"),
        }
        # Access rights of the fake model: a Marketing document.
        access = cls.env["ir.model.access"]
        access.create(
            [
                {
                    "name": "test request marketing user",
                    "model_id": cls.request_model.id,
                    "group_id": groups["marketing_user"].id,
                    "perm_read": True,
                    "perm_write": True,
                    "perm_create": True,
                    "perm_unlink": True,
                },
                {
                    "name": "test request auditor",
                    "model_id": cls.request_model.id,
                    "group_id": groups["auditor"].id,
                    "perm_read": True,
                },
                {
                    "name": "test request reviewers",
                    "model_id": cls.request_model.id,
                    "group_id": ref("bizreg_base.group_bizreg_legal").id,
                    "perm_read": True,
                    "perm_write": True,
                },
            ]
        )
        # Record-rule building blocks (as shipped by every bizreg model).
        cls.env["ir.rule"].create(
            [
                {
                    "name": "test request: own",
                    "model_id": cls.request_model.id,
                    "domain_force": "[('user_id', '=', user.id)]",
                    "groups": [Command.link(groups["marketing_user"].id)],
                },
                {
                    "name": "test request: department",
                    "model_id": cls.request_model.id,
                    "domain_force": "[('department_id', 'child_of', "
                    "user.bizreg_department_ids.ids)]",
                    "groups": [Command.link(groups["marketing_manager"].id)],
                },
                {
                    "name": "test request: all",
                    "model_id": cls.request_model.id,
                    "domain_force": "[(1, '=', 1)]",
                    "groups": [
                        Command.link(groups["auditor"].id),
                        Command.link(ref("bizreg_base.group_bizreg_legal").id),
                        Command.link(ref("bizreg_base.group_bizreg_director").id),
                    ],
                },
                {
                    "name": "test request: company",
                    "model_id": cls.request_model.id,
                    "global": True,
                    "domain_force": "['|', ('company_id', '=', False), "
                    "('company_id', 'in', company_ids)]",
                },
            ]
        )
        cls.dept_marketing = cls.env["hr.department"].create(
            {
                "name": "Test Marketing",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_marketing").id,
                "bizreg_code": "TM",
            }
        )
        cls.dept_sales = cls.env["hr.department"].create(
            {
                "name": "Test Sales",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_sale").id,
            }
        )

        def user(login, group_xmlids, department=None, groups=None):
            usr = bizreg_test_user(cls.env, login, group_xmlids, department)
            if groups:
                usr.groups_id = [Command.link(group.id) for group in groups]
            return usr

        cls.mk_user = user("t_mk_user", [], cls.dept_marketing, area_user)
        cls.mk_user2 = user("t_mk_user2", [], cls.dept_marketing, area_user)
        cls.mk_manager = user("t_mk_manager", [], cls.dept_marketing, area_manager)
        cls.sale_user = user("t_sale_user", [], cls.dept_sales, other_area_user)
        cls.auditor = user("t_auditor", ["bizreg_base.group_bizreg_auditor"])
        cls.director = user("t_director", ["bizreg_base.group_bizreg_director"])
        cls.legal1 = user("t_legal1", ["bizreg_base.group_bizreg_legal"])
        cls.legal2 = user("t_legal2", ["bizreg_base.group_bizreg_legal"])
        cls.legal3 = user("t_legal3", ["bizreg_base.group_bizreg_legal"])
        cls.outsider = user("t_outsider", [])
        # The legal group of the test DB may hold demo users: keep only ours.
        cls.legal_group = cls.env["res.groups"].create(
            {
                "name": "Test countersign group",
                "users": [Command.set((cls.legal1 | cls.legal2 | cls.legal3).ids)],
                "implied_ids": [Command.link(ref("bizreg_base.group_bizreg_legal").id)],
            }
        )
        cls.numbering_rule = cls.env["bizreg.numbering.rule"].create(
            {
                "name": "Test request",
                "code": "TR",
                "model_id": cls.request_model.id,
                "pattern": "{code}-{dept}-{year}-{seq}",
                "padding": 4,
                "reset_period": "year",
            }
        )

    @classmethod
    def _bizreg_teardown(cls):
        cls.loader.restore_registry()

    # Helpers ----------------------------------------------------------
    @classmethod
    def _definition(cls, **vals):
        base = {
            "name": "Test step",
            "model_id": cls.request_model.id,
            "review_type": "group",
            "reviewer_group_id": cls.legal_group.id,
            "definition_domain": "[]",
            "notify_reminder_delay": 1,
            "bizreg_escalation_days": 3,
        }
        base.update(vals)
        return cls.env["tier.definition"].create(base)

    def _new_request(self, user=None, **vals):
        user = user or self.mk_user
        base = {"name": "Budget request", "amount": 1000.0}
        base.update(vals)
        return self.Request.with_user(user).create(base)

    def _submit(self, request):
        request.request_validation()
        request.invalidate_recordset()
        return request
