"""Questions from an employee to their unit's fasilitator, and the answers."""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from people.models import Role
from archive.selectors import documents_visible_to, user_role
from governance.selectors import questions_visible_to
from governance.services.questions import question_answer, question_ask


class QuestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    employee = serializers.CharField(source="employee.nip")
    about = serializers.CharField()
    text = serializers.CharField()
    asked_at = serializers.DateTimeField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)


class QuestionIn(serializers.Serializer):
    text = serializers.CharField(max_length=4000)
    document = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    service_request = serializers.IntegerField(required=False, min_value=1, max_value=2**62)


class AnswerIn(serializers.Serializer):
    answer = serializers.CharField(max_length=4000)


class Questions(APIView):
    @extend_schema(responses={200: QuestionOut(many=True)})
    def get(self, request):
        return Response(QuestionOut(questions_visible_to(request.user)[:200], many=True).data)

    @extend_schema(request=QuestionIn, responses={201: QuestionOut})
    def post(self, request):
        if user_role(request.user) != Role.EMPLOYEE:
            raise PermissionDenied(_("Only an employee asks, about their own file."))
        form = QuestionIn(data=request.data)
        form.is_valid(raise_exception=True)
        employee, about = request.user.profile.employee, ""
        if form.validated_data.get("document"):
            document = get_object_or_404(documents_visible_to(request.user), pk=form.validated_data["document"])
            about = f"document:{document.pk}"
        elif form.validated_data.get("service_request"):
            service_request = get_object_or_404(employee.service_requests, pk=form.validated_data["service_request"])
            about = f"service_request:{service_request.pk}"
        question = question_ask(actor=request.user, employee=employee, text=form.validated_data["text"], about=about)
        return Response(QuestionOut(question).data, status=status.HTTP_201_CREATED)


class QuestionAnswer(APIView):
    @extend_schema(request=AnswerIn, responses={200: QuestionOut})
    def post(self, request, pk):
        if user_role(request.user) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
            raise PermissionDenied(_("Only the unit's fasilitator (or an administrator) answers."))
        form = AnswerIn(data=request.data)
        form.is_valid(raise_exception=True)
        question = question_answer(actor=request.user, question=get_object_or_404(questions_visible_to(request.user),
                                                                                   pk=pk),
                                   answer=form.validated_data["answer"])
        return Response(QuestionOut(question).data)
