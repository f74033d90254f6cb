"""GET /api/v1/search/: the contract clients use."""
import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_urls")]


def _get(api_client_for, library, user, **params):
    return api_client_for(library.user(user)).get("/api/v1/search/", params)


def test_response_shape(library, api_client_for):
    response = _get(api_client_for, library, "admin", q="kepegawaian", page_size=2)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"count", "count_exact", "next", "previous", "results", "facets", "facets_approximate"}
    assert body["facets_approximate"] is False
    assert body["count"] == 4 and len(body["results"]) == 2
    assert body["previous"] is None and "page=2" in body["next"]
    hit = body["results"][0]
    assert set(hit) >= {"id", "employee", "document_type", "title", "highlight", "score"}
    assert set(hit["employee"]) == {"nip", "nama"} and set(hit["document_type"]) == {"code", "name"}
    assert set(body["facets"]) == {"document_type", "unit", "status", "year"}
    assert set(body["facets"]["unit"][0]) == {"value", "label", "count"}


def test_second_page_links_back(library, api_client_for):
    body = _get(api_client_for, library, "admin", q="kepegawaian", page_size=2, page=2).json()
    assert len(body["results"]) == 2 and body["next"] is None
    assert body["previous"] and "page=" not in body["previous"]


def test_filters_through_the_api(library, api_client_for):
    body = _get(api_client_for, library, "admin", unit="DINKES-SEK", date_from="2020-01-01",
                employee="19720614 200003 2 004").json()
    assert [r["id"] for r in body["results"]] == [library.docs["sri_kgb"].pk]


def test_fasilitator_facets_through_the_api(library, api_client_for):
    body = _get(api_client_for, library, "fasilitator").json()
    assert body["count"] == 4
    assert {f["value"] for f in body["facets"]["unit"]} == {"DINKES-YANKES", "DINKES-SEK"}


def test_employee_gets_only_their_own(library, api_client_for):
    body = _get(api_client_for, library, "pegawai", q="Sri").json()
    assert body["count"] == 0
    body = _get(api_client_for, library, "pegawai").json()
    assert {r["employee"]["nip"] for r in body["results"]} == {library.employees["dewi"].nip}


def test_bad_parameters_are_a_400_naming_them(library, api_client_for):
    response = _get(api_client_for, library, "admin", date_from="2024-01-01", date_to="2020-01-01")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "date_to" in response.json()["detail"]
    response = _get(api_client_for, library, "admin", page_size=1000, sort="random")
    assert response.status_code == 400 and {"page_size", "sort"} <= set(response.json()["errors"])


def test_anonymous_gets_401(library, api_client_for):
    response = api_client_for(None).get("/api/v1/search/")
    assert response.status_code == 401
