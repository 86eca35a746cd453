# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The former area groups still owned by bizreg_base (Marketing, Product R&D,
Project Management, and Sales or Customer Service when their module is not
installed) are deleted at the end of the upgrade. Before that:

- their managers get the Area Manager role, which now carries the rights every
  area's manager shares (e.g. the appraisals of their departments);
- record rules and access rows of their manager groups pass to the Area Manager;
  those of their user groups are removed (a rule keeping no group would become
  global: it is archived instead);
- areas and four-eyes rules stop pointing at them (restricting foreign keys).

Their area modules declare them again when installed."""

from odoo import SUPERUSER_ID, Command, api

FORMER = tuple(
    f"group_bizreg_{area}_{role}"
    for area in ("marketing", "sale", "service", "rnd", "project")
    for role in ("user", "manager")
)


def migrate(cr, version):
    cr.execute(
        """
        SELECT name, res_id FROM ir_model_data
         WHERE module = 'bizreg_base' AND model = 'res.groups' AND name IN %s
        """,
        (FORMER,),
    )
    rows = cr.fetchall()
    if not rows:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Groups = env["res.groups"]
    former = Groups.browse([res_id for _name, res_id in rows]).exists()
    managers = (
        Groups.browse([res_id for name, res_id in rows if name.endswith("_manager")])
        & former
    )
    area_manager = env.ref("bizreg_base.group_bizreg_area_manager")
    admin = env.ref("bizreg_base.group_bizreg_admin")
    if managers.users:
        area_manager.write({"users": [Command.link(uid) for uid in managers.users.ids]})
    for rule in env["ir.rule"].search([("groups", "in", former.ids)]):
        vals = {"groups": [Command.unlink(gid) for gid in (rule.groups & former).ids]}
        if rule.groups & managers:
            vals["groups"].append(Command.link(area_manager.id))
        elif not rule.groups - former:
            vals["active"] = False
        rule.write(vals)
    accesses = env["ir.model.access"].search([("group_id", "in", former.ids)])
    accesses.filtered(lambda a: a.group_id in managers).write(
        {"group_id": area_manager.id}
    )
    accesses.filtered(lambda a: a.group_id in former).unlink()
    areas = env["bizreg.area"].search(
        [
            "|",
            ("user_group_id", "in", former.ids),
            ("manager_group_id", "in", former.ids),
        ]
    )
    for area in areas:
        area.write(
            {
                "user_group_id": False
                if area.user_group_id in former
                else area.user_group_id.id,
                "manager_group_id": False
                if area.manager_group_id in former
                else area.manager_group_id.id,
            }
        )
    for rule in env["bizreg.four.eyes.rule"].search(
        [("confirm_group_id", "in", former.ids)]
    ):
        rule.confirm_group_id = (
            area_manager if rule.confirm_group_id in managers else admin
        )
