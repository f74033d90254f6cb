"""The access review (Pergub Jatim 73/2020 Pasal 30(2)a): an administrator reads the list of every account
and signs it off with a note; the list as it stood is kept with the sign-off and can be exported."""
from __future__ import annotations

import csv
import io

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AccessReview
from accounts.selectors import access_review_rows
from accounts.services.state import AccountRefused, require_administrator
from archive.services.audit import audit_record

CSV_COLUMNS = ["username", "name", "nip", "role", "units", "status", "last_login", "unused", "two_factor",
               "deactivated_reason"]


def access_review_sign(*, actor, note: str) -> AccessReview:
    require_administrator(actor)
    note = str(note or "").strip()
    if not note:
        raise AccountRefused(_("Write a note on what was reviewed and what was done."),
                             errors={"note": _("must be filled in")})
    rows = access_review_rows()
    with transaction.atomic():
        review = AccessReview.objects.create(
            reviewer=actor, note=note, unused_after_days=settings.ACCESS_REVIEW_UNUSED_DAYS,
            account_count=len(rows), unused_count=sum(1 for r in rows if r["unused"]), accounts=rows)
        audit_record(actor=actor, action="access_review.sign", target=f"access_review:{review.pk}",
                     details={"accounts": review.account_count, "unused": review.unused_count, "note": note})
    return review


def access_review_csv(rows: list[dict], *, review: AccessReview | None = None) -> str:
    out = io.StringIO()
    if review is not None:
        out.write(f"# access review {review.pk}, signed {review.signed_at.isoformat()} by "
                  f"{review.reviewer.get_username()}: {' '.join(review.note.split())}\n")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(" ".join(row[c]) if c == "units" else row.get(c)) for c in CSV_COLUMNS])
    return out.getvalue()


def _cell(value) -> str:
    """No spreadsheet formula from a name someone typed."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
