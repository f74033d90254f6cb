"""Decoding users' images in web workers is bounded (issue 22): each process decodes at most
IMAGE_WORK_CONCURRENCY images at once — a request that finds every slot busy for IMAGE_WORK_WAIT_SECONDS
gets 503 with Retry-After instead of piling another few hundred MB on the worker — and each user has a
rate per minute for page detection and page images (429 with Retry-After)."""
from __future__ import annotations

import io

import pytest
from django.test import Client
from PIL import Image, ImageDraw
from rest_framework.throttling import SimpleRateThrottle

from documents.image_work import image_work_slot

pytestmark = pytest.mark.django_db


def _photo() -> bytes:
    image = Image.new("RGB", (800, 1000), (70, 70, 70))
    ImageDraw.Draw(image).rectangle((150, 150, 650, 850), fill=(245, 245, 240))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def _detect(client):
    return client.post("/api/v1/page-detection/", {"file": io.BytesIO(_photo())}, format="multipart")


def test_page_detection_waits_for_a_free_slot_then_answers_busy(users, api_client_for, settings):
    settings.IMAGE_WORK_WAIT_SECONDS = 0.2
    client = api_client_for(users["pegawai"])
    with image_work_slot():  # every slot of this process taken (IMAGE_WORK_CONCURRENCY is 1)
        busy = _detect(client)
    assert busy.status_code == 503 and busy["Retry-After"] == "5"
    assert busy.json()["code"] == "busy" and "sibuk" in busy.json()["detail"]
    assert _detect(client).status_code == 200  # the slot is free again


def test_page_detection_is_rate_limited_per_user(users, api_client_for, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "page_detection", "3/minute")
    pegawai, fasilitator = api_client_for(users["pegawai"]), api_client_for(users["fasilitator"])
    assert [_detect(pegawai).status_code for _ in range(3)] == [200, 200, 200]
    limited = _detect(pegawai)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert _detect(fasilitator).status_code == 200  # another user keeps their own allowance


def test_page_images_are_bounded_and_rate_limited_too(db, settings, monkeypatch):
    settings.IMAGE_WORK_WAIT_SECONDS = 0.2
    public = Client(REMOTE_ADDR="192.0.2.9")
    with image_work_slot():
        busy = public.get("/verify/tidak-ada/halaman-1.jpg")
    assert busy.status_code == 503 and busy["Retry-After"] == "5"
    assert "sibuk" in busy.content.decode()
    assert public.get("/verify/tidak-ada/halaman-1.jpg").status_code == 404  # the view itself ran

    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "page_image", "2/minute")
    answers = [public.get("/verify/tidak-ada/halaman-1.jpg").status_code for _ in range(3)]
    assert answers[-1] == 429
