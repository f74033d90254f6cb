"""The processing log and the audit trail in words a fasilitator understands. The stored records keep
their codes (`step`, `outcome`, `action`, `details` — what the API answers); this module only says
them for people, in the active language: "Teks dibaca (OCR): 1 halaman, keterbacaan 88 dari 100"
rather than "ocr ok 1 page(s), score 88, legible=True"."""
from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from archive import formatting

STEPS = {
    "store": gettext_lazy("Received and stored"),
    "load": gettext_lazy("Original read back from storage"),
    "ocr": gettext_lazy("Text read (OCR)"),
    "inspect_pdf": gettext_lazy("PDF checked for hidden content"),
    "cross_check": gettext_lazy("NIP and name compared with the record"),
    "preview": gettext_lazy("Thumbnail made"),
    "duplicates": gettext_lazy("Looked for the same scan filed for someone else"),
    "finish": gettext_lazy("Processing finished"),
    "index": gettext_lazy("Search index updated"),
    "reprocess": gettext_lazy("Processing started again"),
}
OUTCOMES = {"ok": gettext_lazy("done"), "failed": gettext_lazy("failed"), "retry": gettext_lazy("tried again"),
            "error": gettext_lazy("failed")}
CHECKS = {"match": gettext_lazy("matches the record"), "mismatch": gettext_lazy("does NOT match the record"),
          "absent": gettext_lazy("not found on the scan")}
SKIPPED = {"not a PDF": gettext_lazy("Not a PDF: nothing to check."),
           "no text": gettext_lazy("Skipped: no text was read."),
           "unreadable file": gettext_lazy("Skipped: the file could not be read.")}

_STORE = re.compile(r"^(?P<kind>[^,]+), (?P<size>\d+) bytes, sha256 \w+$")
_LOAD = re.compile(r"^(?P<size>\d+) bytes, sha256 verified$")
_OCR = re.compile(r"^(?P<pages>\d+) page\(s\), score (?P<score>\d+), legible=(?P<legible>True|False), "
                  r"confidence (?P<confidence>\d+)(?P<corners>, page corners placed by the uploader)?$")
_DUPLICATES = re.compile(r"^(?P<n>\d+) match\(es\) on other employees$")
_CHECK = re.compile(r"(nip|nama): (match|mismatch|absent)")


def step_label(step: str) -> str:
    return str(STEPS.get(step, step))


def outcome_label(outcome: str) -> str:
    return str(OUTCOMES.get(outcome, outcome))


def event_words(step: str, outcome: str, message: str) -> str:
    """One line of the processing log as a sentence; a message of no known form is shown as stored."""
    message = message or ""
    if outcome == "retry":
        return _("A passing failure; the step was tried again.")
    if message.startswith("skipped: ") and message[9:] in SKIPPED:
        return str(SKIPPED[message[9:]])
    if step == "store" and (m := _STORE.match(message)):
        return _("%(kind)s file of %(size)s stored; its fingerprint was recorded.") % {
            "kind": m["kind"], "size": formatting.size(int(m["size"]))}
    if step == "load" and (m := _LOAD.match(message)):
        return _("%(size)s read back, unchanged since it was uploaded.") % {"size": formatting.size(int(m["size"]))}
    if step == "ocr":
        if m := _OCR.match(message):
            pages = ngettext("%(n)s page read", "%(n)s pages read", int(m["pages"])) % {"n": m["pages"]}
            verdict = _("legible") if m["legible"] == "True" else _("not legible enough")
            text = _("%(pages)s; legibility %(score)s of 100 (%(verdict)s).") % {
                "pages": pages, "score": m["score"], "verdict": verdict}
            return text + (" " + _("The uploader placed the page corners.") if m["corners"] else "")
        if message.startswith("unreadable: "):
            return _("The file could not be read (%(reason)s).") % {"reason": message[12:]}
    if step == "cross_check" and _CHECK.search(message):
        names = {"nip": "NIP", "nama": _("Name")}
        return "; ".join(f"{names[field]}: {CHECKS[check]}" for field, check in _CHECK.findall(message)) + "."
    if step == "duplicates" and (m := _DUPLICATES.match(message)):
        n = int(m["n"])
        return _("No copy filed for another employee.") if n == 0 else ngettext(
            "%(n)s copy filed for another employee: a possible forgery.",
            "%(n)s copies filed for other employees: a possible forgery.", n) % {"n": n}
    if step == "preview" and message.startswith("phash "):
        return _("Thumbnail made.")
    if step == "inspect_pdf":
        return _("No hidden content.") if message == "no active content" else \
            _("Found: %(what)s.") % {"what": message}
    if step == "finish":
        from archive.templatetags.staff_pages import status_label

        return str(status_label(message)) if outcome == "ok" else _("Stopped: %(why)s") % {"why": message}
    if step == "index" and message == "search index updated":
        return _("Search index updated.")
    if step == "reprocess" and message.startswith("requested by "):
        return _("Requested by %(who)s.") % {"who": message[13:]}
    return message


