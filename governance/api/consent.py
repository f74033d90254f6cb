"""Consent over the API: an employee lists, grants and withdraws their own consents."""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from people.models import Role
from archive.selectors import user_role
from governance.models import Consent
from governance.selectors import consent_choices, consents_of
from governance.services.consent import consent_grant, consent_withdraw


class ConsentOut(serializers.ModelSerializer):
    class Meta:
        model = Consent
        fields = ["id", "recipient", "purpose", "granted_at", "withdrawn_at"]


class ConsentChoiceOut(serializers.Serializer):
    recipient = serializers.CharField()
    purpose = serializers.CharField()
    agreement_reference = serializers.CharField()
    token__name = serializers.CharField()


class OwnConsentsOut(serializers.Serializer):
    consents = ConsentOut(many=True)
    choices = ConsentChoiceOut(many=True)


class ConsentIn(serializers.Serializer):
    recipient = serializers.CharField(max_length=80)
    purpose = serializers.CharField(max_length=80)


def own_employee(user):
    """The employee record of an employee's login; anyone else is refused (consent is the owner's own)."""
    if user_role(user) != Role.EMPLOYEE:
        raise PermissionDenied(_("Only the employee themself gives or withdraws consent."))
    return user.profile.employee


class OwnConsents(APIView):
    @extend_schema(responses={200: OwnConsentsOut})
    def get(self, request):
        employee = own_employee(request.user)
        return Response({"consents": ConsentOut(consents_of(employee), many=True).data,
                         "choices": ConsentChoiceOut(consent_choices(), many=True).data})

    @extend_schema(request=ConsentIn, responses={201: ConsentOut})
    def post(self, request):
        employee = own_employee(request.user)
        form = ConsentIn(data=request.data)
        form.is_valid(raise_exception=True)
        consent = consent_grant(actor=request.user, employee=employee, **form.validated_data)
        return Response(ConsentOut(consent).data, status=status.HTTP_201_CREATED)


class OwnConsentWithdraw(APIView):
    @extend_schema(request=None, responses={200: ConsentOut})
    def post(self, request, pk):
        employee = own_employee(request.user)
        consent = consent_withdraw(actor=request.user, consent=get_object_or_404(consents_of(employee), pk=pk))
        return Response(ConsentOut(consent).data)


