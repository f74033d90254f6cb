"""Query parameters shared by several views."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError


def past_day_param(request, name: str) -> dt.date | None:
    """`?name=YYYY-MM-DD`, today or earlier; None when absent. 400 naming the parameter otherwise."""
    text = request.query_params.get(name)
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({name: _("date %(text)r not understood; write YYYY-MM-DD, e.g. 2026-09-30") % {"text": text}}) from None
    if day > timezone.localdate():
        raise ValidationError({name: _("a date in the future; choose today or earlier")})
    return day


def _nip_problem_text(nip: str) -> str | None:
    from archive.services.errors import nip_problem, problem_text

    if (problem := nip_problem(nip)) is None:
        return None
    return _("The NIP %(nip)s is not valid: %(problem)s") % {"nip": nip, "problem": problem_text(problem)}


def nip_refused(nip: str, field: str = "employee") -> None:
    """400 naming what is wrong when `nip` cannot be a NIP at all; call it when a lookup found no one,
    before answering "no such employee" (a NIP typed wrong is told apart from one outside your units)."""
    if (text := _nip_problem_text(nip)) is not None:
        raise ValidationError({field: text})


def employee_not_found(nip: str) -> NotFound:
    """The 404 for a NIP in the address that finds no one the caller may see: saying why when it cannot be a
    NIP at all (`invalid_nip`), otherwise the same answer for no such employee and one outside the caller's
    units, so nothing tells who exists (nor echoes the NIP of someone who may)."""
    if (text := _nip_problem_text(nip)) is not None:
        return NotFound(text, code="invalid_nip")
    return NotFound(_("No employee with this NIP within your access."))
