from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Berkas ASN — alih media: tumpukan pindaian dan lembar pemisah"
