from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.services.employees import IMPORT_COLUMNS, OPTIONAL_IMPORT_COLUMNS, employees_import_csv


class Command(BaseCommand):
    help = (f"Import employees from a CSV with columns {', '.join(IMPORT_COLUMNS)} "
            f"(optional: {', '.join(OPTIONAL_IMPORT_COLUMNS)}). Employees already on file are not changed, but "
            "for empty fields; rows that differ from their record are listed (see reconciliation_import).")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--skip-invalid", action="store_true",
                            help="import the good rows even when some rows are bad")

    def handle(self, *args, **options):
        try:
            text = options["file"].read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from None
        report = employees_import_csv(text=text, skip_invalid=options["skip_invalid"])
        for line, reason in report.errors:
            self.stderr.write(f"line {line}: {reason}")
        for line, difference in report.differing:
            self.stderr.write(f"line {line}: {difference} (not changed)")
        if report.errors and not report.applied:
            raise CommandError(f"{len(report.errors)} bad row(s); nothing imported. "
                               "Fix them, or use --skip-invalid to import the good rows.")
        self.stdout.write(self.style.SUCCESS(
            f"Imported: {report.created} created, {report.unchanged} already on file as given, "
            f"{report.completed} with empty fields filled, {len(report.errors)} skipped."))
        if report.differing:
            self.stdout.write(
                f"{len(report.differing)} employee(s) on file differ from the file and were not changed: a rank, "
                f"unit or position moves by decree, or review and apply the file as a reconciliation diff: "
                f"manage.py reconciliation_import {options['file']}")
