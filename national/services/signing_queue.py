"""An official's signing queue: decrees prepared by BKD staff wait for the official, who types the
passphrase once for the whole batch. The passphrase is used for this call only and never stored
(the batch runs in the request, not through the task broker, so it never sits in a queue).

A refusal that concerns the credentials (wrong passphrase, certificate expired or revoked, BSrE
unreachable) stops the batch at once: the first decree is numbered in the same transaction as its
signature, so nothing is numbered, and the rest stay waiting. A refusal of one decree (its fields no
longer fit the employee's record) fails that decree only."""
from __future__ import annotations

import contextlib

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee
from archive.services.audit import audit_record
from issuing.errors import IssuingRefused
from issuing.services.issuing import issued_document_check, issued_document_issue
from national.models import SigningOfficial, SigningRequest
from national.services.officials import SigningRefused, official_check, official_for_template

MAX_BATCH = 200


def signing_request_create(*, actor, template: str, employee: Employee, fields: dict,
                           official: SigningOfficial | None = None) -> SigningRequest:
    """Put a decree in its official's queue; refused now when its fields are wrong."""
    fields = issued_document_check(template=template, employee=employee, fields=fields)
    official = official or official_for_template(template)
    if official is None:
        raise SigningRefused(_("No signing official is assigned to this decree type."),
                             errors={"template": _("no signing official")})
    from issuing.services.issuing import _json_fields

    with transaction.atomic():
        request = SigningRequest.objects.create(official=official, template=template, employee=employee,
                                                fields=_json_fields(fields), requested_by=actor)
        audit_record(actor=actor, action="signing.queue", target=f"signing-request:{request.pk}",
                     details={"official": official.pk, "template": template, "employee": employee.nip})
    return request


QUEUE_LOCK_NAMESPACE = 26  # pg advisory lock (namespace, official id): one batch per official at a time


@contextlib.contextmanager
def _one_batch_at_a_time(official: SigningOfficial):
    """A second batch for the same official (a double click, two tabs) is refused while one runs, so
    no decree is signed twice."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [QUEUE_LOCK_NAMESPACE, official.pk])
        if not cursor.fetchone()[0]:
            raise SigningRefused(_("A batch for %(name)s is being signed now; wait until it ends.")
                                 % {"name": official.name}, code="conflict")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [QUEUE_LOCK_NAMESPACE, official.pk])


def signing_queue_sign(*, actor, official: SigningOfficial, passphrase: str,
                       request_ids: list[int] | None = None) -> dict:
    """Sign the official's waiting decrees (those named, else all, oldest first) with one passphrase."""
    with _one_batch_at_a_time(official):
        return _sign_batch(actor=actor, official=official, passphrase=passphrase, request_ids=request_ids)


def _sign_batch(*, actor, official: SigningOfficial, passphrase: str, request_ids: list[int] | None) -> dict:
    waiting = SigningRequest.objects.filter(official=official, status=SigningRequest.Status.WAITING)
    if request_ids:
        waiting = waiting.filter(pk__in=request_ids)
    waiting = list(waiting.select_related("employee")[:MAX_BATCH])
    signed, failed = [], []
    if waiting:
        official_check(official, passphrase)  # refused here: nothing signed, nothing numbered
    for request in waiting:
        try:
            issued = issued_document_issue(actor=actor, template=request.template, employee=request.employee,
                                           fields=request.fields, official=official, passphrase=passphrase)
        except SigningRefused:
            audit_record(actor=actor, action="signing.batch", target=f"official:{official.pk}",
                         details={"signed": len(signed), "failed": len(failed), "stopped_at": request.pk})
            if not signed and not failed:
                raise
            break  # the credentials stopped working mid-batch: the rest stays waiting
        except IssuingRefused as exc:
            request.status, request.detail = SigningRequest.Status.FAILED, exc.message
            request.save(update_fields=["status", "detail"])
            failed.append({"id": request.pk, "detail": exc.message})
        else:
            request.status, request.issued, request.signed_at = SigningRequest.Status.SIGNED, issued, timezone.now()
            request.save(update_fields=["status", "issued", "signed_at"])
            signed.append({"id": request.pk, "issued": issued.pk, "number": issued.number})
    else:
        audit_record(actor=actor, action="signing.batch", target=f"official:{official.pk}",
                     details={"signed": len(signed), "failed": len(failed)})
    return {"signed": signed, "failed": failed,
            "waiting": SigningRequest.objects.filter(official=official, status=SigningRequest.Status.WAITING).count()}
