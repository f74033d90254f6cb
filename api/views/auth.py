from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken


class TokenResponse(serializers.Serializer):
    token = serializers.CharField()


@extend_schema(responses=TokenResponse, summary="Exchange username and password for an API token")
class TokenCreate(ObtainAuthToken):
    pass
