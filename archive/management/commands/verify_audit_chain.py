from django.core.management.base import BaseCommand, CommandError

from archive.services.audit import audit_chain_verify
from documents.services.integrity import audit_chain_check, audit_checkpoint_write


class Command(BaseCommand):
    help = ("Recompute the hash chain of the audit log: prove it intact and still reaching its last checkpoint "
            "(kept in object storage), or name the first entry that was altered, removed or inserted behind "
            "the application's back. Never repairs. --checkpoint writes a new checkpoint when it holds.")

    def add_arguments(self, parser):
        parser.add_argument("--checkpoint", action="store_true", help="write a checkpoint of the intact chain")

    def handle(self, *args, checkpoint=False, **options):
        result = audit_chain_verify()
        if result.first_break is not None:
            event = result.first_break
            raise CommandError(
                f"Audit chain broken at entry #{event.pk} ({event.action} {event.target!r} at "
                f"{event.at.isoformat()}): {result.reason}. Entries before #{event.pk} are intact. "
                "Compare with a backup of the audit log.")
        problem = audit_chain_check(result)
        if problem:
            raise CommandError(f"Audit chain truncated: {problem}. Compare with a backup of the audit log.")
        self.stdout.write(f"Audit chain intact: {result.checked} entries; head {result.last_hash}.")
        if checkpoint:
            written = audit_checkpoint_write()
            self.stdout.write(f"Checkpoint written at entry {written['last_id']}.")
