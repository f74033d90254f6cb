"""The contract every search back end keeps."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from search.query import IndexEntry, Scope, SearchQuery, SearchResult

Progress = Callable[[int, int], None]  # (done, total)


class SearchBackend(Protocol):
    name: str

    def upsert(self, entries: Sequence[IndexEntry]) -> None:
        """Write these entries, replacing any with the same key. Idempotent."""

    def delete(self, keys: Sequence[str]) -> None:
        """Remove these keys; unknown keys are ignored."""

    def search(self, scope: Scope, query: SearchQuery) -> SearchResult:
        """Answer `query` within `scope`: the scope is part of the query, so counts and facets
        only ever count what the caller may see."""

    def rebuild(self, batches: Iterable[Sequence[IndexEntry]], *, kinds: Sequence[str], total: int,
                progress: Progress | None = None) -> int:
        """Rebuild the entries of `kinds` from `batches` while searches keep being answered;
        entries of those kinds not in the batches are removed at the end. Returns the count."""
