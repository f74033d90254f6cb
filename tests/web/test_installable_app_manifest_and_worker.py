"""The product installs on a phone as a web app: a valid manifest with 192 and 512 px icons (also
maskable), a service worker served from the site root that precaches only the offline page and
static assets, and an offline page that says plainly that uploads need a connection."""
import io
import json
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def test_manifest_is_valid_and_its_icons_are_real_pngs(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "Berkas ASN" and manifest["name"].startswith("Berkas ASN")
    assert manifest["start_url"] == "/" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    for size in (192, 512):
        for purpose in ("any", "maskable"):
            icon = next(i for i in pngs if i["sizes"] == f"{size}x{size}" and i["purpose"] == purpose)
            served = client.get(icon["src"])
            assert served.status_code == 200, icon
            image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
            assert image.format == "PNG" and image.size == (size, size)


def test_every_page_links_the_manifest(users, client):
    client.force_login(users["pegawai"])
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-sw="/sw.js"' in html


def test_service_worker_is_served_from_the_root_and_caches_nothing_personal(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    precache = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", script).group(1))
    assert "/luring/" in precache
    assert all(url == "/luring/" or url.startswith("/static/") for url in precache), precache
    assert not any(part in script for part in ('"/api/', "caches.put", "cache.put("))
    for url in precache:  # each precached URL answers, or the worker would fail to install
        assert client.get(url).status_code == 200, url


def test_offline_page_says_uploads_need_a_connection(client):
    html = client.get("/luring/").content.decode()
    assert "Anda sedang luring" in html
    assert "Mengunggah pindaian dan membuka dokumen Anda memerlukan koneksi" in html


def test_offline_page_holds_no_personal_data(users, client):
    client.force_login(users["pegawai"])
    html = client.get("/luring/").content.decode()
    assert "pegawai" not in html and users["pegawai"].profile.employee.nip not in html
    assert "csrfmiddlewaretoken" not in html
