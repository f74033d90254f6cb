"""The state of a login: active or deactivated (with reason), read-only, and its session epoch.

A deactivated login stops at once: `is_active=False` makes the session backend refuse the user on the
next request, its API tokens are revoked, and the epoch moves on so any session still carrying the old
one is ended by accounts.middleware.AccountSessionMiddleware."""
from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccountState
from people.models import Role
from archive.selectors import user_role
from archive.services.audit import audit_record
from archive.services.errors import Refused


class AccountRefused(Refused):
    """An account change the service will not make (see archive.services.errors.Refused)."""


def account_state(user) -> AccountState:
    state, _created = AccountState.objects.get_or_create(user=user)
    return state


def require_administrator(actor) -> None:
    if user_role(actor) != Role.ADMINISTRATOR:
        raise AccountRefused(_("Only a BKD administrator can manage accounts."), code="forbidden")


def sessions_end(*, user, actor, reason: str) -> None:
    """Every session and API token of the user stops (the user's "sign out everywhere", or a deactivation)."""
    from accounts.services.tokens import api_tokens_revoke

    with transaction.atomic():
        account_state(user)
        AccountState.objects.filter(user=user).update(session_epoch=F("session_epoch") + 1,
                                                      updated_at=timezone.now())
        revoked = api_tokens_revoke(user=user, reason=reason)
        audit_record(actor=actor, action="user.sessions_end", target=user.get_username(),
                     details={"reason": reason, "tokens_revoked": revoked})


def user_deactivate(*, actor, user, reason: str, rule: str = "") -> AccountState:
    """Administrator (or, with actor None, an employee-status rule). The reason is required."""
    reason = " ".join(str(reason or "").split())
    if rule == "":
        require_administrator(actor)
        if actor is not None and actor.pk == user.pk:
            raise AccountRefused(_("You cannot deactivate your own account."), code="forbidden")
    if not reason:
        raise AccountRefused(_("Write the reason for deactivating the account."),
                             errors={"reason": _("must be filled in")})
    with transaction.atomic():
        state = AccountState.objects.select_for_update(no_key=True).get(pk=account_state(user).pk)
        was_active = user.is_active
        user.is_active = False
        user.save(update_fields=["is_active"])
        state.deactivated_at, state.deactivated_reason, state.deactivated_by = timezone.now(), reason, actor
        state.status_rule = rule or ("" if was_active else state.status_rule)
        state.save(update_fields=["deactivated_at", "deactivated_reason", "deactivated_by", "status_rule",
                                  "updated_at"])
        audit_record(actor=actor, action="user.deactivate", target=user.get_username(),
                     details={"reason": reason, "rule": rule, "was_active": was_active})
        sessions_end(user=user, actor=actor, reason="deactivation")
    return state


def user_reactivate(*, actor, user, reason: str, rule: str = "") -> AccountState:
    reason = " ".join(str(reason or "").split())
    if rule == "":
        require_administrator(actor)
    if not reason:
        raise AccountRefused(_("Write the reason for reactivating the account."),
                             errors={"reason": _("must be filled in")})
    with transaction.atomic():
        state = AccountState.objects.select_for_update(no_key=True).get(pk=account_state(user).pk)
        user.is_active = True
        user.save(update_fields=["is_active"])
        state.deactivated_at, state.deactivated_reason, state.deactivated_by = None, "", None
        state.status_rule = ""
        state.save(update_fields=["deactivated_at", "deactivated_reason", "deactivated_by", "status_rule",
                                  "updated_at"])
        audit_record(actor=actor, action="user.reactivate", target=user.get_username(),
                     details={"reason": reason, "rule": rule})
    return state


def account_read_only_set(*, user, read_only: bool, rule: str, actor=None) -> AccountState:
    with transaction.atomic():
        state = AccountState.objects.select_for_update(no_key=True).get(pk=account_state(user).pk)
        if state.read_only == read_only and state.status_rule == (rule if read_only else ""):
            return state
        state.read_only, state.status_rule = read_only, rule if read_only else ""
        state.save(update_fields=["read_only", "status_rule", "updated_at"])
        audit_record(actor=actor, action="user.read_only" if read_only else "user.writable",
                     target=user.get_username(), details={"rule": rule})
    return state
