from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services.otp import second_factor_check
from accounts.services.tokens import api_token_create
from accounts.services.logins import login_succeeded


class LoginIn(serializers.Serializer):
    username = serializers.CharField(max_length=254, help_text="Username or NIP")
    password = serializers.CharField(max_length=1024, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(max_length=12, required=False, allow_blank=True,
                                help_text="Six-digit TOTP code, for accounts with two-factor verification")


class TokenResponse(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


@extend_schema(request=LoginIn, responses=TokenResponse,
               summary="Exchange username (or NIP), password and, where required, a TOTP code for an API token")
class TokenCreate(APIView):
    """The key is shown once and stored hashed; it expires after API_TOKEN_DAYS and stops on a password
    change, a reset, deactivation or "sign out everywhere". Lockout as on the web (LoginLockoutMiddleware)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def post(self, request):
        form = LoginIn(data=request.data)
        form.is_valid(raise_exception=True)
        identifier = form.validated_data["username"]
        user = authenticate(request._request, username=identifier, password=form.validated_data["password"])
        if user is None:
            raise exceptions.ValidationError(_("Unable to log in with the given username (or NIP) and password."))
        second_factor_check(user=user, code=form.validated_data.get("otp", ""), request=request._request,
                            identifier=identifier)
        token, key = api_token_create(user=user)
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
        login_succeeded(user=user, request=request, via="token")
        return Response({"token": key, "expires_at": token.expires_at})
