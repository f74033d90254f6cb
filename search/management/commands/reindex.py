"""manage.py reindex — rebuild the search index from the database, with a progress bar.

Safe while the site serves: the database back ends upsert in small transactions and
Elasticsearch builds a new index behind the alias and swaps it at the end.
"""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from search.services import REINDEX_BATCH, reindex_all


class ProgressBar:
    def __init__(self, stream, width: int = 40):  # stream: a command's OutputWrapper
        self.stream, self.width, self.started = stream, width, time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(self.width * min(share, 1.0))
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%} "
                          f"{done}/{total} ({rate:.0f}/s)", ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = "Rebuild the search index from the database (can run while the site serves)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=REINDEX_BATCH)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (logs, CI)")

    def handle(self, *args, batch_size: int, no_progress: bool, **options):
        started = time.monotonic()
        bar = None if no_progress else ProgressBar(self.stderr)
        count = reindex_all(progress=bar, batch_size=batch_size)
        if bar:
            self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {count} documents in {time.monotonic() - started:.1f} s."))
