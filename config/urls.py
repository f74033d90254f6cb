from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from archive import views as web
from archive import views_accounts as account_pages
from archive import views_sso as sso_pages

urlpatterns = [
    path("", web.home, name="home"),
    path("masuk/", account_pages.Login.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("bahasa/", set_language, name="set_language"),
    path("healthz", web.healthz, name="healthz"),
    path("verify/", web.verify_upload_page, name="verify-upload"),
    path("verify/<str:token>", web.verify_page, name="verify"),
    path("dokumen/unggah/", web.document_upload_page, name="document-upload"),
    path("dokumen/<int:pk>/", web.document_detail_page, name="document-detail"),
    path("api/v1/", include("api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

from archive import views_services as service_pages  # noqa: E402

urlpatterns += [
    path("verifikasi/", service_pages.verification_queue_page, name="verification-queue"),
    path("layanan/", service_pages.services_page, name="services"),
    path("layanan/permohonan/<int:pk>/", service_pages.service_request_page, name="service-request"),
]
urlpatterns += [path("draf/", service_pages.drafts_page, name="drafts")]

urlpatterns += [path("pemantauan/", web.monitoring_page, name="monitoring")]

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
