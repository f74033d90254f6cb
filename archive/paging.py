"""Pagination and sorting for every list page: one page of a queryset or list (`?halaman=N`,
LIST_PAGE_SIZE a page, 25 by default), the sort the user chose among the ones the view allows (`?urut=`), and
the query string that keeps the other filters when moving between pages or sorts."""
from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator

PAGE_PARAM, SORT_PARAM = "halaman", "urut"


def page_of(request, items, *, per_page: int | None = None) -> Page:
    """The requested page (a number past the end gives the last page; a word, the first);
    settings.LIST_PAGE_SIZE rows unless the view says."""
    return Paginator(items, per_page or settings.LIST_PAGE_SIZE).get_page(request.GET.get(PAGE_PARAM))


def sort_of(request, allowed: dict, default: str) -> tuple[str, object]:
    """(the sort's name, what it maps to) — an unknown name falls back to the default."""
    name = request.GET.get(SORT_PARAM, default)
    if name not in allowed:
        name = default
    return name, allowed[name]


def query_without(request, *names: str) -> str:
    """The current query string without the given parameters (to append `&halaman=N`)."""
    kept = [(key, value) for key, values in request.GET.lists() if key not in names for value in values]
    return urlencode(kept)
