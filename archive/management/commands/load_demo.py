from django.core.management.base import BaseCommand

from archive.services.demo import demo_documents, demo_load


class Command(BaseCommand):
    help = ("Load demo agencies, units, ~30 employees and the logins admin, fasilitator, pegawai (idempotent); "
            "--with-documents also uploads a few scans through the pipeline and issues two signed decrees.")

    def add_arguments(self, parser):
        parser.add_argument("--with-documents", action="store_true",
                            help="scans (OCR'd, indexed, one flagged illegible) and signed decrees, when none exist yet")

    def handle(self, *args, **options):
        result = demo_load()
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {result['employees']} employees in {result['units']} units."))
        if options["with_documents"]:
            made = demo_documents()
            self.stdout.write(f"Demo documents: {made['scans']} scans processed, {made['issued']} decrees signed.")
        source = "generated, kept in DATA_DIR/demo-password.txt" if result["generated"] else "from DEMO_PASSWORD"
        self.stdout.write(f"Demo logins ({source}):")
        for username in result["logins"]:
            self.stdout.write(f"  {username:<12} / {result['password']}")
