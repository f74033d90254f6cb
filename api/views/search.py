"""GET /api/v1/search/ — full-text search over the documents the caller may see."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from search.query import FACETS, SORTS, SearchQuery
from django.utils.translation import gettext as _
from search.selectors import search_documents

MAX_PAGE_SIZE = 100


class SearchParams(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=500, default="", trim_whitespace=True)
    employee = serializers.CharField(required=False, allow_blank=True, default="", help_text="NIP, exact")
    unit = serializers.CharField(required=False, allow_blank=True, default="", help_text="unit kerja code")
    document_type = serializers.CharField(required=False, allow_blank=True, default="", help_text="document type code")
    status = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=["scan", "issued"], required=False, allow_blank=True, default="")
    date_from = serializers.DateField(required=False, default=None)
    date_to = serializers.DateField(required=False, default=None)
    sort = serializers.ChoiceField(choices=SORTS, required=False, default="relevance")
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=20)

    def validate_employee(self, value: str) -> str:
        return "".join(ch for ch in value if ch.isdigit())

    def validate(self, attrs):
        if attrs["date_from"] and attrs["date_to"] and attrs["date_from"] > attrs["date_to"]:
            raise serializers.ValidationError({"date_to": _("The end date may not be before the start date.")})
        return attrs


class CodeName(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class EmployeeRef(serializers.Serializer):
    nip = serializers.CharField()
    nama = serializers.CharField()


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="archive document id (kind scan) or issued document id (kind issued)")
    kind = serializers.CharField()
    employee = serializers.SerializerMethodField()
    document_type = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    status = serializers.CharField()
    title = serializers.CharField()
    highlight = serializers.CharField(help_text="HTML-escaped snippet, matches in <mark>")
    score = serializers.FloatField(allow_null=True)
    date = serializers.DateField(source="document_date")
    version = serializers.IntegerField()
    signed = serializers.BooleanField()
    verified = serializers.BooleanField()

    def get_employee(self, hit) -> EmployeeRef:
        return {"nip": hit.employee_nip, "nama": hit.employee_name}

    def get_document_type(self, hit) -> CodeName:
        return {"code": hit.document_type_code, "name": hit.document_type_name}

    def get_unit(self, hit) -> CodeName:
        return {"code": hit.unit_code, "name": hit.unit_name}


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    document_type = FacetValueSerializer(many=True)
    unit = FacetValueSerializer(many=True)
    status = FacetValueSerializer(many=True)
    year = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text="matches the caller may see; exact up to SEARCH_TRACK_TOTAL_HITS (10,000 by default), "
                  "past it this threshold with count_exact false")
    count_exact = serializers.BooleanField(
        help_text="false when there are more matches than count (\"more than 10,000\"): counting stops at the "
                  "threshold, as Elasticsearch's track_total_hits does")
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()
    facets_approximate = serializers.BooleanField(
        help_text="true when the facet counts were counted on the first matches found only (when count_exact is "
                  "false on the database back ends): each is then a lower bound of the true count")


class DocumentSearch(APIView):
    """Search the documents the caller may see: an employee their own, a fasilitator their
    units', an administrator all. Counts and facets count only those."""

    @extend_schema(parameters=[SearchParams], responses=SearchResponseSerializer, summary="Search documents")
    def get(self, request):
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = SearchQuery(**params.validated_data)
        result = search_documents(request.user, query)
        url = request.build_absolute_uri()
        has_next = bool(result.hits) and (query.offset + len(result.hits) < result.count
                                          or (not result.count_exact and len(result.hits) == query.page_size))
        previous = None
        if query.page > 1:
            previous = (remove_query_param(url, "page") if query.page == 2
                        else replace_query_param(url, "page", query.page - 1))
        body = {
            "count": result.count,
            "count_exact": result.count_exact,
            "next": replace_query_param(url, "page", query.page + 1) if has_next else None,
            "previous": previous,
            "results": result.hits,
            "facets": {name: result.facets.get(name, []) for name in FACETS},
            "facets_approximate": result.facets_approximate,
        }
        return Response(SearchResponseSerializer(body).data)
