from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Berkas ASN — tata kelola data: rilis statistik, persetujuan, permintaan data, referensi, retensi"
