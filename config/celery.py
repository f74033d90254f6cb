"""The Celery app. Eager (in-process) on the embedded default, Redis in production."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("berkas_asn")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
