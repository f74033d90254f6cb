"""The installable web app: manifest, service worker (served from the site root so its scope is the
whole site) and the offline page it answers navigations with when the network is down.

The worker precaches only the offline page and the static assets; it never stores personal
documents, API answers or any other page (DESIGN: nothing personal on a shared phone)."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

THEME_COLOUR = "#0b4f8a"
BACKGROUND_COLOUR = "#f6f8fa"
# Static files the offline page and the app shell need; every one is cached at install.
PRECACHED_STATIC = ["css/berkas.css", "js/site.js", "js/pwa.js", "icons/icon.svg", "icons/icon-192.png"]
ICONS = [("icons/icon-192.png", "192x192", "any"), ("icons/icon-512.png", "512x512", "any"),
         ("icons/icon-maskable-192.png", "192x192", "maskable"), ("icons/icon-maskable-512.png", "512x512", "maskable")]


@cache_control(max_age=3600, public=True)
def manifest(request):
    body = {
        "id": "/", "name": "Berkas ASN — " + _("Personnel files"), "short_name": "Berkas ASN",
        "description": _("Your personnel file: upload scans, see their status, download your documents."),
        "lang": request.LANGUAGE_CODE, "dir": "ltr", "start_url": reverse("home"), "scope": "/",
        "display": "standalone", "orientation": "portrait", "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [{"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                  for path, sizes, purpose in ICONS]
        + [{"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    return JsonResponse(body, content_type="application/manifest+json",
                        json_dumps_params={"ensure_ascii": False, "indent": 1})


def _precache_urls() -> list[str]:
    return [reverse("offline")] + [static(path) for path in PRECACHED_STATIC]


@lru_cache(maxsize=1)
def _assets_digest() -> str:
    """Changes whenever a precached asset or the worker itself does, so a new worker replaces the
    old cache."""
    from django.template.loader import get_template

    files = [finders.find(path) for path in PRECACHED_STATIC]
    files += [get_template(name).origin.name for name in ("pwa/offline.html", "pwa/sw.js")]
    digest = hashlib.sha256()
    for name in files:
        with open(name, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:12]


def service_worker(request):
    script = render_to_string("pwa/sw.js", {
        "version": _assets_digest(), "offline_url": json.dumps(reverse("offline")),
        "precache": json.dumps(_precache_urls())})
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # browsers look for a new worker on every visit
    return response


def offline_page(request):
    """What the service worker shows for a page asked for while offline. No personal data: it is
    cached on the device."""
    response = render(request, "pwa/offline.html")
    response["Cache-Control"] = "no-cache"
    return response
