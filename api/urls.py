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
    path("issued-documents/preview/", issuing.IssuedDocumentPreview.as_view(), name="api-issued-preview"),
    path("issued-documents/<int:pk>/", issuing.IssuedDocumentDetail.as_view(), name="api-issued-detail"),
    path("issued-documents/<int:pk>/content/", issuing.IssuedDocumentContent.as_view(), name="api-issued-content"),
    path("issued-documents/<int:pk>/revoke/", issuing.IssuedDocumentRevoke.as_view(), name="api-issued-revoke"),
    path("issued-documents/<int:pk>/reissue/", issuing.IssuedDocumentReissue.as_view(), name="api-issued-reissue"),
    path("issued-documents/batches/", issuing.IssueBatchCreate.as_view(), name="api-issue-batches"),
    path("issued-documents/batches/<int:pk>/", issuing.IssueBatchDetail.as_view(), name="api-issue-batch"),
    path("verify/", issuing.VerifyUpload.as_view(), name="api-verify"),
    path("search/", search.DocumentSearch.as_view(), name="api-search"),
]

from api.views import queue as queue_views  # noqa: E402
from api.views import services as service_views  # noqa: E402

urlpatterns += [
    path("verification-queue/", queue_views.VerificationQueue.as_view(), name="api-verification-queue"),
    path("services/", service_views.ServiceList.as_view(), name="api-services"),
    path("services/<str:code>/", service_views.ServiceDetail.as_view(), name="api-service-detail"),
    path("service-requests/", service_views.ServiceRequestListCreate.as_view(), name="api-service-requests"),
    path("service-requests/<int:pk>/", service_views.ServiceRequestDetail.as_view(), name="api-service-request"),
    path("service-requests/<int:pk>/submit/", service_views.ServiceRequestSubmit.as_view(),
         name="api-service-request-submit"),
    path("service-requests/<int:pk>/approve/", service_views.ServiceRequestApprove.as_view(),
         name="api-service-request-approve"),
    path("service-requests/<int:pk>/return/", service_views.ServiceRequestReturn.as_view(),
         name="api-service-request-return"),
    path("service-requests/<int:pk>/forward/", service_views.ServiceRequestForward.as_view(),
         name="api-service-request-forward"),
    path("service-requests/<int:pk>/reply/", service_views.ServiceRequestReply.as_view(),
         name="api-service-request-reply"),
]

from api.views import notifications as notification_views  # noqa: E402

urlpatterns += [
    path("notifications/", notification_views.NotificationList.as_view(), name="api-notifications"),
    path("notifications/<int:pk>/read/", notification_views.NotificationRead.as_view(), name="api-notification-read"),
]

from api.views import drafts as draft_views  # noqa: E402
from api.views import due as due_views  # noqa: E402
from api.views import holidays as holiday_views  # noqa: E402

urlpatterns += [
    path("due/", due_views.DueList.as_view(), name="api-due"),
    path("holidays/", holiday_views.HolidayList.as_view(), name="api-holidays"),
    path("holidays/<str:day>/", holiday_views.HolidayDetail.as_view(), name="api-holiday-detail"),
    path("drafts/", draft_views.DraftList.as_view(), name="api-drafts"),
    path("drafts/<int:pk>/", draft_views.DraftDetail.as_view(), name="api-draft-detail"),
    path("drafts/<int:pk>/issue/", draft_views.DraftIssue.as_view(), name="api-draft-issue"),
    path("drafts/<int:pk>/discard/", draft_views.DraftDiscard.as_view(), name="api-draft-discard"),
]

from api.views import data_updates as data_update_views  # noqa: E402

urlpatterns += [
    path("data-updates/", data_update_views.DataUpdateListCreate.as_view(), name="api-data-updates"),
    path("data-updates/collective/", data_update_views.DataUpdateCollective.as_view(),
         name="api-data-updates-collective"),
    path("data-updates/<int:pk>/", data_update_views.DataUpdateDetail.as_view(), name="api-data-update"),
    path("data-updates/<int:pk>/approve/", data_update_views.DataUpdateApprove.as_view(),
         name="api-data-update-approve"),
    path("data-updates/<int:pk>/return/", data_update_views.DataUpdateReturn.as_view(),
         name="api-data-update-return"),
]

from api.views import audit  # noqa: E402  (issue 10: read-only audit log for administrators)

urlpatterns += [
    path("audit/", audit.AuditList.as_view(), name="api-audit"),
    path("audit/export/", audit.AuditExport.as_view(), name="api-audit-export"),
]

from api.views import monitoring  # noqa: E402  (issue 8: completeness and backlog)

urlpatterns += [
    path("monitoring/", monitoring.Monitoring.as_view(), name="api-monitoring"),
    path("monitoring/export/", monitoring.MonitoringExport.as_view(), name="api-monitoring-export"),
]

from api.views import statistics  # noqa: E402  (issue 11: public statistics, small cells suppressed)

urlpatterns += [
    path("statistics/", statistics.StatisticsCatalogue.as_view(), name="api-statistics"),
    path("statistics/employees/", statistics.EmployeeStatistics.as_view(), name="api-statistics-employees"),
    path("statistics/documents/", statistics.DocumentStatistics.as_view(), name="api-statistics-documents"),
]

from api.views import exchange  # noqa: E402  (issue 11: reconciliation export and import with a diff)

