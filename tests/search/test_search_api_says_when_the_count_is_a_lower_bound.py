"""GET /api/v1/search/ says whether `count` is exact (`count_exact`), and keeps offering the
next page while there are more matches than it counted."""
import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_urls")]


def test_count_exact_in_the_response(library, api_client_for, settings):
    client = api_client_for(library.user("admin"))
    body = client.get("/api/v1/search/", {"page_size": 2}).json()
    assert (body["count"], body["count_exact"], body["facets_approximate"]) == (6, True, False)
    settings.SEARCH_TRACK_TOTAL_HITS = 3
    body = client.get("/api/v1/search/", {"page_size": 2}).json()
    assert (body["count"], body["count_exact"], body["facets_approximate"]) == (3, False, True)
    seen = [r["id"] for r in body["results"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        seen += [r["id"] for r in body["results"]]
    assert len(seen) == len(set(seen)) == 6  # paging goes past the counted threshold


def test_the_schema_documents_count_exact():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    response = schema["components"]["schemas"]["SearchResponse"]
    assert "count_exact" in response["required"]
    assert "10,000" in response["properties"]["count_exact"]["description"]
