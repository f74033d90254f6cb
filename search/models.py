"""The search index owned by `search`: one denormalised row per searchable document.

The row copies what a search needs (employee, unit, type, status, dates, text) so that
searching never joins the archive's tables and the caller's scope is a plain WHERE on
`unit_id` / `employee_id`. The database back ends add their full-text structures beside
this table in migrations (PostgreSQL: a generated tsvector with GIN, pg_trgm on names;
SQLite: an FTS5 table kept in step by triggers).
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        SCAN = "scan", _("Pindaian")
        ISSUED = "issued", _("Dokumen terbit")

    key = models.CharField(max_length=40, unique=True)  # "scan:<document id>" / "issued:<id>"
    kind = models.CharField(max_length=10, choices=Kind.choices)
    document_id = models.BigIntegerField()  # archive Document id (scan) or issued document id
    employee_id = models.BigIntegerField(db_index=True)
    employee_nip = models.CharField(max_length=18, db_index=True)
    employee_name = models.CharField(max_length=200)
    agency_code = models.CharField(max_length=32)
    unit_id = models.BigIntegerField(db_index=True)
    unit_code = models.CharField(max_length=32)
    unit_name = models.CharField(max_length=200)
    document_type_code = models.CharField(max_length=40)
    document_type_name = models.CharField(max_length=120)
    status = models.CharField(max_length=24)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)  # OCR / rendered text, for snippets
    stemmed_title = models.TextField(blank=True)  # title + employee name + NIP, analysed (search.text.analyze)
    stemmed_text = models.TextField(blank=True)  # text, analysed
    document_date = models.DateField()  # effective date (TMT) when known, else upload/issue date
    year = models.PositiveSmallIntegerField()
    uploaded_at = models.DateTimeField(null=True)
    signed = models.BooleanField(default=False)
    verified = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    indexed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("entri indeks pencarian")
        indexes = [
            models.Index(fields=["-document_date", "-id"], name="search_entry_date"),
            models.Index(fields=["unit_id", "-document_date"], name="search_entry_unit_date"),
            models.Index(fields=["unit_code"], name="search_entry_unit_code"),
            models.Index(fields=["document_type_code"], name="search_entry_type"),
            models.Index(fields=["status"], name="search_entry_status"),
            models.Index(fields=["kind", "indexed_at"], name="search_entry_kind_indexed"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"
