"""Reads of the national integration: officials, signing queues, SI-ASN pulls."""
from __future__ import annotations

from national.models import IssuedSignature, SigningOfficial, SigningRequest


def signing_official_of(issued) -> dict | None:
    """The named official who signed `issued` (as printed under it), or None."""
    signature = IssuedSignature.objects.filter(issued=issued).first()
    if signature is None:
        return None
    return {"name": signature.name, "title": signature.title, "nip": signature.nip,
            "via": "BSrE" if signature.backend == SigningOfficial.Backend.BSRE else "server"}


def officials_signing_as(user) -> list[SigningOfficial]:
    """The officials this login signs for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(SigningOfficial.objects.filter(user=user, active=True))


def signing_queue_of(user, official_id: int | None = None):
    """The decrees waiting for the officials this login signs for (one official when named)."""
    requests = SigningRequest.objects.filter(official__user=user, official__active=True,
                                             status=SigningRequest.Status.WAITING)
    if official_id is not None:
        requests = requests.filter(official_id=official_id)
    return requests.select_related("official", "employee")
