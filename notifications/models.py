"""Messages to users and the digests sent.

Each model keeps the `archive` app label, so its table (archive_<model>) and its migrations
(archive/migrations) stay where they are: the code moved, no data did.
"""
from __future__ import annotations


from django.conf import settings
from django.db import models



class Notification(models.Model):
    """A message to one user (request returned, update approved, draft to review …)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    message = models.TextField()
    target = models.CharField(max_length=200, blank=True)  # e.g. "service_request:12"
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)  # also delivered by email (see services.mail)

    class Meta:
        app_label = "archive"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]



class DigestSent(models.Model):
    """A periodic digest sent to one user for one period (e.g. "2026-W49"): sent once, whoever asks again."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)
    notification = models.ForeignKey(Notification, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "archive"
        constraints = [models.UniqueConstraint(fields=["recipient", "period"], name="one_digest_per_period")]


