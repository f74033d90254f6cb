"""The public statistics never single anyone out: not by combining filters, not by subtracting
one published count from another, not by any linear combination of everything published."""
from __future__ import annotations

import numpy as np
import pytest
from django.utils import timezone

from tests.support.statistics import publish_statistics

pytestmark = pytest.mark.django_db

K = 5


@pytest.fixture
def province(population, settings):
    """ALFA: 24 men and one woman, Dewi (the target). BETA and GAMA: mixed, with their own rare cases."""
    settings.STATISTICS_MIN_CELL = K
    population("ALFA", 24, sex=1)
    [dewi] = population("ALFA", 1, sex=2, golongan="IV/a", pendidikan="S3 Kedokteran", age=40)
    population("BETA", 30)
    population("BETA", 2, golongan="II/c", pendidikan="SMA", status="PPPK")
    population("GAMA", 12)
    population("GAMA", 1, golongan="IV/b", pendidikan="S2 Hukum", sex=1)
    return dewi


def _get(client, **params):
    publish_statistics(params.get("as_of"))  # the public API serves approved releases only (issue 25)
    response = client.get("/api/v1/statistics/employees/", params)
    assert response.status_code == 200, response.content
    return response.json()


def _row(answer, value):
    return next(row for row in answer["rows"] if row["value"] == value)


def test_combining_filters_down_to_one_person_shows_nothing(client, province):
    from reports.statistics import age_band

    dewi_age = age_band(province.tanggal_lahir, timezone.localdate())
    narrowing = {"agency": "ALFA", "sex": "2", "golongan": "IV/a", "education": "S3", "age_band": dewi_age,
                 "status": "PNS"}
    params = {}
    for name, value in narrowing.items():
        params[name] = value
        answer = _get(client, **params)
        assert answer["total"]["count"] is None or answer["total"]["count"] >= K, (params, answer["total"])
        for by in set(narrowing) - set(params):
            for row in _get(client, by=by, **params)["rows"]:
                assert row["count"] in (None, 0) or row["count"] >= K, (params, by, row)
    assert _get(client, agency="ALFA", sex="2")["total"] == {"count": None, "suppressed": True}


def test_subtracting_the_other_cells_from_the_total_reveals_nothing(client, province):
    by_sex = _get(client, agency="ALFA", by="sex")
    assert by_sex["total"]["count"] == 25  # the agency's headcount is no secret
    assert _row(by_sex, "2")["suppressed"]
    assert _row(by_sex, "1")["suppressed"], "25 - men would be the one woman"


def test_subtracting_counts_from_two_queries_reveals_nothing(client, province):
    agency_total = _row(_get(client, by="agency"), "ALFA")["count"]
    assert agency_total == 25
    men_by_agency = _get(client, sex="1", by="agency")
    assert _row(men_by_agency, "ALFA")["count"] is None, "ALFA total - ALFA men would be the one woman"
    # ...and the hidden ALFA men cannot be recovered from the men's total either.
    hidden = [row for row in men_by_agency["rows"] if row["suppressed"]]
    assert men_by_agency["total"]["suppressed"] or len(hidden) >= 2


def _published_cells(cube):
    """Every published cell as the sum it is of the unknowns x_f, the number of people in each finest
    cell f (all six values set); and every hidden group of 1..K-1 people as the same kind of sum.
    Finest cells counting nobody are shown as 0, so they are known and left out."""
    from reports.statistics import DIMENSIONS

    fine = [cell for cell in cube.counts if None not in cell]
    index = {cell: i for i, cell in enumerate(fine)}
    rows, small = [], []
    for cell, n in cube.counts.items():
        vector = np.zeros(len(fine))
        for record in fine:
            if all(v is None or v == r for v, r in zip(cell, record)):
                vector[index[record]] = 1
        if cube.count(cell) is not None:
            rows.append(vector)
        elif 0 < n < cube.min_cell:
            small.append((dict(zip(DIMENSIONS, cell)), vector))
    return np.array(rows), small


def test_no_combination_of_published_counts_reveals_a_small_group(province):
    """What any number of queries can learn: the linear span of every published count. No count of
    1..K-1 people lies in it (and ALFA's one woman is among the groups tried)."""
    from reports.statistics import statistics_cube

    cube = statistics_cube()
    published, small = _published_cells(cube)
    basis = np.linalg.svd(published, full_matrices=False)[2][: np.linalg.matrix_rank(published)]
    assert any(group["agency"] == "ALFA" and group["sex"] == "2" and list(group.values()).count(None) == 4
               for group, _ in small)
    derivable = [group for group, vector in small
                 if np.linalg.norm(vector - basis.T @ (basis @ vector)) < 1e-6 * max(1.0, np.linalg.norm(vector))]
    assert not derivable, f"{len(derivable)} small groups can be worked out, e.g. {derivable[:3]}"


def test_unknown_dimension_or_value_is_named(client, province):
    publish_statistics()
    response = client.get("/api/v1/statistics/employees/", {"agency": "NOPE", "colour": "red", "by": "sex"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"agency", "colour"}
