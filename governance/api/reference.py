"""Reference data for administrators: agencies and units (create, rename, merge, close, with their history),
document types (add, confidential flag; a service requires one through PATCH /api/v1/services/<code>/),
the jabatan catalogue and each unit's formation (filled/vacant from employees' current jabatan)."""
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from documents.models import DocumentType
from people.models import Agency, Employee, Unit
from governance.models import OrganisationEvent, Position
from governance.selectors import formation_report, unit_history_of
from governance.services import catalogue, organisation
from ocr.nip import normalize_nip


class OrganisationEventOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", allow_null=True, default=None)
    agency = serializers.CharField(source="agency.code", allow_null=True, default=None)
    into = serializers.SerializerMethodField()

    class Meta:
        model = OrganisationEvent
        fields = ["id", "subject", "unit", "agency", "kind", "name_before", "name_after", "into", "effective_date",
                  "decree", "recorded_at"]

    def get_into(self, event) -> str | None:
        target = event.into_unit or event.into_agency
        return target.code if target else None


class ReferenceUnitOut(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    closed_on = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = ["code", "name", "agency", "closed_on"]

    def get_closed_on(self, unit) -> str | None:
        closure = getattr(unit, "closure", None)
        return closure.closed_on.isoformat() if closure else None


class ReferenceAgencyOut(serializers.ModelSerializer):
    closed_on = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = ["code", "name", "closed_on"]

    def get_closed_on(self, agency) -> str | None:
        closure = getattr(agency, "closure", None)
        return closure.closed_on.isoformat() if closure else None


class OrganisationCreateIn(serializers.Serializer):
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=200)
    agency = serializers.CharField(max_length=32, required=False, help_text="units: the agency's code")
    effective_date = serializers.DateField(required=False)
    decree = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class OrganisationChangeIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=["rename", "merge", "close"])
    name = serializers.CharField(max_length=200, required=False, help_text="rename: the new name")
    into = serializers.CharField(max_length=32, required=False, help_text="merge: the code it is merged into")
    effective_date = serializers.DateField(required=False)
    decree = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class UnitPlacementOut(serializers.Serializer):
    unit = serializers.CharField()
    unit_name = serializers.CharField()
    agency_name = serializers.CharField()
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)
    reason = serializers.CharField()


def _change(request, subject, change_in):
    form = change_in(data=request.data)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    day, decree = data.get("effective_date") or timezone.localdate(), data["decree"]
    model = Unit if isinstance(subject, Unit) else Agency
    kind = "unit" if model is Unit else "agency"
    if data["action"] == "rename":
        if not data.get("name"):
            raise serializers.ValidationError({"name": _("must be filled in")})
        return getattr(organisation, f"{kind}_rename")(actor=request.user, **{kind: subject}, name=data["name"],
                                                      effective_date=day, decree=decree)
    if data["action"] == "merge":
        into = model.objects.filter(code=(data.get("into") or "").upper()).first()
        if into is None:
            raise serializers.ValidationError({"into": _("unknown")})
        getattr(organisation, f"{kind}_merge")(actor=request.user, **{kind: subject}, into=into,
                                               effective_date=day, decree=decree)
        return model.objects.get(pk=subject.pk)
    return getattr(organisation, f"{kind}_close")(actor=request.user, **{kind: subject}, effective_date=day,
                                                  decree=decree)


class ReferenceUnits(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: ReferenceUnitOut(many=True)})
    def get(self, request):
        units = Unit.objects.select_related("agency", "closure").order_by("agency__code", "code")
        return Response(ReferenceUnitOut(units, many=True).data)

    @extend_schema(request=OrganisationCreateIn, responses={201: ReferenceUnitOut})
    def post(self, request):
        form = OrganisationCreateIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        agency = Agency.objects.filter(code=(data.get("agency") or "").upper()).first()
        if agency is None:
            raise serializers.ValidationError({"agency": _("unknown")})
        unit = organisation.unit_create(actor=request.user, code=data["code"], name=data["name"], agency=agency,
                                        effective_date=data.get("effective_date"), decree=data["decree"])
        return Response(ReferenceUnitOut(unit).data, status=status.HTTP_201_CREATED)


class ReferenceUnitChange(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=OrganisationChangeIn, responses={200: ReferenceUnitOut})
    def post(self, request, code):
        unit = _change(request, get_object_or_404(Unit, code=code.upper()), OrganisationChangeIn)
        return Response(ReferenceUnitOut(Unit.objects.select_related("agency", "closure").get(pk=unit.pk)).data)


class ReferenceAgencies(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: ReferenceAgencyOut(many=True)})
    def get(self, request):
        return Response(ReferenceAgencyOut(Agency.objects.select_related("closure").order_by("code"), many=True).data)

    @extend_schema(request=OrganisationCreateIn, responses={201: ReferenceAgencyOut})
    def post(self, request):
        form = OrganisationCreateIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        agency = organisation.agency_create(actor=request.user, code=data["code"], name=data["name"],
                                            effective_date=data.get("effective_date"), decree=data["decree"])
        return Response(ReferenceAgencyOut(agency).data, status=status.HTTP_201_CREATED)


