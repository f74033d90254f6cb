"""API tokens of users (`Authorization: Token <key>`): made at login, shown once, kept as a SHA-256
hash, expiring after settings.API_TOKEN_DAYS, revoked on password change or reset, on deactivation
and on "sign out everywhere". A token also stops when the user's password changes by any path: it
carries the user's session hash of the day it was made (see accounts.models.ApiToken)."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from accounts.models import ApiToken

LAST_USED_EVERY = dt.timedelta(minutes=5)  # a write at most this often per token, not on every request


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user) -> tuple[ApiToken, str]:
    """-> (the stored token, the key: shown this once, never stored)."""
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(user=user, prefix=key[:8], key_hash=_hash(key),
                                    auth_hash=user.get_session_auth_hash(), created_at=now, last_used_at=now,
                                    expires_at=now + dt.timedelta(days=settings.API_TOKEN_DAYS))
    return token, key


def api_token_authenticate(key: str) -> ApiToken | None:
    """The live token with this key: not revoked, not expired, its user active, the password unchanged."""
    if not key:
        return None
    token = (ApiToken.objects.select_related("user").filter(key_hash=_hash(key), revoked_at__isnull=True)
             .first())
    now = timezone.now()
    if token is None or token.expires_at <= now or not token.user.is_active:
        return None
    if not constant_time_compare(token.auth_hash, token.user.get_session_auth_hash()):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_tokens_revoke(*, user, reason: str) -> int:
    """Revoke every live token of the user; returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:60])
