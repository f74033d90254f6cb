"""The verification queue: scans awaiting a fasilitator's check, oldest first, with the
signs that deserve a closer look at the original."""
from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from documents.models import Document, DocumentStatus, DocumentVersion, VerificationDecision
from people.models import Role
from archive.selectors import documents_visible_to, user_role

# A legible scan scoring below this is worth a second look (the OCR calls 50 the edge of legible).
LOW_LEGIBILITY_SCORE = 65

FLAG_CODES = ("nip_mismatch", "nama_mismatch", "possible_forgery", "new_version_of_verified", "low_legibility")


def verification_queue(user, *, unit: str | None = None) -> QuerySet[Document]:
    """Documents whose newest version awaits verification, in the units the user may verify."""
    if user_role(user) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        return Document.objects.none()
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    documents = (documents_visible_to(user).filter(status=DocumentStatus.AWAITING_VERIFICATION)
                 .annotate(waiting_since=Subquery(latest.values("uploaded_at")[:1]),
                           was_verified=Exists(VerificationDecision.objects.filter(
                               version__document=OuterRef("pk"), decision=VerificationDecision.Decision.VERIFIED)))
                 .order_by("waiting_since", "pk"))
    if unit:
        documents = documents.filter(employee__unit__code=unit)
    return documents


SIMILAR_ELSEWHERE_ID = "dokumen serupa pada pegawai lain"


def flags_seen_by(viewer, flags: list | None) -> list[dict]:
    """A version's flags as `viewer` may see them: a possible forgery names the other employee (NIP)
    and document only to an administrator; everyone else reads "dokumen serupa pada pegawai lain"
    (that employee may be outside their scope, and their NIP is theirs)."""
    admin = viewer is not None and user_role(viewer) == Role.ADMINISTRATOR
    out = []
    for flag in flags or []:
        if flag.get("code") == "possible_forgery" and not admin:
            flag = {"code": "possible_forgery", "same_bytes": bool(flag.get("same_bytes")),
                    "detail": SIMILAR_ELSEWHERE_ID}
        out.append(flag)
    return out


def queue_flags(version: DocumentVersion, *, was_verified: bool, viewer=None) -> list[dict]:
    """What about this version deserves attention, each flag {code, ...detail}, as `viewer` may see it
    (`flags_seen_by`; no viewer: nobody's NIP)."""
    flags = []
    for field in ("nip", "nama"):
        if version.field_checks.get(field) == "mismatch":
            flags.append({"code": f"{field}_mismatch", "found": version.fields.get(field, [])[:3]})
    for flag in flags_seen_by(viewer, version.flags):
        if flag.get("code") == "possible_forgery":
            flags.append(flag)
    if was_verified and version.number > 1:
        flags.append({"code": "new_version_of_verified", "previous_version": version.number - 1})
    legibility = version.legibility or {}
    score = legibility.get("score")
    if legibility and (not legibility.get("legible", True) or (score is not None and score < LOW_LEGIBILITY_SCORE)):
        flags.append({"code": "low_legibility", "score": score,
                      "reasons": [r.get("code") for r in legibility.get("reasons", []) if isinstance(r, dict)]})
    return flags


def verification_queue_items(user, *, unit: str | None = None, flag: str | None = None,
                             limit: int = 200) -> list[dict]:
    """The queue as the fasilitator's page shows it: [{document, version, flags}], oldest first,
    narrowed to one unit and/or one flag (flags are computed per version, so the flag filter
    runs over a bounded stretch of the queue)."""
    items = []
    for document in verification_queue(user, unit=unit or None).prefetch_related("versions")[:1000]:
        version = max(document.versions.all(), key=lambda v: v.number)
        flags = queue_flags(version, was_verified=document.was_verified, viewer=user)
        if flag and not any(f["code"] == flag for f in flags):
            continue
        items.append({"document": document, "version": version, "flags": flags})
        if len(items) >= limit:
            break
    return items


def verification_queue_next(user, *, after: Document, unit: str | None = None,
                            flag: str | None = None) -> Document | None:
    """The document to open after deciding on `after`: the next one in queue order (same
    filters), else the first still waiting, else None when the queue is empty."""
    items = [item["document"] for item in verification_queue_items(user, unit=unit, flag=flag)
             if item["document"].pk != after.pk]
    if not items:
        return None
    position = (after.versions.order_by("-number").values_list("uploaded_at", flat=True).first(), after.pk)
    later = [d for d in items if position[0] is None or (d.waiting_since, d.pk) > position]
    return (later or items)[0]


def scan_record_comparison(version: DocumentVersion) -> list[dict]:
    """What the scan says beside what the record says: [{field, record, found[], check}] where
    check is match | mismatch | absent (NIP and name are cross-checked by the pipeline) or ""."""
    employee = version.document.employee
    fields, checks = version.fields or {}, version.field_checks or {}
    return [
        {"field": "nip", "record": employee.nip, "found": fields.get("nip", [])[:5], "check": checks.get("nip", "")},
        {"field": "nama", "record": employee.nama, "found": fields.get("nama", [])[:5],
         "check": checks.get("nama", "")},
        {"field": "nomor", "record": "", "found": fields.get("nomor", [])[:5], "check": ""},
        {"field": "tanggal", "record": "", "found": fields.get("tanggal", [])[:5], "check": ""},
    ]