class ReferenceAgencyChange(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=OrganisationChangeIn, responses={200: ReferenceAgencyOut})
    def post(self, request, code):
        agency = _change(request, get_object_or_404(Agency, code=code.upper()), OrganisationChangeIn)
        return Response(ReferenceAgencyOut(Agency.objects.select_related("closure").get(pk=agency.pk)).data)


class OrganisationEvents(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: OrganisationEventOut(many=True)})
    def get(self, request):
        events = OrganisationEvent.objects.select_related("unit", "agency", "into_unit", "into_agency")
        return Response(OrganisationEventOut(events.order_by("-recorded_at", "-id")[:500], many=True).data)


class EmployeeUnitHistory(APIView):
    """Where an employee worked, under the unit and agency names of each time."""

    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: UnitPlacementOut(many=True)})
    def get(self, request, nip):
        employee = get_object_or_404(Employee.objects.select_related("unit__agency"), nip=normalize_nip(nip))
        return Response(UnitPlacementOut(unit_history_of(employee), many=True).data)


class ReferenceDocumentTypeOut(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["code", "name", "description", "supports", "per_history_entry", "confidential", "active"]


class DocumentTypeCreateIn(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    supports = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    per_history_entry = serializers.BooleanField(required=False, default=False)
    confidential = serializers.BooleanField(required=False, default=False)


class DocumentTypeUpdateIn(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    confidential = serializers.BooleanField(required=False)
    active = serializers.BooleanField(required=False)


class ReferenceDocumentTypes(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: ReferenceDocumentTypeOut(many=True)})
    def get(self, request):
        return Response(ReferenceDocumentTypeOut(DocumentType.objects.order_by("code"), many=True).data)

    @extend_schema(request=DocumentTypeCreateIn, responses={201: ReferenceDocumentTypeOut})
    def post(self, request):
        form = DocumentTypeCreateIn(data=request.data)
        form.is_valid(raise_exception=True)
        document_type = catalogue.document_type_create(actor=request.user, **form.validated_data)
        return Response(ReferenceDocumentTypeOut(document_type).data, status=status.HTTP_201_CREATED)


class ReferenceDocumentType(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=DocumentTypeUpdateIn, responses={200: ReferenceDocumentTypeOut})
    def patch(self, request, code):
        form = DocumentTypeUpdateIn(data=request.data)
        form.is_valid(raise_exception=True)
        document_type = catalogue.document_type_update(
            actor=request.user, document_type=get_object_or_404(DocumentType, code=code), **form.validated_data)
        return Response(ReferenceDocumentTypeOut(document_type).data)


class PositionOut(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = ["code", "name", "kind", "active"]


class PositionIn(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Position.Kind.choices)


class Positions(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: PositionOut(many=True)})
    def get(self, request):
        return Response(PositionOut(Position.objects.all(), many=True).data)

    @extend_schema(request=PositionIn, responses={201: PositionOut})
    def post(self, request):
        form = PositionIn(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(PositionOut(catalogue.position_create(actor=request.user, **form.validated_data)).data,
                        status=status.HTTP_201_CREATED)


class FormationRowOut(serializers.Serializer):
    unit = serializers.CharField()
    unit_name = serializers.CharField()
    position = serializers.CharField()
    position_name = serializers.CharField()
    kind = serializers.CharField()
    needed = serializers.IntegerField()
    filled = serializers.IntegerField()
    vacant = serializers.IntegerField()
    over = serializers.IntegerField()


class FormationIn(serializers.Serializer):
    unit = serializers.CharField(max_length=32)
    position = serializers.CharField(max_length=40)
    needed = serializers.IntegerField(min_value=0, max_value=100000)


class Formations(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: FormationRowOut(many=True)})
    def get(self, request):
        units = Unit.objects.all()
        if request.query_params.get("unit"):
            units = units.filter(code=request.query_params["unit"].upper())
        return Response(FormationRowOut(formation_report(units), many=True).data)

    @extend_schema(request=FormationIn, responses={200: FormationRowOut(many=True)})
    def post(self, request):
        form = FormationIn(data=request.data)
        form.is_valid(raise_exception=True)
        unit = Unit.objects.filter(code=form.validated_data["unit"].upper()).first()
        position = Position.objects.filter(code=form.validated_data["position"]).first()
        if unit is None or position is None:
            raise serializers.ValidationError({"unit" if unit is None else "position": _("unknown")})
        catalogue.formation_set(actor=request.user, unit=unit, position=position,
                                needed=form.validated_data["needed"])
        return Response(FormationRowOut(formation_report(Unit.objects.filter(pk=unit.pk)), many=True).data)
