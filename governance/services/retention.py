"""Retention (JRA): how long each document type and record kind is kept; a scheduled review lists what has
reached its end for an administrator's decision (keep, or destroy under a recorded decree); soft-deleted
documents are listed and restorable by an administrator with every version they had."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.models import ServiceRequest
from documents.models import Document, DocumentType
from people.models import ON_ROLL_STATUSES, StatusPeriod
from archive.services.audit import audit_record
from documents.services.upload import document_soft_delete, reindex_later
from governance.models import DataRequest, Incident, RetentionItem, RetentionRule
from governance.services.errors import GovernanceRefused

RECORD_KINDS = ("document", "service_request", "data_request", "incident")


def retention_rule_set(*, actor, record_kind: str, years: int, document_type: DocumentType | None = None,
                       counted_from: str = RetentionRule.CountedFrom.CREATED, note: str = "") -> RetentionRule:
    if record_kind not in RECORD_KINDS:
        raise GovernanceRefused(_("Unknown record kind; choose from %(kinds)s.") % {"kinds": ", ".join(RECORD_KINDS)},
                                errors={"record_kind": _("not valid")})
    if (record_kind == "document") != (document_type is not None):
        raise GovernanceRefused(_("A document rule names its document type; other kinds name none."),
                                errors={"document_type": _("not valid")})
    if counted_from not in RetentionRule.CountedFrom.values:
        raise GovernanceRefused(_("Unknown starting point."), errors={"counted_from": _("not valid")})
    with transaction.atomic():
        rule, _created = RetentionRule.objects.update_or_create(
            record_kind=record_kind, document_type=document_type,
            defaults={"years": years, "counted_from": counted_from, "note": note.strip()})
        audit_record(actor=actor, action="retention_rule.set", target=f"retention_rule:{rule.pk}",
                     details={"record_kind": record_kind, "document_type": document_type.code if document_type else "",
                              "years": years, "counted_from": counted_from})
    return rule


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _left_service_on(employee_ids) -> dict[int, dt.date]:
    """The day each employee left the service (their latest status off the roll), if they have."""
    left = {}
    for employee_id, status, since in (StatusPeriod.objects.filter(employee_id__in=employee_ids,
                                                                   revoked_at__isnull=True)
                                       .order_by("employee_id", "effective_from", "id")
                                       .values_list("employee_id", "status", "effective_from")):
        if status in ON_ROLL_STATUSES:
            left.pop(employee_id, None)
        else:
            left[employee_id] = since
    return left


def _candidates(rule: RetentionRule):
    """(target, the day its retention ended) for the rule's records."""
    if rule.record_kind == "document":
        documents = Document.objects.filter(document_type=rule.document_type, deleted_at__isnull=True)
        rows = list(documents.values_list("pk", "employee_id", "created_at"))
        left = _left_service_on({e for _pk, e, _c in rows}) if rule.counted_from == "left_service" else {}
        for pk, employee_id, created in rows:
            start = timezone.localdate(created) if rule.counted_from == "created" else left.get(employee_id)
            if start is not None:
                yield f"document:{pk}", _add_years(start, rule.years)
        return
    model, field = {"service_request": (ServiceRequest, "created_at"), "data_request": (DataRequest, "received_at"),
                    "incident": (Incident, "reported_at")}[rule.record_kind]
    for pk, created in model.objects.values_list("pk", field):
        yield f"{rule.record_kind}:{pk}", _add_years(timezone.localdate(created), rule.years)


def retention_review(*, today: dt.date | None = None) -> int:
    """The scheduled review: each record whose retention has ended and that nobody has decided on yet
    becomes an item awaiting an administrator's decision. -> how many new items."""
    today = today or timezone.localdate()
    seen = set(RetentionItem.objects.values_list("target", flat=True))
    made = 0
    for rule in RetentionRule.objects.select_related("document_type"):
        for target, ended in _candidates(rule):
            if ended <= today and target not in seen:
                try:
                    with transaction.atomic():
                        RetentionItem.objects.create(rule=rule, target=target, ended_on=ended)
                except IntegrityError:  # listed meanwhile by another review
                    continue
                seen.add(target)
                made += 1
    if made:
        audit_record(actor=None, action="retention.review", target="retention", details={"new_items": made})
    return made


def retention_decide(*, actor, item: RetentionItem, decision: str, decree: str, reason: str = "") -> RetentionItem:
    """Keep, or destroy: a document is then taken out of the file (soft delete, its bytes kept until the
    destruction itself, under the decree); other records are marked for destruction under the decree."""
    decree = " ".join((decree or "").split())
    if decision not in (RetentionItem.Decision.KEEP, RetentionItem.Decision.DESTROY):
        raise GovernanceRefused(_("Decide keep or destroy."), errors={"decision": _("not valid")})
    if not decree:
        raise GovernanceRefused(_("Name the decree the decision rests on."), errors={"decree": _("must be filled in")})
    with transaction.atomic():
        item = RetentionItem.objects.select_for_update().get(pk=item.pk)
        if item.decision != RetentionItem.Decision.PENDING:
            raise GovernanceRefused(_("This item is decided already."), code="conflict")
        item.decision, item.decree, item.reason = decision, decree, reason.strip()
        item.decided_by, item.decided_at = actor, timezone.now()
        item.save(update_fields=["decision", "decree", "reason", "decided_by", "decided_at"])
        audit_record(actor=actor, action=f"retention.{decision}", target=item.target,
                     details={"item": item.pk, "decree": decree, "reason": item.reason})
        kind, _sep, pk = item.target.partition(":")
        if decision == RetentionItem.Decision.DESTROY and kind == "document":
            document = Document.objects.filter(pk=int(pk), deleted_at__isnull=True).first()
            if document is not None:
                document_soft_delete(actor=actor, document=document, reason=f"retensi: {decree}")
    return item


def document_restore(*, actor, document: Document, reason: str) -> Document:
    """An administrator brings back a soft-deleted document, with all its versions (their bytes never left
    storage). Refused while another live document holds the same slot."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise GovernanceRefused(_("Give a reason."), errors={"reason": _("must be filled in")})
    if document.deleted_at is None:
        raise GovernanceRefused(_("This document is not deleted."), code="conflict")
    try:
        with transaction.atomic():
            Document.objects.filter(pk=document.pk).update(deleted_at=None, updated_at=timezone.now())
            audit_record(actor=actor, action="document.restore", target=f"document:{document.pk}",
                         details={"reason": reason, "versions": document.versions.count(),
                                  "deleted_at": document.deleted_at.isoformat()})
            transaction.on_commit(lambda: reindex_later(document.pk))
    except IntegrityError:
        raise GovernanceRefused(_("Another document now fills this slot; delete or keep that one first."),
                                code="conflict") from None
    document.refresh_from_db()
    return document
