"""The REST API of accounts and access (DESIGN.md, v2): user management and the access review for
administrators; the caller's own account (sign out everywhere, confirm a contact change). Thin: the
work is done by accounts.services, the reads by accounts.selectors."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import AccessReview
from accounts.selectors import (access_review_due_at, access_review_last, access_review_rows, account_row,
                                users_for_management)
from accounts.services.contact import contact_change_confirm
from accounts.services.otp import totp_remove
from accounts.services.review import access_review_csv, access_review_sign
from accounts.services.state import sessions_end, user_deactivate, user_reactivate
from accounts.services.users import (CREDENTIAL_FIELDS, account_create, account_update, credential_change_refuse,
                                     fasilitator_replace, password_link_send)
from api.permissions import IsAdministrator

User = get_user_model()


class AccountOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    nip = serializers.CharField(allow_null=True)
    role = serializers.CharField(allow_null=True)
    units = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=["active", "read_only", "deactivated"])
    last_login = serializers.DateTimeField(allow_null=True)
    date_joined = serializers.DateTimeField()
    unused = serializers.BooleanField()
    two_factor = serializers.BooleanField()
    status_rule = serializers.CharField()
    deactivated_reason = serializers.CharField()


class AccountCreateIn(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    role = serializers.CharField(max_length=20)
    nip = serializers.CharField(max_length=30, required=False, allow_blank=True)
    units = serializers.ListField(child=serializers.CharField(max_length=32), required=False)
    email = serializers.EmailField(required=False, allow_blank=True,
                                   help_text="Only for a login that is no employee: where its first link goes")


class AccountUpdateIn(serializers.Serializer):
    role = serializers.CharField(max_length=20, required=False)
    units = serializers.ListField(child=serializers.CharField(max_length=32), required=False)
    nip = serializers.CharField(max_length=30, required=False, allow_blank=True)


class AccountReasonIn(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ReplaceIn(serializers.Serializer):
    replacement = serializers.CharField(max_length=150, help_text="id or username of the login taking over")
    reason = serializers.CharField(max_length=2000)


def _refuse_credentials(request, target: str) -> None:
    fields = [f for f in CREDENTIAL_FIELDS if f in request.data]
    if fields:
        raise credential_change_refuse(actor=request.user, target=target, fields=fields)


def _row(user) -> dict:
    return account_row(User.objects.select_related("profile__employee", "account_state").get(pk=user.pk))


class UserListCreate(generics.GenericAPIView):
    """GET: every login (filters `q`, `role`, `status`); POST: a new login — no password, email or phone of
    anyone but the login's own: the owner sets the password through the link sent to the address on record."""

    permission_classes = [IsAdministrator]
    serializer_class = AccountOut

    def get_queryset(self):
        params = self.request.query_params
        return users_for_management(q=params.get("q", ""), role=params.get("role", ""),
                                    status=params.get("status", ""))

    @extend_schema(operation_id="v1_users_list", responses=AccountOut(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([account_row(user) for user in page])

    @extend_schema(request=AccountCreateIn, responses={201: AccountOut})
    def post(self, request):
        if "password" in request.data or "phone" in request.data:
            _refuse_credentials(request, target=str(request.data.get("username", "")))
        form = AccountCreateIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        user = account_create(actor=request.user, username=data["username"], role=data["role"],
                              nip=data.get("nip") or None, unit_codes=data.get("units", []),
                              email=data.get("email", ""))
        return Response(_row(user), status=status.HTTP_201_CREATED)


class UserDetail(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses=AccountOut)
    def get(self, request, pk):
        return Response(_row(get_object_or_404(User, pk=pk)))

    @extend_schema(request=AccountUpdateIn, responses=AccountOut)
    def patch(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        _refuse_credentials(request, target=user.get_username())
        form = AccountUpdateIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        account_update(actor=request.user, user=user, role=data.get("role"), unit_codes=data.get("units"),
                       nip=data.get("nip") or None)
        return Response(_row(user))


class _AccountStatusChange(APIView):
    """An administrator changes whether a login may act, with a reason (the service says how)."""

    permission_classes = [IsAdministrator]
    change = staticmethod(lambda **kwargs: None)

    @extend_schema(request=AccountReasonIn, responses=AccountOut)
    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        form = AccountReasonIn(data=request.data)
        form.is_valid(raise_exception=True)
        self.change(actor=request.user, user=user, reason=form.validated_data["reason"])
        return Response(_row(user))


class UserDeactivate(_AccountStatusChange):
    """The login stops at once: sessions and API tokens."""

    change = staticmethod(user_deactivate)


class UserReactivate(_AccountStatusChange):
    change = staticmethod(user_reactivate)


class UserReplace(APIView):
    """Hand every unit of a fasilitator to another login in one step."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=ReplaceIn, responses=AccountOut)
    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        form = ReplaceIn(data=request.data)
        form.is_valid(raise_exception=True)
        who = form.validated_data["replacement"].strip()
        replacement = get_object_or_404(User, pk=int(who)) if who.isdigit() else get_object_or_404(User, username=who)
        fasilitator_replace(actor=request.user, user=user, replacement=replacement,
                            reason=form.validated_data["reason"])
        return Response(_row(replacement))


class UserPasswordLink(APIView):
    """Send a password reset link to the address on record (the only help an administrator can give)."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=None, responses={202: None})
    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        sent = password_link_send(actor=request.user, user=user)
        if not sent:
            return Response({"detail": _("This login has no email address on record (or is deactivated): no link "
                                         "was sent."), "code": "no_address"}, status=status.HTTP_409_CONFLICT)
        return Response({"detail": _("A reset link was sent to the address on record.")},
                        status=status.HTTP_202_ACCEPTED)


class UserOtpReset(APIView):
    """Turn a user's two-factor off (a lost phone); they set it up again at their next login."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=None, responses=AccountOut)
    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        totp_remove(actor=request.user, user=user)
        return Response(_row(user))


class ReviewNoteIn(serializers.Serializer):
    note = serializers.CharField(max_length=5000)


class ReviewOut(serializers.Serializer):
    id = serializers.IntegerField()
    reviewer = serializers.CharField()
    signed_at = serializers.DateTimeField()
    note = serializers.CharField()
    account_count = serializers.IntegerField()
    unused_count = serializers.IntegerField()
    unused_after_days = serializers.IntegerField()


class AccessReviewOut(serializers.Serializer):
    count = serializers.IntegerField()
    unused_count = serializers.IntegerField()
    accounts = AccountOut(many=True)
    last_review = ReviewOut(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)


class AccessReviewView(APIView):
    """GET: every account with role, units, last login, status and `unused`; the last sign-off and when the
    next is due. POST {note}: sign the review off (the list is kept with it)."""

    permission_classes = [IsAdministrator]

    @extend_schema(responses=AccessReviewOut)
    def get(self, request):
        last, due = access_review_last(), access_review_due_at()
        rows = access_review_rows()
        return Response({
            "count": len(rows), "unused_count": sum(1 for r in rows if r["unused"]), "accounts": rows,
            "last_review": _review_out(last) if last else None,
            "due_at": due.isoformat() if due else None})

    @extend_schema(request=ReviewNoteIn, responses={201: ReviewOut})
    def post(self, request):
        form = ReviewNoteIn(data=request.data)
        form.is_valid(raise_exception=True)
        review = access_review_sign(actor=request.user, note=form.validated_data["note"])
        return Response(_review_out(review), status=status.HTTP_201_CREATED)


def _review_out(review: AccessReview) -> dict:
    return {"id": review.pk, "reviewer": review.reviewer.get_username(), "signed_at": review.signed_at.isoformat(),
            "note": review.note, "account_count": review.account_count, "unused_count": review.unused_count,
            "unused_after_days": review.unused_after_days}


class AccessReviewList(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses=ReviewOut(many=True))
    def get(self, request):
        return Response([_review_out(r) for r in AccessReview.objects.select_related("reviewer")[:200]])


class AccessReviewExport(APIView):
    """CSV: `?review=ID` the list as signed off, else the list as it stands now."""

    permission_classes = [IsAdministrator]

    @extend_schema(responses={(200, "text/csv"): bytes})
    def get(self, request):
        review_id = request.query_params.get("review", "")
        if review_id:
            review = get_object_or_404(AccessReview, pk=int(review_id) if review_id.isdigit() else 0)
            body, name = access_review_csv(review.accounts, review=review), f"access-review-{review.pk}.csv"
        else:
            body, name = access_review_csv(access_review_rows()), "access-review-current.csv"
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class SignOutEverywhere(APIView):
    """End every session and API token of the caller (including the one making this call)."""

    @extend_schema(request=None, responses={200: None})
    def post(self, request):
        sessions_end(user=request.user, actor=request.user, reason="sign_out_everywhere")
        return Response({"detail": _("Signed out of every session; every API token is revoked.")})


class ContactConfirmIn(serializers.Serializer):
    key = serializers.CharField(max_length=100)


class ContactConfirm(APIView):
    """Confirm a change of one's email or phone with the key from the link (no login needed: the link is the proof)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=ContactConfirmIn, responses={200: None})
    def post(self, request):
        form = ContactConfirmIn(data=request.data)
        form.is_valid(raise_exception=True)
        change = contact_change_confirm(key=form.validated_data["key"])
        return Response({"detail": _("The change is confirmed."), "field": change.field})
