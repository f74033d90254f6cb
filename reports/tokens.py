"""API tokens for other agencies' systems: made by an administrator with scopes, shown once,
kept hashed, revocable; every use is audited. The caller they authenticate is an AgencyClient,
not a login: it has no role, so every view that serves users refuses it."""
from __future__ import annotations

import hashlib
import re
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Agency
from archive.services.audit import audit_record
from archive.services.errors import Refused
from reports.models import AgencyToken

FIXED_SCOPES = ("statistics:read", "reconciliation:read")
EMPLOYEE_SCOPE = re.compile(r"^employees:read:(?P<agency>[A-Za-z0-9_-]+)$")
TOKEN_PREFIX = "bka_"


class TokenRefused(Refused):
    pass


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def agency_token_create(*, actor, name: str, scopes: list[str]) -> tuple[AgencyToken, str]:
    """-> (the stored token, the token itself: shown this once, never stored)."""
    name = " ".join(str(name).split())
    if not name:
        raise TokenRefused(_("Name the system that will use the token."), errors={"name": _("must be filled in")})
    scopes = sorted(set(scopes))
    agencies = set(Agency.objects.values_list("code", flat=True))
    bad = [s for s in scopes if s not in FIXED_SCOPES
           and not ((m := EMPLOYEE_SCOPE.match(s)) and m["agency"] in agencies)]
    if bad or not scopes:
        raise TokenRefused(_("Unknown scope(s): %(scopes)s; choose from %(allowed)s, employees:read:<agency code>.") % {
            "scopes": ", ".join(bad) or _("(none)"), "allowed": ", ".join(FIXED_SCOPES)},
            errors={"scopes": _("unknown")})
    prefix = secrets.token_hex(4)
    key = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = AgencyToken.objects.create(name=name, prefix=prefix, key_hash=_hash(key), scopes=scopes,
                                           created_by=actor)
        audit_record(actor=actor, action="agency_token.create", target=f"agency_token:{token.pk}",
                     details={"name": name, "scopes": scopes, "prefix": prefix})
    return token, key


def agency_token_revoke(*, actor, token: AgencyToken) -> AgencyToken:
    with transaction.atomic():
        token = AgencyToken.objects.select_for_update(no_key=True).get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at, token.revoked_by = timezone.now(), actor
            token.save(update_fields=["revoked_at", "revoked_by"])
            audit_record(actor=actor, action="agency_token.revoke", target=f"agency_token:{token.pk}",
                         details={"name": token.name, "prefix": token.prefix})
    return token


def agency_token_authenticate(key: str) -> AgencyToken | None:
    """The live token with this key, or None: revoked, or past the expiry of its agreement (governance), it is
    unknown."""
    return (AgencyToken.objects.filter(key_hash=_hash(key), revoked_at__isnull=True)
            .exclude(agreement__expires_at__lte=timezone.now()).first())


def agency_token_used(*, token: AgencyToken, method: str, path: str, ip: str) -> None:
    AgencyToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    audit_record(actor=None, action="agency_token.use", target=f"agency_token:{token.pk}",
                 details={"name": token.name, "method": method, "path": path, "ip": ip})


def token_agencies(token: AgencyToken) -> list[str]:
    """The agency codes whose employees the token may read."""
    return [m["agency"] for s in token.scopes if (m := EMPLOYEE_SCOPE.match(s))]


class AgencyClient:
    """Who an agency token authenticates: not a user, no role, no profile."""

    is_authenticated = True
    is_anonymous = False
    is_superuser = False
    is_staff = False
    pk = id = None  # never an actor in the audit log: the token is named in the details

    def __init__(self, token: AgencyToken):
        self.token = token
        self.username = f"agency-token:{token.prefix}"

    def __str__(self) -> str:
        return self.username
