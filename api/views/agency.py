"""Other agencies' systems: their employees' reconciliation data, read with a scoped token; and the
administrator's management of those tokens (made with scopes, shown once, revocable)."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.agency import AGENCY_AUTHENTICATION, HasScope, agency_token
from api.params import employee_not_found
from api.permissions import IsAdministrator
from people.models import Employee
from ocr.nip import normalize_nip
from reports.exchange import reconciliation_rows
from reports.models import AgencyToken
from governance.selectors import employees_released_to
from governance.services.consent import agency_token_issue
from reports.tokens import agency_token_revoke, token_agencies


class AgencyEmployeeOut(serializers.Serializer):
    nama = serializers.CharField()
    nip = serializers.CharField()
    pangkat_golongan = serializers.CharField()
    pendidikan = serializers.CharField()
    jabatan = serializers.CharField()
    unit = serializers.CharField()


class AgencyScopedView(APIView):
    """Only an agency token with an `employees:read:<agency>` scope; it reads those agencies only, and of them
    only the employees who consented to its recipient and purpose, or all where its agreement names a legal
    basis (governance.selectors.employees_released_to; issue 25)."""

    authentication_classes = AGENCY_AUTHENTICATION

    def employees(self):
        token = agency_token(self.request)
        agencies = token_agencies(token) if token else []
        if not agencies:
            raise PermissionDenied(HasScope.message)
        return employees_released_to(token, Employee.objects.filter(unit__agency__code__in=agencies))


class AgencyEmployeeList(AgencyScopedView, generics.GenericAPIView):
    serializer_class = AgencyEmployeeOut

    @extend_schema(summary="Employees of the agencies the token may read (reconciliation fields)",
                   responses={200: AgencyEmployeeOut(many=True)})
    def get(self, request):
        rows = reconciliation_rows(self.employees())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(page)


class AgencyEmployeeDetail(AgencyScopedView):
    @extend_schema(responses={200: AgencyEmployeeOut, 404: OpenApiResponse(description="not in the token's agencies")})
    def get(self, request, nip):
        rows = reconciliation_rows(self.employees().filter(nip=normalize_nip(nip)))
        if not rows:
            raise employee_not_found(nip)  # outside the token's agencies, or no such NIP: the same answer
        return Response(rows[0])


class TokenIn(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    scopes = serializers.ListField(child=serializers.CharField(), min_length=1)
    recipient = serializers.CharField(max_length=80, help_text="the recipient's code, as employees consent to it")
    purpose = serializers.CharField(max_length=80, help_text="the purpose's code, as employees consent to it")
    agreement_reference = serializers.CharField(max_length=200, help_text="the MoU / PKS the token rests on")
    expires_at = serializers.DateTimeField()
    legal_basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="",
                                        help_text="a legal basis covering the data without consent; blank: only "
                                                  "employees who consented are named")


class TokenAgreementOut(serializers.Serializer):
    recipient = serializers.CharField()
    purpose = serializers.CharField()
    agreement_reference = serializers.CharField()
    expires_at = serializers.DateTimeField()
    legal_basis = serializers.CharField()
    data_request = serializers.IntegerField(source="data_request_id", allow_null=True)


class TokenOut(serializers.ModelSerializer):
    agreement = serializers.SerializerMethodField()

    class Meta:
        model = AgencyToken
        fields = ["id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at", "agreement"]

    @extend_schema_field(TokenAgreementOut(allow_null=True))
    def get_agreement(self, token) -> dict | None:
        agreement = getattr(token, "agreement", None)
        return TokenAgreementOut(agreement).data if agreement is not None else None


class TokenCreatedOut(TokenOut):
    token = serializers.CharField(help_text="shown this once; only its hash is kept")

    class Meta(TokenOut.Meta):
        fields = TokenOut.Meta.fields + ["token"]


class AgencyTokenListCreate(generics.ListAPIView):
    """Administrator: tokens for other agencies' systems (never the tokens themselves), and a new one."""

    permission_classes = [IsAdministrator]
    serializer_class = TokenOut
    queryset = AgencyToken.objects.select_related("agreement")
    pagination_class = None

    @extend_schema(request=TokenIn, responses={201: TokenCreatedOut})
    def post(self, request):
        form = TokenIn(data=request.data)
        form.is_valid(raise_exception=True)
        token, key = agency_token_issue(actor=request.user, **form.validated_data)
        return Response({**TokenOut(token).data, "token": key}, status=status.HTTP_201_CREATED)


class AgencyTokenRevoke(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=None, responses={200: TokenOut})
    def post(self, request, pk):
        token = agency_token_revoke(actor=request.user, token=get_object_or_404(AgencyToken, pk=pk))
        return Response(TokenOut(token).data)
