from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.services.calendar import HOLIDAY_COLUMNS, holidays_import_csv


class Command(BaseCommand):
    help = (f"Record the year's holidays and cuti bersama from a CSV with columns {', '.join(HOLIDAY_COLUMNS)} "
            "(optional: jenis = libur_nasional | cuti_bersama, mengurangi_cuti_tahunan = ya), as the SKB lists "
            "them; all rows or none. The fixed national holidays need no row.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        try:
            text = options["file"].read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from None
        recorded, errors = holidays_import_csv(actor=None, text=text)
        for line, reason in errors:
            self.stderr.write(f"line {line}: {reason}")
        if errors:
            raise CommandError(f"{len(errors)} bad row(s); nothing recorded.")
        self.stdout.write(self.style.SUCCESS(f"Recorded: {recorded} day(s)."))
