from django.core.management.base import BaseCommand, CommandError

from archive.objectstore import object_storage
from archive.selectors import stored_objects
from archive.storage import StorageUnavailable


class Command(BaseCommand):
    help = "Recompute the sha256 of every stored object and report missing or corrupt ones (never repairs)."

    def handle(self, *args, **options):
        storage = object_storage()
        storage.ping()  # a server that is down is one error, not one per object
        counts = {"ok": 0, "missing": 0, "corrupt": 0, "unreadable": 0}
        for label, key, version_id, sha256 in stored_objects():
            try:
                state = storage.check(key, version_id=version_id, sha256=sha256)
            except StorageUnavailable:
                # e.g. SeaweedFS refusing to serve a chunk it found rotten on its own disk
                state = "unreadable"
            counts[state] += 1
            if state != "ok":
                self.stdout.write(f"{state.upper():8} {label}  key={key} version={version_id}")
        total = sum(counts.values())
        self.stdout.write(f"Checked {total} object(s): {counts['ok']} ok, {counts['missing']} missing, "
                          f"{counts['corrupt']} corrupt, {counts['unreadable']} unreadable.")
        if total != counts["ok"]:
            raise CommandError("Integrity check failed: restore the objects named above from backup.")
