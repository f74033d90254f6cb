from django.urls import path

from accounts import views

urlpatterns = [
    path("akun/", views.account_page, name="account"),
    path("akun/kata-sandi/", views.PasswordChange.as_view(), name="password_change"),
    path("akun/keluar-semua/", views.sign_out_everywhere, name="account-sign-out-everywhere"),
    path("akun/dua-faktor/", views.otp_setup_page, name="otp-setup"),
    path("akun/dua-faktor/verifikasi/", views.otp_verify_page, name="otp-verify"),
    path("akun/konfirmasi-kontak/<str:key>/", views.contact_confirm_page, name="contact-confirm"),
    path("pengguna/", views.users_page, name="account-users"),
    path("pengguna/<int:pk>/", views.user_page, name="account-user"),
    path("tinjauan-akses/", views.access_review_page, name="access-review"),
]