ACTIONS = {
    "document.upload": gettext_lazy("Scan uploaded"), "document.view": gettext_lazy("Scan viewed"),
    "document.download": gettext_lazy("Scan downloaded"), "document.delete": gettext_lazy("Scan deleted"),
    "document.reprocess": gettext_lazy("Processing started again"),
    "document.verified": gettext_lazy("Verified"), "document.rejected": gettext_lazy("Rejected"),
    "document.not_authentic": gettext_lazy("Judged not authentic"),
    "issued.issue": gettext_lazy("Document issued"), "issued.revoke": gettext_lazy("Document revoked"),
    "issued.reissue": gettext_lazy("New version issued"), "issued.batch": gettext_lazy("Bulk issue started"),
    "issued.view": gettext_lazy("Issued document viewed"), "issued.download": gettext_lazy("Issued document downloaded"),
    "record.change": gettext_lazy("Record changed"), "record.revert": gettext_lazy("Record change reverted"),
    "draft.create": gettext_lazy("Draft made"), "draft.issue": gettext_lazy("Draft issued"),
    "draft.discard": gettext_lazy("Draft discarded"),
    "data_update.propose": gettext_lazy("Data change proposed"), "data_update.approve": gettext_lazy("Data change approved"),
    "data_update.return": gettext_lazy("Data change returned"),
    "employee.view": gettext_lazy("Employee file viewed"), "employee.status": gettext_lazy("Employment status recorded"),
    "duties.refused": gettext_lazy("Refused: one's own work"),
}
DETAIL_KEYS = {
    "version": gettext_lazy("version"), "employee": "NIP", "document_type": gettext_lazy("document type"),
    "note": gettext_lazy("note"), "reason": gettext_lazy("reason"), "ip": gettext_lazy("address"),
    "number": gettext_lazy("number"), "template": gettext_lazy("template"), "size": gettext_lazy("size"),
    "rendition": gettext_lazy("form"), "status": gettext_lazy("status"), "value": gettext_lazy("value"),
    "previous": gettext_lazy("before"), "target": gettext_lazy("what"),
}
HIDDEN_DETAILS = {"sha256", "user_agent", "collective", "proposed_by", "owner"}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def details_words(details: dict) -> str:
    """The details people need ("versi 2; catatan: …"), fingerprints and internal ids left to the API."""
    parts = []
    for key, value in (details or {}).items():
        if key in HIDDEN_DETAILS or value in (None, "", [], {}):
            continue
        if key == "size" and isinstance(value, int):
            value = formatting.size(value)
        if key == "document_type":
            from documents.models import DocumentType

            value = DocumentType.objects.filter(code=value).values_list("name", flat=True).first() or value
        parts.append(f"{DETAIL_KEYS.get(key, key)}: {value}")
    return "; ".join(parts)
