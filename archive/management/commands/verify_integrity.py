from django.core.management.base import BaseCommand, CommandError

from archive.objectstore import object_storage
from archive.selectors import stored_objects


class Command(BaseCommand):
    help = "Recompute the sha256 of every stored object and report missing or corrupt ones (never repairs)."

    def handle(self, *args, **options):
        storage = object_storage()
        counts = {"ok": 0, "missing": 0, "corrupt": 0}
        for label, key, version_id, sha256 in stored_objects():
            state = storage.check(key, version_id=version_id, sha256=sha256)
            counts[state] += 1
            if state != "ok":
                self.stdout.write(f"{state.upper():8} {label}  key={key} version={version_id}")
        total = sum(counts.values())
        self.stdout.write(f"Checked {total} object(s): {counts['ok']} ok, {counts['missing']} missing, "
                          f"{counts['corrupt']} corrupt.")
        if counts["missing"] or counts["corrupt"]:
            raise CommandError("Integrity check failed: restore the objects named above from backup.")
