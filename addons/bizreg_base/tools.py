# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Server-side trust scopes.

A JSON-RPC caller controls the whole context of its call, so no context key can
mark a write as "done by the approval engine".  Privileged internal writes run
inside :func:`trusted`, a ``contextvars`` scope that only server code can open:

- ``"review"``: creating, approving, rejecting or deleting ``tier.review``;
- ``"state"``: changing the state field of a bizreg approvable record;
- ``"number"``: assigning a document number;
- ``"four_eyes"``: applying a confirmed change of important data.

Guards refuse those writes outside of their scope.
"""

import contextlib
import contextvars

_SCOPES = contextvars.ContextVar("bizreg_trusted_scopes", default=frozenset())
_ACTING_USER = contextvars.ContextVar("bizreg_acting_user", default=None)


@contextlib.contextmanager
def trusted(*scopes):
    """Open the given trust scopes for the enclosed server code."""
    token = _SCOPES.set(_SCOPES.get() | frozenset(scopes))
    try:
        yield
    finally:
        _SCOPES.reset(token)


def is_trusted(scope):
    return scope in _SCOPES.get()


@contextlib.contextmanager
def acting_for(user_id):
    """Mark that the current (principal) user is represented by delegate ``user_id``."""
    token = _ACTING_USER.set(user_id)
    try:
        yield
    finally:
        _ACTING_USER.reset(token)


def acting_user_id():
    return _ACTING_USER.get()
