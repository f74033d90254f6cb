"""The values that cross the search interface: what is indexed, what is asked, what comes back."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FACETS = ("document_type", "unit", "status", "year")
TRACK_TOTAL_HITS = 10_000  # the default of settings.SEARCH_TRACK_TOTAL_HITS (Elasticsearch's own default)


def track_total_hits() -> int:
    """Up to how many matches a search counts exactly (settings.SEARCH_TRACK_TOTAL_HITS)."""
    from django.conf import settings

    return max(1, int(getattr(settings, "SEARCH_TRACK_TOTAL_HITS", TRACK_TOTAL_HITS)))
SORTS = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class IndexEntry:
    """One searchable document, as every back end stores it."""

    key: str  # "scan:<document id>" / "issued:<issued document id>"
    kind: str  # "scan" | "issued"
    document_id: int
    employee_id: int
    employee_nip: str
    employee_name: str
    agency_code: str
    unit_id: int
    unit_code: str
    unit_name: str
    document_type_code: str
    document_type_name: str
    status: str
    title: str
    text: str
    document_date: dt.date
    uploaded_at: dt.datetime | None = None
    signed: bool = False
    verified: bool = False
    version: int = 1


@dataclass(frozen=True)
class Scope:
    """What the caller may see, carried INTO the back end's query (never applied afterwards).

    everything: administrator. Otherwise only entries whose unit is in `unit_ids` or whose
    employee is in `employee_ids`; both empty means nothing at all.
    """

    everything: bool = False
    unit_ids: frozenset[int] = frozenset()
    employee_ids: frozenset[int] = frozenset()
    # document types the caller may not see even within scope (confidential ones, for a fasilitator)
    hidden_document_types: frozenset[str] = frozenset()

    @property
    def is_nothing(self) -> bool:
        return not self.everything and not self.unit_ids and not self.employee_ids


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    employee: str = ""  # NIP, exact
    unit: str = ""  # unit code
    document_type: str = ""  # document type code
    status: str = ""
    kind: str = ""  # scan | issued
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"  # relevance | newest | oldest
    page: int = 1
    page_size: int = 20
    facets: bool = True

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    id: int  # the archive document id (scan) or issued document id
    employee_nip: str
    employee_name: str
    unit_code: str
    unit_name: str
    document_type_code: str
    document_type_name: str
    status: str
    title: str
    highlight: str
    score: float | None
    document_date: dt.date
    version: int
    signed: bool
    verified: bool


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    """`count` is exact up to `settings.SEARCH_TRACK_TOTAL_HITS` (10,000, like Elasticsearch's
    default `track_total_hits`); past it `count` is that threshold and `count_exact` is False
    ("more than 10,000"). `facets_approximate`: the facet counts were counted on the first
    matches found (that bounded sample), so each is a lower bound of the true count."""

    count: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    facets_approximate: bool = False
    count_exact: bool = True

    @classmethod
    def empty(cls, with_facets: bool = True) -> SearchResult:
        return cls(count=0, hits=[], facets={name: [] for name in FACETS} if with_facets else {})
