import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.services.recovery import processing_resume


class Command(BaseCommand):
    help = ("Enqueue again the scans stuck in received/processing for longer than --older-than minutes "
            "(e.g. uploaded while the task queue was down). Safe to run from cron every few minutes.")

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=float, default=settings.RESUME_PROCESSING_AFTER_MINUTES,
                            help="minutes since upload (default RESUME_PROCESSING_AFTER_MINUTES)")

    def handle(self, *args, older_than, **options):
        try:
            enqueued = processing_resume(older_than=dt.timedelta(minutes=older_than))
        except Exception as exc:
            raise CommandError(f"The task queue is still unreachable ({type(exc).__name__}: {exc}); "
                               "start Redis (CELERY_BROKER_URL) and run this again.") from None
        self.stdout.write(f"Enqueued {len(enqueued)} stuck version(s) again.")
