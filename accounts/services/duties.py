"""Separation of duties: one person never both makes and decides the same item (DESIGN.md "Who uses it").

    the uploader of a scan            does not verify it
    the proposer of a data update     does not approve or return it
    the requester of a service        does not forward or approve it (desk.services.requests)
    the maker of a collective update  does not approve it

A refusal is 403 with the reason in the user's language, and is audited."""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from archive.services.audit import audit_record
from archive.services.errors import Refused

REASONS = {
    "verify": gettext_noop("You uploaded this scan, so someone else verifies it: another fasilitator of the unit "
                           "or a BKD administrator."),
    "data_update": gettext_noop("You proposed this change, so someone else decides it: a fasilitator of the unit or a "
                                "BKD administrator."),
    "collective": gettext_noop("You made this collective update, so a second person approves it."),
}


class DutyRefused(Refused):
    pass


def duties_separate(*, actor, maker_id, kind: str, target: str, refused: type[Refused] = DutyRefused) -> None:
    """Refuse (and audit) when `actor` made the item they are about to decide; `refused` is the caller's own
    Refused subclass, so its pages show the reason where they show their other refusals."""
    if actor is None or maker_id is None or actor.pk != maker_id:
        return
    audit_record(actor=actor, action="duties.refused", target=target, details={"kind": kind})
    raise refused(_(REASONS[kind]), code="forbidden")
