# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The onboarding checklist of Settings: each step read from the live
configuration, undone by a later change."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    bizreg_test_user,
    settings_page_values,
)


@tagged("post_install", "-at_install")
class TestOnboarding(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.admin = bizreg_test_user(
            cls.env, "t_ob_admin", ["bizreg_base.group_bizreg_admin"]
        )
        cls.settings_admin = bizreg_test_user(
            cls.env,
            "t_ob_settings",
            ["base.group_system", "bizreg_base.group_bizreg_admin"],
        )
        cls.director = bizreg_test_user(
            cls.env, "t_ob_director", ["bizreg_base.group_bizreg_director"]
        )

    def _steps(self):
        self.company.invalidate_recordset()
        return self.company.bizreg_onboarding_steps()

    def test_areas_need_a_department(self):
        area = self.env["bizreg.area"].create({"name": "Test Logistics", "code": "TL"})
        done, missing = self._steps()["areas"]
        self.assertFalse(done)
        self.assertIn("Test Logistics", missing)
        self.env["hr.department"].create(
            {"name": "Test Logistics Dept", "bizreg_area_id": area.id}
        )
        done, missing = self._steps()["areas"]
        self.assertNotIn("Test Logistics", missing)

    def test_roles_need_a_holder(self):
        Groups = self.env["res.groups"]
        user_group = Groups.create({"name": "Test Logistics User"})
        manager_group = Groups.create({"name": "Test Logistics Manager"})
        self.env["bizreg.area"].create(
            {
                "name": "Test Logistics",
                "code": "TL",
                "user_group_id": user_group.id,
                "manager_group_id": manager_group.id,
            }
        )
        done, missing = self._steps()["roles"]
        self.assertFalse(done)
        self.assertIn(user_group.full_name, missing)
        self.assertIn(manager_group.full_name, missing)
        # a portal user does not hold a role
        portal = self.env["res.users"].create(
            {
                "name": "Test Portal",
                "login": "t_ob_portal",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        user_group.sudo().users = [(4, portal.id)]
        self.assertIn(user_group.full_name, self._steps()["roles"][1])
        self.env.ref("base.user_admin").write({"groups_id": [(4, user_group.id)]})
        missing = self._steps()["roles"][1]
        self.assertNotIn(user_group.full_name, missing)
        self.assertIn(manager_group.full_name, missing)

    def test_numbering_rule_for_every_numbered_kind(self):
        rule = self.env["bizreg.numbering.rule"].search(
            [("model", "=", "bizreg.meeting.action")], limit=1
        ) or self.env["bizreg.numbering.rule"].search([], limit=1)
        model = rule.model
        self.assertNotIn(
            self.env["ir.model"]._get(model).name, self._steps()["numbering"][1]
        )
        self.env["bizreg.numbering.rule"].search([("model", "=", model)]).write(
            {"active": False}
        )
        done, missing = self._steps()["numbering"]
        self.assertFalse(done)
        self.assertIn(self.env["ir.model"]._get(model).name, missing)

    def test_chains_reviewed_after_their_last_change(self):
        self.company.sudo().bizreg_chains_reviewed_date = False
        self.assertEqual(self._steps()["chains"][0], False)
        with self.assertRaises(AccessError):
            self.company.with_user(self.director).bizreg_mark_chains_reviewed()
        self.assertFalse(self._steps()["chains"][0])
        self.company.with_user(self.admin).bizreg_mark_chains_reviewed()
        self.assertEqual(self.company.bizreg_chains_reviewed_uid, self.admin)
        self.assertEqual(self._steps()["chains"], (True, ""))
        # a change after the review undoes the step: the write date of the
        # definition is later than the review's
        definition = self.env["tier.definition"].search([], limit=1)
        self.env.cr.execute(
            "UPDATE tier_definition SET write_date = %s + interval '1 minute' "
            "WHERE id = %s",
            [self.company.bizreg_chains_reviewed_date, definition.id],
        )
        definition.invalidate_recordset()
        done, missing = self._steps()["chains"]
        self.assertFalse(done)
        self.assertTrue(missing)

    def test_backup_destination_tested(self):
        Destination = self.env["bizreg.data.destination"]
        Destination.search([]).write({"last_test_ok": False})
        self.assertFalse(self._steps()["backup"][0])
        destination = Destination.search([], limit=1)
        if not destination:
            self.skipTest("no backup destination in this database")
        destination.write({"last_test_ok": True})
        self.assertEqual(self._steps()["backup"], (True, ""))

    def test_settings_show_the_steps(self):
        settings = self.env["res.config.settings"].create({})
        steps = self._steps()
        self.assertEqual(
            settings.bizreg_onboarding_done,
            sum(1 for done, _missing in steps.values() if done),
        )
        self.assertEqual(settings.bizreg_onboarding_areas, steps["areas"][0])
        self.assertEqual(
            settings.bizreg_onboarding_numbering_missing or "",
            steps["numbering"][1],
        )

    def test_settings_page_shows_the_steps(self):
        """The Settings page is an onchange of a new record, whose company is
        a new record too: the steps are those of the real company."""
        self.company.with_user(self.admin).bizreg_mark_chains_reviewed()
        steps = self._steps()
        self.assertTrue(steps["chains"][0])
        values = settings_page_values(self.env(user=self.settings_admin))
        self.assertEqual(
            values["bizreg_onboarding_done"],
            sum(1 for done, _missing in steps.values() if done),
        )
        for step, (done, missing) in steps.items():
            self.assertEqual(values[f"bizreg_onboarding_{step}"], done, step)
            self.assertEqual(
                values[f"bizreg_onboarding_{step}_missing"] or "", missing, step
            )
