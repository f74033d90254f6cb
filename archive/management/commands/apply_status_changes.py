import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people.services.status import employee_statuses_take_effect


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Tanggal tidak dikenal: {text!r}; tulis seperti 2026-11-01.") from None


class Command(BaseCommand):
    help = ("Bring every employee's current status in step with their dated status history: periods whose "
            "date has come (a pensiun TMT today) take effect. Celery beat runs it daily (apply_status_changes); "
            "safe to run again, or from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, default=None,
                            help="the day to apply, YYYY-MM-DD (default today)")

    def handle(self, *args, date, **options):
        day = date or timezone.localdate()
        changed = employee_statuses_take_effect(today=day)
        self.stdout.write(f"{day.isoformat()}: status berubah untuk {changed} pegawai.")
