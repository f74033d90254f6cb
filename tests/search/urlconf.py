"""The project's URLs plus /api/v1/search/, for the tests before api/urls.py routes it."""
from django.urls import path

from api.views.search import DocumentSearch
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("api/v1/search/", DocumentSearch.as_view(), name="api-search-test"), *project_urlpatterns]
