from django.core.management.base import BaseCommand, CommandError

from archive.services.audit import audit_chain_verify


class Command(BaseCommand):
    help = ("Recompute the hash chain of the audit log: prove it intact, or name the first entry "
            "that was altered, removed or inserted behind the application's back. Never repairs.")

    def handle(self, *args, **options):
        result = audit_chain_verify()
        if result.first_break is None:
            self.stdout.write(f"Audit chain intact: {result.checked} entries; head {result.last_hash}.")
            return
        event = result.first_break
        raise CommandError(
            f"Audit chain broken at entry #{event.pk} ({event.action} {event.target!r} at {event.at.isoformat()}): "
            f"{result.reason}. Entries before #{event.pk} are intact. Compare with a backup of the audit log.")
