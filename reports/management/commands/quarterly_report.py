from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from issuing.services.issuing import issued_content, verify_url
from reports.quarterly import ReportRefused, quarterly_report_issue


class Command(BaseCommand):
    help = ("Produce the quarterly personnel report (tables and charts), signed and stored as an issued "
            "document; again for the same quarter: a new version.")

    def add_arguments(self, parser):
        parser.add_argument("--quarter", required=True, help="e.g. 2026Q3")
        parser.add_argument("--output", type=Path, help="also write the signed PDF here")

    def handle(self, *args, **options):
        try:
            issued = quarterly_report_issue(actor=None, quarter=options["quarter"])
        except ReportRefused as exc:
            raise CommandError(exc.message) from None
        if options["output"]:
            options["output"].write_bytes(issued_content(issued))
        self.stdout.write(self.style.SUCCESS(
            f"{issued.title}: number {issued.number}, version {issued.version}, sha256 {issued.sha256}\n"
            f"verify: {verify_url(issued)}" + (f"\nwritten to {options['output']}" if options["output"] else "")))
