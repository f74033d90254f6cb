from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, backup_create
from documents.storage import StorageError


class Command(BaseCommand):
    help = "Back up the database and every stored object (checksummed) into a new folder DIR."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            report = backup_create(folder)
        except (BackupError, StorageError) as exc:
            raise CommandError(f"Backup failed: {exc}") from None
        self.stdout.write(f"Backed up to {report.folder}: database.json (sha256 {report.rows_file_sha256}), "
                          f"{report.objects} object(s), {report.bytes} bytes, in {report.seconds:.1f}s.")
