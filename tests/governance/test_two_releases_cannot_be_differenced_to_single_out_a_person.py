"""Statistics over time (issue 22): one employee's status changes between two releases. Each release on its
own publishes the cell fixing five of the six attributes (6 CPNS, then 5): the difference is one person, the
one who changed. Protected across releases (reports.differencing), the newer release does not let that be
worked out: no count published in both moved by 1..k-1, and no block of the newer one did either."""
from __future__ import annotations

import numpy as np
import pytest

from tests.support.statistics import publish_statistics

pytestmark = pytest.mark.django_db

K = 5
CELL = {"agency": "ALFA", "golongan": "III/a", "education": "S1", "sex": "1", "status": "CPNS"}  # age band free


@pytest.fixture
def province(population, settings):
    """ALFA: six CPNS and six PNS alike in every other attribute; BETA: thirty of all kinds."""
    settings.STATISTICS_MIN_CELL = K
    alike = {"sex": 1, "golongan": "III/a", "pendidikan": "S1 Hukum", "age": 30}
    candidates = population("ALFA", 6, status="CPNS", **alike)
    population("ALFA", 6, status="PNS", **alike)
    population("BETA", 30)
    return candidates


def _cell_count(client, release_id):
    answer = client.get("/api/v1/statistics/employees/", CELL).json()
    assert answer["release"] == release_id
    return answer["total"]["count"]


def _appointed(employee):
    """The CPNS is appointed PNS from today (a dated status period, as the decree records it)."""
    from django.utils import timezone

    from people.services.status import status_period_record

    status_period_record(employee=employee, status="pns", effective_from=timezone.localdate(),
                         reason="SK pengangkatan PNS")


def test_one_status_change_does_not_show_in_the_difference_of_two_releases(client, province):
    from governance.selectors import release_cube
    from reports.differencing import fine_counts_dict
    from reports.statistics import DIMENSIONS, cube_from_fine_counts

    first = publish_statistics()
    assert _cell_count(client, first.pk) == 6

    _appointed(province[0])
    second = publish_statistics()
    assert second.pk != first.pk

    # The attack, on the releases as each alone would publish them: 6, then 5 — one person singled out.
    alone = cube_from_fine_counts(second.fine_counts, values={name: [] for name in DIMENSIONS},
                                  as_of=second.as_of, min_cell=K)
    cell = tuple(CELL.get(name) for name in DIMENSIONS)
    assert alone.count(cell) == 5, "without protection across releases the difference would be one person"

    # Protected across releases: the cell is not published now; its difference cannot be taken.
    assert _cell_count(client, second.pk) is None

    # Nor any other: every count published in both releases moved by 0 or by K or more (the whole
    # population, which fixes no attribute, aside).
    before, now = release_cube(first), release_cube(second)
    grand_total = (None,) * len(DIMENSIONS)
    moved = {c: now.count(c) - before.count(c) for c in set(before.counts) | set(now.counts)
             if c != grand_total and before.count(c) is not None and now.count(c) is not None}
    small = {c: d for c, d in moved.items() if 0 < abs(d) < K}
    assert not small, f"{len(small)} counts published in both moved by 1..{K - 1}, e.g. {list(small.items())[:3]}"

    # ...and no combination either. What a watcher can work out from both releases about the change is
    # w·(now - before) for w in the span of the first release's published counts AND of the second's
    # (as sums over the finest cells). The move is orthogonal to that intersection: it shows nowhere.
    fine = sorted({tuple(c[:-1]) for c in first.fine_counts} | {tuple(c[:-1]) for c in second.fine_counts},
                  key=repr)
    old, new = fine_counts_dict(first.fine_counts), fine_counts_dict(second.fine_counts)
    change = np.array([new.get(f, 0) - old.get(f, 0) for f in fine], dtype=float)
    assert np.abs(change).sum() == 2  # one person, out of one cell and into another

    def basis(cube):
        rows = np.array([[1.0 if all(v is None or v == x for v, x in zip(cell, f)) else 0.0 for f in fine]
                         for cell in set(before.counts) | set(now.counts) | {grand_total}
                         if cube.count(cell) is not None])
        _u, sigma, vt = np.linalg.svd(rows, full_matrices=False)
        return vt[sigma > 1e-9]

    u, v = basis(before), basis(now)
    left, sigma, _vt = np.linalg.svd(u @ v.T, full_matrices=False)  # principal angles between the two spans
    shared = (u.T @ left[:, sigma > 1 - 1e-9]).T  # the directions both contain
    assert len(shared) > 0  # the two releases do share counts (the agencies' headcounts, for one)
    assert np.allclose(shared @ change, 0, atol=1e-6), "the move can be worked out from the two releases"

    # What stays published is still useful: the agencies' headcounts, unchanged.
    for agency, count in (("ALFA", 12), ("BETA", 30)):
        assert now.count((agency,) + (None,) * (len(DIMENSIONS) - 1)) == count


def test_a_release_prepared_before_another_was_approved_must_be_prepared_again(users, api_client_for, province):
    admin = api_client_for(users["admin"])
    stale = admin.post("/api/v1/governance/statistics-releases/", {}, format="json").json()
    publish_statistics()
    refused = admin.post(f"/api/v1/governance/statistics-releases/{stale['id']}/approve/", {}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "conflict"
