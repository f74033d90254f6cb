from django.core.management.base import BaseCommand

from archive.services.demo import demo_load


class Command(BaseCommand):
    help = "Load demo agencies, units, ~30 employees and the logins admin, fasilitator, pegawai (idempotent)."

    def handle(self, *args, **options):
        result = demo_load()
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {result['employees']} employees in {result['units']} units."))
        source = "generated, kept in DATA_DIR/demo-password.txt" if result["generated"] else "from DEMO_PASSWORD"
        self.stdout.write(f"Demo logins ({source}):")
        for username in result["logins"]:
            self.stdout.write(f"  {username:<12} / {result['password']}")
