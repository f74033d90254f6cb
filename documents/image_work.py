"""Decoding a user's image in a web worker, bounded (issue 22).

One hostile image costs a web worker a few hundred MB while it is decoded (README, "Memory bounds"); six
at once once took both workers past 5 GB. So each process decodes at most `IMAGE_WORK_CONCURRENCY`
images at a time (page detection, page and verify images); a request that cannot get a slot within
`IMAGE_WORK_WAIT_SECONDS` is answered 503 with Retry-After instead of queueing without end. On top of
that each user (or address, when anonymous) has a rate per minute, kept in the shared cache
(`CACHE_URL`), so one account cannot keep every slot busy.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import threading

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

_slots = threading.BoundedSemaphore(max(1, settings.IMAGE_WORK_CONCURRENCY))


class ImageWorkBusy(Exception):
    """Every slot of this process stayed busy for IMAGE_WORK_WAIT_SECONDS."""

    retry_after = 5


def _heap_trimmer():
    """glibc's malloc_trim, or a no-op elsewhere. Each request thread gets its own malloc arena, and an
    arena keeps the pages of a freed decode: six decodes one after another on six threads measured
    1.1 GB of resident memory where one takes 330 MB (bench/memory_bench.py detect6). Trimming after each
    decode gives the pages back."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return lambda: libc.malloc_trim(0)
    except (OSError, AttributeError):
        return lambda: None


_trim_heap = _heap_trimmer()


@contextlib.contextmanager
def image_work_slot():
    """Hold one of this process's image decoding slots for the block; ImageWorkBusy when none frees."""
    if not _slots.acquire(timeout=settings.IMAGE_WORK_WAIT_SECONDS):
        raise ImageWorkBusy
    try:
        yield
    finally:
        _trim_heap()
        _slots.release()


class ImageWorkRateThrottle(SimpleRateThrottle):
    """Per user (per address when anonymous), one scope per kind of image work; rates in
    REST_FRAMEWORK's DEFAULT_THROTTLE_RATES. Usable from DRF views and from plain Django views."""

    def __init__(self, scope: str | None = None):
        self.scope = scope or self.scope
        super().__init__()

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = f"user-{user.pk}" if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class PageDetectionThrottle(ImageWorkRateThrottle):
    scope = "page_detection"


def image_work_allowed(request, scope: str) -> tuple[bool, int]:
    """(allowed, seconds to wait) for one more piece of image work of `scope` by this requester."""
    throttle = ImageWorkRateThrottle(scope)
    if throttle.allow_request(request, None):
        return True, 0
    return False, int(throttle.wait() or 1) + 1


def bounded_image_view(scope: str):
    """For a plain Django view that decodes an image: 429 past the requester's rate for `scope`,
    503 when no slot frees in time, otherwise the view runs holding a slot."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            allowed, wait = image_work_allowed(request, scope)
            if not allowed:
                response = HttpResponse(_("Too many page images at once; try again in a minute."), status=429,
                                        content_type="text/plain; charset=utf-8")
                response["Retry-After"] = str(wait)
                return response
            try:
                with image_work_slot():
                    return view(request, *args, **kwargs)
            except ImageWorkBusy as busy:
                response = HttpResponse(_("The server is busy reading other images; try again in a few seconds."),
                                        status=503, content_type="text/plain; charset=utf-8")
                response["Retry-After"] = str(busy.retry_after)
                return response
        return wrapped
    return decorate
