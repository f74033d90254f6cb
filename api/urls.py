from django.urls import path

from api.views import auth, documents, employees, issuing, search

urlpatterns = [
    path("auth/token/", auth.TokenCreate.as_view(), name="api-token"),
    path("employees/", employees.EmployeeList.as_view(), name="api-employees"),
    path("employees/<str:nip>/", employees.EmployeeDetail.as_view(), name="api-employee-detail"),
    path("document-types/", employees.DocumentTypeList.as_view(), name="api-document-types"),
]

urlpatterns += [
    path("documents/", documents.DocumentListCreate.as_view(), name="api-documents"),
    path("documents/<int:pk>/", documents.DocumentDetail.as_view(), name="api-document-detail"),
    path("documents/<int:pk>/content/", documents.DocumentContent.as_view(), name="api-document-content"),
    path("documents/<int:pk>/verification/", documents.DocumentVerification.as_view(),
         name="api-document-verification"),
    path("documents/<int:pk>/thumbnail/", documents.DocumentThumbnail.as_view(), name="api-document-thumbnail"),
    path("documents/<int:pk>/reprocess/", documents.DocumentReprocess.as_view(), name="api-document-reprocess"),
]

urlpatterns += [
    path("templates/", issuing.TemplateList.as_view(), name="api-templates"),
    path("issued-documents/", issuing.IssuedDocumentListCreate.as_view(), name="api-issued"),
    path("issued-documents/<int:pk>/", issuing.IssuedDocumentDetail.as_view(), name="api-issued-detail"),
    path("issued-documents/<int:pk>/content/", issuing.IssuedDocumentContent.as_view(), name="api-issued-content"),
    path("issued-documents/<int:pk>/revoke/", issuing.IssuedDocumentRevoke.as_view(), name="api-issued-revoke"),
    path("issued-documents/<int:pk>/reissue/", issuing.IssuedDocumentReissue.as_view(), name="api-issued-reissue"),
    path("verify/", issuing.VerifyUpload.as_view(), name="api-verify"),
    path("search/", search.DocumentSearch.as_view(), name="api-search"),
]

from api.views import audit  # noqa: E402  (issue 10: read-only audit log for administrators)

urlpatterns += [
    path("audit/", audit.AuditList.as_view(), name="api-audit"),
    path("audit/export/", audit.AuditExport.as_view(), name="api-audit-export"),
]
