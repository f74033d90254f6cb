import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from archive.services.audit import audit_record
from reports.exchange import FORMATS, reconciliation_export


class Command(BaseCommand):
    help = "Export the reconciliation data set (nama, NIP, pangkat/golongan, pendidikan, jabatan, unit)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args, **options):
        text = reconciliation_export(file_format=options["format"])
        audit_record(actor=None, action="reconciliation.export", target="",
                     details={"via": "command", "format": options["format"]})
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"Written to {options['output']}.")
        else:
            sys.stdout.write(text)
