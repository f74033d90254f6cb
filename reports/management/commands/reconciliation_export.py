import datetime as dt
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services.audit import audit_record
from reports.exchange import FORMATS, reconciliation_export


class Command(BaseCommand):
    help = "Export the reconciliation data set (nama, NIP, pangkat/golongan, pendidikan, jabatan, unit)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
        parser.add_argument("--on", help="YYYY-MM-DD: only the employees on the books that day, with their "
                                         "golongan that day (default: every employee as they are today)")

    def handle(self, *args, **options):
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else None
        except ValueError:
            raise CommandError(f"Tanggal --on tidak dikenal: {options['on']!r}; tulis seperti 2026-09-30.") from None
        text = reconciliation_export(file_format=options["format"], on=on)
        audit_record(actor=None, action="reconciliation.export", target="",
                     details={"via": "command", "format": options["format"], "on": options["on"] or ""})
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"Written to {options['output']}.")
        else:
            sys.stdout.write(text)
