from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Berkas ASN — akun dan akses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import receivers  # noqa: F401  (login/logout bookkeeping)
