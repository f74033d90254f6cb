from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from archive import views as web
from accounts import views_password_reset as account_pages
from accounts import views_sso as sso_pages

urlpatterns = [
    path("", web.home, name="home"),
    path("masuk/", account_pages.Login.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("bahasa/", set_language, name="set_language"),
    path("healthz", web.healthz, name="healthz"),
    path("verify/", web.verify_upload_page, name="verify-upload"),
    path("verify/<str:token>", web.verify_page, name="verify"),
    path("verify/<str:token>/halaman-1.jpg", web.verify_page_image_view, name="verify-page-image"),
    path("dokumen/unggah/", web.document_upload_page, name="document-upload"),
    path("dokumen/<int:pk>/", web.document_detail_page, name="document-detail"),
    path("api/v1/", include("api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

from people import views_due as due_pages  # noqa: E402
from desk import views as service_pages  # noqa: E402

urlpatterns += [
    path("layanan/", service_pages.services_page, name="services"),
    path("jatuh-tempo/", due_pages.due_page, name="due"),
    path("layanan/permohonan/<int:pk>/", service_pages.service_request_page, name="service-request"),
]
urlpatterns += [path("draf/", service_pages.drafts_page, name="drafts"),
                path("peremajaan/", service_pages.data_updates_page, name="data-updates"),
                path("peremajaan/usulan/", service_pages.data_update_propose_page, name="data-update-propose")]

urlpatterns += [  # issue 10: password reset by email, single sign-on
    path("masuk/sso/", sso_pages.sso_start, name="sso-login"),
    path("masuk/sso/kembali/", sso_pages.sso_callback, name="sso-callback"),
    path("masuk/lupa-sandi/", account_pages.PasswordReset.as_view(), name="password_reset"),
    path("masuk/lupa-sandi/terkirim/", account_pages.PasswordResetDone.as_view(), name="password_reset_done"),
    path("masuk/atur-ulang/<uidb64>/<token>/", account_pages.PasswordResetConfirm.as_view(),
         name="password_reset_confirm"),
    path("masuk/atur-ulang/selesai/", account_pages.PasswordResetComplete.as_view(), name="password_reset_complete"),
]

from reports import views as report_pages  # noqa: E402  (issue 11)

urlpatterns += [path("laporan/triwulan/", report_pages.quarterly_reports_page, name="quarterly-reports")]

# --- Staff pages (issue 9): fasilitator ---------------------------------------------------------
from documents import views as staff_pages  # noqa: E402

urlpatterns += [
    path("verifikasi/", staff_pages.verification_queue_page, name="verification-queue"),
    path("verifikasi/massal/", staff_pages.verification_bulk_page, name="verification-bulk"),
    path("verifikasi/<int:pk>/", staff_pages.verification_document_page, name="verification-document"),
    path("dokumen/<int:pk>/halaman/<int:number>/", staff_pages.document_page_image, name="document-page"),
]

from people import views as employee_pages  # noqa: E402  (issue 16: status shown)

urlpatterns += [path("pegawai/<str:nip>/", employee_pages.employee_staff_page, name="staff-employee"),
                path("kalender-libur/", employee_pages.holiday_calendar_page, name="holiday-calendar")]

from archive import views_exports as export_pages  # noqa: E402  (issue 18: spreadsheets, the whole file)

urlpatterns += [
    path("pegawai/<str:nip>/berkas.zip", export_pages.employee_file_download, name="employee-file-zip"),
    path("pemantauan/unduh.xlsx", export_pages.monitoring_export_page, {"kind": "xlsx"}, name="monitoring-xlsx"),
    path("pemantauan/unduh.csv", export_pages.monitoring_export_page, {"kind": "csv"}, name="monitoring-csv"),
]

# --- Staff pages (issue 9): administrator -------------------------------------------------------
from archive import views_admin as admin_pages  # noqa: E402
from issuing import views as issuing_pages  # noqa: E402

urlpatterns += [
    path("cari/", admin_pages.search_page, name="search"),
    path("pemantauan/", admin_pages.monitoring_page, name="monitoring"),
    path("layanan/katalog/", admin_pages.service_catalogue_page, name="service-catalogue"),
    path("layanan/katalog/baru/", admin_pages.service_edit_page, name="service-create"),
    path("layanan/katalog/<str:code>/", admin_pages.service_edit_page, name="service-edit"),
    path("terbitkan/", issuing_pages.issue_page, name="issue"),
    path("terbitkan/massal/", issuing_pages.issue_batch_page, name="issue-batch-new"),
    path("terbitkan/massal/<int:pk>/", issuing_pages.issue_batch_progress_page, name="issue-batch"),
    path("diterbitkan/", issuing_pages.issued_list_page, name="issued-list"),
    path("diterbitkan/<int:pk>/", issuing_pages.issued_detail_page, name="issued-detail"),
]

from archive import views_pwa  # noqa: E402  (issue 9: installable web app)

urlpatterns += [
    path("manifest.webmanifest", views_pwa.manifest, name="pwa-manifest"),
    path("sw.js", views_pwa.service_worker, name="service-worker"),
    path("luring/", views_pwa.offline_page, name="offline"),
]

urlpatterns += [path("", include("accounts.urls"))]  # issue 17: own account, users, access review

from intake import views as intake_pages  # noqa: E402  (paper intake, issue 23)

urlpatterns += [
    path("alih-media/", intake_pages.batches_page, name="intake-batches"),
    path("alih-media/<int:pk>/", intake_pages.batch_page, name="intake-batch"),
    path("alih-media/<int:pk>/bagian/<int:index>/halaman.png", intake_pages.part_page_image,
         name="intake-part-image"),
]

from notifications import views as inbox_pages  # noqa: E402  (issue 18: the notification inbox)

urlpatterns += [
    path("pemberitahuan/", inbox_pages.inbox_page, name="inbox"),
    path("pemberitahuan/<int:pk>/", inbox_pages.notification_open, name="notification-open"),
]

handler400 = "archive.views_errors.bad_request"  # issue 22: errors in the site's shape
handler403 = "archive.views_errors.permission_denied"
handler404 = "archive.views_errors.not_found"
handler500 = "archive.views_errors.server_error"

from national import views as national_pages  # noqa: E402  (issue 26: the official's signing queue)

urlpatterns += [path("penandatanganan/", national_pages.signing_queue_page, name="signing-queue")]

urlpatterns += [path("", include("governance.urls"))]  # issue 25: data governance, reference data, help
