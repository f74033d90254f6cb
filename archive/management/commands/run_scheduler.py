import time

from django.core.management.base import BaseCommand

from archive.services.scheduler import duty_run, scheduler_tick


class Command(BaseCommand):
    help = ("Run the scheduled duties (settings.CELERY_BEAT_SCHEDULE) in this process, checking every "
            "--every seconds: the embedded default's scheduler (`make run` starts it). With --now NAME, run "
            "one duty at once and exit. Production runs `celery -A config beat` instead.")

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=30.0)
        parser.add_argument("--now", metavar="NAME", help="run this duty once, now, and exit")

    def handle(self, *args, every, now, **options):
        if now:
            self.stdout.write(f"{now}: {duty_run(now)}")
            return
        self.stdout.write(f"Scheduler running (every {every:g} s); Ctrl-C stops it.")
        while True:
            for name, outcome in scheduler_tick().items():
                self.stdout.write(f"{name}: {outcome}")
            time.sleep(every)
