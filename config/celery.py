"""The Celery app. Eager (in-process) on the embedded default, Redis in production."""
import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class DefaultLanguageTask(Task):
    """Every task runs in the default language (settings.LANGUAGE_CODE, Indonesian): what it stores or
    sends (a bulk-issue item's failure, an email) must not depend on who started it. A worker process has
    no language active anyway, but a task run in process (eager, the embedded default) runs in the thread
    of the request that queued it, with that user's language active."""

    def __call__(self, *args, **kwargs):
        from django.conf import settings
        from django.utils import translation

        with translation.override(settings.LANGUAGE_CODE):
            return super().__call__(*args, **kwargs)


app = Celery("berkas_asn", task_cls=DefaultLanguageTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
