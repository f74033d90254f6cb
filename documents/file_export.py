"""One employee's whole file as a ZIP: the newest version of every document in it, the signed
documents issued to them, and an index (`00-daftar-isi.csv`, `;`-separated for Indonesian Excel)
naming each file with its type, state, version, upload time in WIB and SHA-256 — so the copy can be
checked against the archive. What the reader may see is what the file page shows them
(selectors_employee.employee_file, issued_documents_visible_to). Built in memory: a file is tens of MB
at most (MAX_UPLOAD_BYTES per scan)."""
from __future__ import annotations

import io
import re
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from archive import formatting
from people.selectors import employee_file, employee_issued_documents
from archive.services.audit import audit_record
from documents.services.upload import version_content
from issuing.services.issuing import issued_content
from archive.spreadsheets import csv_for_excel
from archive.templatetags.staff_pages import status_label

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif"}


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:60] or "berkas"


def employee_file_zip(*, user, employee) -> tuple[bytes, int]:
    """(ZIP bytes, number of files in it besides the index); the download is audited."""
    headers = [_("No."), _("Document type"), _("Required"), _("State"), _("Version"), _("Uploaded"),
               _("Original file name"), _("File in this ZIP"), "SHA-256"]
    rows, out = [], io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        number = 0
        for entry in employee_file(user, employee):
            version = entry.latest
            if version is None:
                rows.append([len(rows) + 1, entry.document_type.name, _("yes") if entry.required else _("no"),
                             _("missing"), "", "", "", "", ""])
                continue
            number += 1
            extension = EXTENSIONS.get(version.content_type) or (version.original_filename or "").rpartition(".")[2] \
                or "bin"
            name = f"dokumen/{number:02d}-{_safe(entry.document_type.code)}-v{version.number}.{_safe(extension)}"
            archive.writestr(name, version_content(version))
            rows.append([len(rows) + 1, entry.document_type.name, _("yes") if entry.required else _("no"),
                         status_label(entry.document.status), version.number,
                         formatting.datetime_short(version.uploaded_at), version.original_filename or "", name,
                         version.sha256])
        for issued in employee_issued_documents(user, employee).order_by("issued_at", "id"):
            number += 1
            name = f"diterbitkan/{_safe(issued.number)}-v{issued.version}.pdf"
            archive.writestr(name, issued_content(issued))
            rows.append([len(rows) + 1, issued.title, "", status_label(issued.status), issued.version,
                         formatting.datetime_short(issued.issued_at), "", name, issued.sha256 or ""])
        archive.writestr("00-daftar-isi.csv", csv_for_excel(headers, rows))
    audit_record(actor=user, action="employee.file_download", target=f"employee:{employee.nip}",
                 details={"files": number, "at": timezone.now().isoformat()})
    return out.getvalue(), number