urlpatterns += [
    path("reconciliation/export/", exchange.ReconciliationExport.as_view(), name="api-reconciliation-export"),
    path("reconciliation/imports/", exchange.ReconciliationImportCreate.as_view(), name="api-reconciliation-imports"),
    path("reconciliation/imports/<int:pk>/", exchange.ReconciliationImportDetail.as_view(),
         name="api-reconciliation-import"),
    path("reconciliation/imports/<int:pk>/apply/", exchange.ReconciliationImportApply.as_view(),
         name="api-reconciliation-import-apply"),
]

from api.views import reports  # noqa: E402  (issue 11: the quarterly report, signed)

urlpatterns += [
    path("reports/quarterly/", reports.QuarterlyReportListCreate.as_view(), name="api-quarterly-reports"),
    path("reports/quarterly/<int:pk>/", reports.QuarterlyReportDetail.as_view(), name="api-quarterly-report"),
    path("reports/quarterly/<int:pk>/content/", reports.QuarterlyReportContent.as_view(),
         name="api-quarterly-report-content"),
]

from api.views import agency  # noqa: E402  (issue 11: other agencies' systems, scoped tokens)

urlpatterns += [
    path("agency/employees/", agency.AgencyEmployeeList.as_view(), name="api-agency-employees"),
    path("agency/employees/<str:nip>/", agency.AgencyEmployeeDetail.as_view(), name="api-agency-employee"),
    path("agency-tokens/", agency.AgencyTokenListCreate.as_view(), name="api-agency-tokens"),
    path("agency-tokens/<int:pk>/revoke/", agency.AgencyTokenRevoke.as_view(), name="api-agency-token-revoke"),
]

from api.views import page_detection  # noqa: E402  (issue 9: corners of the page in a photo)

urlpatterns += [
    path("documents/<int:pk>/status/", documents.DocumentStatusView.as_view(), name="api-document-status"),
    path("page-detection/", page_detection.PageDetection.as_view(), name="api-page-detection"),
]

from accounts import api as account_api  # noqa: E402  (issue 17: users, access review, own account)

urlpatterns += [
    path("users/", account_api.UserListCreate.as_view(), name="api-users"),
    path("users/<int:pk>/", account_api.UserDetail.as_view(), name="api-user"),
    path("users/<int:pk>/deactivate/", account_api.UserDeactivate.as_view(), name="api-user-deactivate"),
    path("users/<int:pk>/reactivate/", account_api.UserReactivate.as_view(), name="api-user-reactivate"),
    path("users/<int:pk>/replace/", account_api.UserReplace.as_view(), name="api-user-replace"),
    path("users/<int:pk>/password-link/", account_api.UserPasswordLink.as_view(), name="api-user-password-link"),
    path("users/<int:pk>/otp-reset/", account_api.UserOtpReset.as_view(), name="api-user-otp-reset"),
    path("access-review/", account_api.AccessReviewView.as_view(), name="api-access-review"),
    path("access-review/sign-offs/", account_api.AccessReviewList.as_view(), name="api-access-reviews"),
    path("access-review/export/", account_api.AccessReviewExport.as_view(), name="api-access-review-export"),
    path("account/sign-out-everywhere/", account_api.SignOutEverywhere.as_view(),
         name="api-account-sign-out-everywhere"),
    path("account/contact/confirm/", account_api.ContactConfirm.as_view(), name="api-contact-confirm"),
]

from api.views import file_slots  # noqa: E402  (issue 17: a slot is filled, even when its document is confidential)

urlpatterns += [
    path("employees/<str:nip>/file/", file_slots.EmployeeFileSlots.as_view(), name="api-employee-file"),
]

from api.views import collective_updates  # noqa: E402  (issue 17: collective updates need a second person)

urlpatterns += [
    path("data-updates/collective/<str:collective>/", collective_updates.CollectiveDetail.as_view(),
         name="api-collective-update"),
    path("data-updates/collective/<str:collective>/approve/", collective_updates.CollectiveApprove.as_view(),
         name="api-collective-update-approve"),
    path("data-updates/collective/<str:collective>/return/", collective_updates.CollectiveReturn.as_view(),
         name="api-collective-update-return"),
    path("data-updates/collective/<str:collective>/decree/", collective_updates.CollectiveDecreeContent.as_view(),
         name="api-collective-update-decree"),
]

from intake import api as intake_api  # noqa: E402  (paper intake, issue 23)

urlpatterns += [
    path("intake-batches/", intake_api.IntakeBatchList.as_view(), name="api-intake-batches"),
    path("intake-batches/<int:pk>/", intake_api.IntakeBatchDetail.as_view(), name="api-intake-batch"),
    path("intake-batches/<int:pk>/parts/<int:index>/assign/", intake_api.IntakePartAssign.as_view(),
         name="api-intake-part-assign"),
    path("separator-sheets/", intake_api.SeparatorSheets.as_view(), name="api-separator-sheets"),
]

from national import api as national_api  # noqa: E402  (issue 26: BSrE signing queue, SI-ASN pulls)

urlpatterns += [
    path("signing-queue/", national_api.SigningQueue.as_view(), name="api-signing-queue"),
    path("signing-queue/sign/", national_api.SigningQueueSign.as_view(), name="api-signing-queue-sign"),
    path("siasn/pulls/", national_api.SiasnPullCreate.as_view(), name="api-siasn-pulls"),
    path("siasn/pulls/<int:pk>/", national_api.SiasnPullDetail.as_view(), name="api-siasn-pull"),
    path("siasn/pulls/<int:pk>/resume/", national_api.SiasnPullResume.as_view(), name="api-siasn-pull-resume"),
]

from django.urls import include  # noqa: E402

urlpatterns += [path("governance/", include("governance.urls_api"))]  # issue 25: data governance, reference data
