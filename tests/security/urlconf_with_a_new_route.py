"""The project's URLs plus one route nobody wrote an authorization rule for."""
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("api/v1/new-thing/<int:pk>/", lambda request, pk: HttpResponse("x"),
                                          name="api-new-thing")]
