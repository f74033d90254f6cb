from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, backup_restore
from documents.storage import StorageError


class Command(BaseCommand):
    help = ("Restore a backup folder made by `manage.py backup` into an empty, migrated database and the "
            "configured object storage; verifies every checksum and the audit chain, then re-indexes.")

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--no-reindex", action="store_true")

    def handle(self, *args, folder, no_reindex, **options):
        try:
            result = backup_restore(folder, reindex=not no_reindex)
        except (BackupError, StorageError) as exc:
            raise CommandError(f"Restore failed: {exc}") from None
        self.stdout.write(f"Restored {result['objects']} object(s); audit chain intact "
                          f"({result['audit_entries']} entries).")
