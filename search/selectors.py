"""Reads from the search index. The caller's scope is computed here from their role and
handed INTO the back end's query, so a count, a page or a facet can only ever hold what
the caller may see (never a filter applied after paging)."""
from __future__ import annotations

from people.models import Role
from archive.selectors import user_role
from search.backends import get_backend
from search.query import Scope, SearchQuery, SearchResult


def search_scope_for(user) -> Scope:
    """Employee: their own documents. Fasilitator: their units'. Administrator: everything."""
    role = user_role(user)
    if role == Role.ADMINISTRATOR:
        return Scope(everything=True)
    if role == Role.FASILITATOR:
        from archive.selectors import confidential_codes

        return Scope(unit_ids=frozenset(user.profile.units.values_list("pk", flat=True)),
                     hidden_document_types=confidential_codes())
    if role == Role.EMPLOYEE and user.profile.employee_id:
        return Scope(employee_ids=frozenset([user.profile.employee_id]))
    return Scope()


def search_documents(user, query: SearchQuery) -> SearchResult:
    return get_backend().search(search_scope_for(user), query)
