from django.core.management.base import BaseCommand

from issuing.signing_runtime import pki_dir
from signing import pki


class Command(BaseCommand):
    help = ("Create the test PKI under DATA_DIR/pki: root CA, signer certificate (PKCS#12), TSA and OCSP "
            "responder certificates. The embedded default serves its TSA/OCSP on loopback.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="replace an existing test PKI")

    def handle(self, *args, **options):
        directory = pki_dir()
        if (directory / pki.INFO_FILE).exists() and not options["force"]:
            self.stdout.write(f"Test PKI already in {directory} (use --force to replace it).")
            return
        created = pki.init_pki(directory)
        self.stdout.write(self.style.SUCCESS(f"Test PKI created in {directory}; TSA/OCSP at {created.base_url}."))
