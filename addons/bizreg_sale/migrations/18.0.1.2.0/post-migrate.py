# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Development channels become UTM mediums (``bizreg.sale.channel`` removed).

- Odoo's advertising and social media mediums get the kind "promotion" (the
  module's data sets them on install only: its records are ``noupdate``).
- Each channel maps to a UTM medium: the three channels of the module's data to
  its new mediums, any other channel to the medium of the same name (any case),
  created with the channel's kind if there is none; a medium found by name that
  is still "other" takes the channel's kind.
- Leads: ``bizreg_channel_id`` -> ``medium_id``; ``bizreg_exhibition`` -> the
  UTM source of that name (found or created) in ``source_id`` (kept if the lead
  already has a source and its channel is not an exhibition);
  ``bizreg_referrer_id`` -> the partner's name in ``referred`` (appended to what
  it already says).
- The channel table, its external ids and its record rule go; Odoo drops the
  leads' old columns, the fields and the access rows at the end of the upgrade.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

DATA_CHANNELS = {
    "channel_promotion": "bizreg_sale.utm_medium_promotion",
    "channel_referral": "bizreg_sale.utm_medium_referral",
    "channel_exhibition": "bizreg_sale.utm_medium_exhibition",
}
PROMOTION_MEDIUMS = (
    "utm.utm_medium_banner",
    "utm.utm_medium_television",
    "utm.utm_medium_google_adwords",
    "utm.utm_medium_twitter",
    "utm.utm_medium_facebook",
    "utm.utm_medium_linkedin",
)


def _set_odoo_promotion_mediums(env):
    for xmlid in PROMOTION_MEDIUMS:
        medium = env.ref(xmlid, raise_if_not_found=False)
        if medium and medium.bizreg_channel_type == "other":
            medium.bizreg_channel_type = "promotion"


def _by_name(cr, table, name):
    cr.execute(
        SQL(
            "SELECT id FROM %s WHERE lower(name) = lower(%s) ORDER BY id LIMIT 1",
            SQL.identifier(table),
            name,
        )
    )
    row = cr.fetchone()
    return row and row[0]


def _map_channels(env):
    """{channel id: (medium, channel kind)}"""
    cr = env.cr
    Medium = env["utm.medium"].with_context(active_test=False)
    cr.execute(
        """
        SELECT c.id,
               COALESCE(c.name->>'en_US',
                        (SELECT value FROM jsonb_each_text(c.name) LIMIT 1)),
               c.channel_type,
               c.active,
               d.name
          FROM bizreg_sale_channel c
     LEFT JOIN ir_model_data d
            ON d.model = 'bizreg.sale.channel'
           AND d.module = 'bizreg_sale'
           AND d.res_id = c.id
      ORDER BY c.id
        """
    )
    mapping = {}
    for channel_id, name, kind, active, xmlid in cr.fetchall():
        kind = kind or "other"
        medium = Medium
        if xmlid in DATA_CHANNELS:
            medium = env.ref(DATA_CHANNELS[xmlid], raise_if_not_found=False) or Medium
        if not medium and name:
            medium = Medium.browse(_by_name(cr, "utm_medium", name) or [])
            if medium and medium.bizreg_channel_type == "other":
                medium.bizreg_channel_type = kind
        if not medium:
            medium = Medium.create(
                {
                    "name": name or f"Channel {channel_id}",
                    "bizreg_channel_type": kind,
                    "active": bool(active),
                }
            )
        mapping[channel_id] = (medium, kind)
    return mapping


def _source(env, cache, name):
    key = name.lower()
    if key not in cache:
        source_id = _by_name(env.cr, "utm_source", name)
        if not source_id:
            source_id = env["utm.source"].create({"name": name}).id
        cache[key] = source_id
    return cache[key]


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    _set_odoo_promotion_mediums(env)
    if not sql.table_exists(cr, "bizreg_sale_channel"):
        return
    mapping = _map_channels(env)
    for channel_id, (medium, _kind) in mapping.items():
        cr.execute(
            "UPDATE crm_lead SET medium_id = %s WHERE bizreg_channel_id = %s",
            (medium.id, channel_id),
        )
    if sql.column_exists(cr, "crm_lead", "bizreg_exhibition"):
        cr.execute(
            """
            SELECT l.id, trim(l.bizreg_exhibition), l.source_id,
                   COALESCE(c.channel_type, 'other')
              FROM crm_lead l
         LEFT JOIN bizreg_sale_channel c ON c.id = l.bizreg_channel_id
             WHERE trim(COALESCE(l.bizreg_exhibition, '')) != ''
            """
        )
        cache = {}
        for lead_id, exhibition, source_id, kind in cr.fetchall():
            if source_id and kind != "exhibition":
                continue
            cr.execute(
                "UPDATE crm_lead SET source_id = %s WHERE id = %s",
                (_source(env, cache, exhibition), lead_id),
            )
    if sql.column_exists(cr, "crm_lead", "bizreg_referrer_id"):
        cr.execute(
            """
            UPDATE crm_lead l
               SET referred = CASE
                       WHEN trim(COALESCE(l.referred, '')) = ''
                       THEN COALESCE(p.complete_name, p.name)
                       ELSE l.referred || ' / ' || COALESCE(p.complete_name, p.name)
                   END
              FROM res_partner p
             WHERE p.id = l.bizreg_referrer_id
               AND strpos(COALESCE(l.referred, ''),
                          COALESCE(p.complete_name, p.name)) = 0
            """
        )
    env["crm.lead"].invalidate_model(["medium_id", "source_id", "referred"])
    _logger.info(
        "bizreg_sale: %d development channels migrated to UTM mediums", len(mapping)
    )
    # the channels' external ids, and the record rule's (``noupdate``: Odoo
    # keeps its external id when the rule goes with the model)
    cr.execute(
        """
        DELETE FROM ir_rule
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'bizreg_sale' AND model = 'ir.rule'
                         AND name = 'bizreg_sale_channel_rule_company')
        """
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE model = 'bizreg.sale.channel'
            OR (module = 'bizreg_sale' AND name = 'bizreg_sale_channel_rule_company')
        """
    )
    cr.execute("DROP TABLE bizreg_sale_channel CASCADE")
