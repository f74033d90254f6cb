"""Accounts and access: API tokens (hashed, expiring), the state of a login beyond Django's
is_active (read-only, deactivation reason, session epoch), pending contact changes, and the
access reviews administrators sign off. Behaviour lives in accounts.services."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """One API token of a user. Only the SHA-256 of the key is stored; the key is shown once.
    `auth_hash` is the user's session hash when the token was made (an HMAC of the password hash):
    any password change, by whatever path, makes it differ and the token stops."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=12, db_index=True)  # shown in lists, identifies without revealing
    key_hash = models.CharField(max_length=64, unique=True)
    auth_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"


class AccountState(models.Model):
    """What Django's User does not say about a login: read-only (retired), why it was deactivated and
    by whom, which employee-status rule changed it, and the session epoch ("sign out everywhere")."""

    class Rule(models.TextChoices):
        NONE = "", _("none")
        RETIRED = "pensiun", _("Retired")
        DECEASED = "meninggal", _("Deceased")
        TRANSFERRED_OUT = "pindah_keluar", _("Transferred out")
        DISMISSED = "diberhentikan", _("Dismissed")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state")
    read_only = models.BooleanField(default=False)
    session_epoch = models.PositiveIntegerField(default=0)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivated_reason = models.TextField(blank=True)
    deactivated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    status_rule = models.CharField(max_length=20, choices=Rule.choices, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)


class ContactChange(models.Model):
    """A change of the user's own email or phone, waiting for the link sent to confirm it."""

    class Field(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_changes")
    employee = models.ForeignKey("archive.Employee", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    field = models.CharField(max_length=10, choices=Field.choices)
    old_value = models.CharField(max_length=254, blank=True)
    new_value = models.CharField(max_length=254)
    sent_to = models.CharField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class AccessReview(models.Model):
    """A reviewer's sign-off of who has access: the list as it stood is kept with it."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField()
    unused_after_days = models.PositiveIntegerField()
    account_count = models.PositiveIntegerField()
    unused_count = models.PositiveIntegerField()
    accounts = models.JSONField(default=list)  # the rows of access_review_rows() at sign-off

    class Meta:
        ordering = ["-signed_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(note=""), name="access_review_has_note")]
