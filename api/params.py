"""Query parameters shared by several views."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rest_framework.exceptions import ValidationError


def past_day_param(request, name: str) -> dt.date | None:
    """`?name=YYYY-MM-DD`, today or earlier; None when absent. 400 naming the parameter otherwise."""
    text = request.query_params.get(name)
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({name: f"tanggal {text!r} tidak dikenal; tulis YYYY-MM-DD, mis. 2026-09-30"}) from None
    if day > timezone.localdate():
        raise ValidationError({name: "tanggal di masa depan; pilih hari ini atau sebelumnya"})
    return day
