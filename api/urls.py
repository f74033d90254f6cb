from django.urls import path

from api.views import auth, employees

urlpatterns = [
    path("auth/token/", auth.TokenCreate.as_view(), name="api-token"),
    path("employees/", employees.EmployeeList.as_view(), name="api-employees"),
    path("employees/<str:nip>/", employees.EmployeeDetail.as_view(), name="api-employee-detail"),
    path("document-types/", employees.DocumentTypeList.as_view(), name="api-document-types"),
]
