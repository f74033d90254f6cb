"""Template filters for the staff pages."""
from __future__ import annotations

import html
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_MARK = re.compile(r"(</?mark>)", re.IGNORECASE)


@register.filter
def highlight_html(snippet: str) -> str:
    """A search snippet with its <mark> tags kept and everything else escaped: the back end
    already escapes, but the page does not trust it (entities are decoded once, then escaped
    again, so nothing is double-escaped and no other tag survives). Unbalanced marks are closed."""
    out, inside = [], False
    for part in _MARK.split(snippet or ""):
        tag = part.lower()
        if tag == "<mark>":
            if not inside:
                out.append("<mark>")
                inside = True
        elif tag == "</mark>":
            if inside:
                out.append("</mark>")
                inside = False
        else:
            out.append(escape(html.unescape(part)))
    if inside:
        out.append("</mark>")
    return mark_safe("".join(out))


@register.filter
def status_label(code: str) -> str:
    """The translated label of a scan's or an issued document's status code."""
    from documents.models import DocumentStatus
    from issuing.models import IssuedDocument

    for choices in (DocumentStatus, IssuedDocument.Status):
        if code in choices.values:
            return choices(code).label
    return code
