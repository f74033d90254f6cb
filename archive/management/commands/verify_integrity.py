from django.core.management.base import BaseCommand, CommandError

from documents.services.integrity import objects_check


class Command(BaseCommand):
    help = "Recompute the sha256 of every stored object and report missing or corrupt ones (never repairs)."

    def handle(self, *args, **options):
        result = objects_check()
        for line in result.problems:
            self.stdout.write(line)
        counts = result.counts
        self.stdout.write(f"Checked {result.total} object(s): {counts['ok']} ok, {counts['missing']} missing, "
                          f"{counts['corrupt']} corrupt, {counts['unreadable']} unreadable.")
        if result.total != counts["ok"]:
            raise CommandError("Integrity check failed: restore the objects named above from backup.")
