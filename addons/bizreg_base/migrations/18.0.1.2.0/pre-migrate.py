# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""bizreg_base declares roles, not areas: the Sales and Customer Service groups
move to bizreg_sale and bizreg_helpdesk. Their XML ids are handed over before
bizreg_base's data is loaded, so that the groups (with their users, rules, access
rows and menus) are kept, not deleted as records bizreg_base no longer declares.
An area module that is not installed gets nothing: its groups go with the other
former area groups (see post-migrate)."""

MOVED = {
    "bizreg_sale": ("group_bizreg_sale_user", "group_bizreg_sale_manager"),
    "bizreg_helpdesk": ("group_bizreg_service_user", "group_bizreg_service_manager"),
}


def migrate(cr, version):
    for module, names in MOVED.items():
        cr.execute(
            """
            SELECT 1 FROM ir_module_module
             WHERE name = %s AND state IN ('installed', 'to upgrade', 'to install')
            """,
            (module,),
        )
        if not cr.fetchone():
            continue
        cr.execute(
            """
            UPDATE ir_model_data imd
               SET module = %s
             WHERE imd.module = 'bizreg_base'
               AND imd.model = 'res.groups'
               AND imd.name IN %s
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data other
                    WHERE other.module = %s AND other.name = imd.name
               )
            """,
            (module, names, module),
        )
