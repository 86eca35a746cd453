"""Repository tooling behind ``./bizreg run`` and ``./bizreg test``.

Standard library only: it finds the user's Odoo 18.0, starts an embedded
PostgreSQL cluster under ``.cache/pg`` when no database server is configured,
and runs the Odoo server or the three test tiers.  The test fixtures in
``tests/suite`` reuse :mod:`bizreg_tool.odoo_env` and :mod:`bizreg_tool.pg`.
"""
