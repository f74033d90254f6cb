"""Data governance (issue 25, Pergub Jatim 73/2020 Pasal 18, 20-21, 26, 31): what leaves the system and on
what authority, and the organisation it describes. Models hold data and constraints; behaviour lives in
governance.services (writes) and governance.selectors (reads)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


# --- Publication approval (Pasal 18: presenting data needs the administrator's recommendation) -----

class StatisticsRelease(models.Model):
    """A dated snapshot of the public statistics, served only once an administrator approves it.
    `fine_counts` are the finest cells of the cube ([agency, golongan, education, sex, age band, status,
    count] rows), `dimensions` the values and labels as they stood, `documents` the document statistics
    as computed then: what is published never moves with later data."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    as_of = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    fingerprint = models.CharField(max_length=64)  # the data state it was computed from
    min_cell = models.PositiveIntegerField()
    fine_counts = models.JSONField(default=list)
    dimensions = models.JSONField(default=dict)
    documents = models.JSONField(default=dict)
    # The blocks it is protected with, also against the releases approved before it (reports.differencing):
    # lists of finest cells; null for a release protected on its own.
    blocks = models.JSONField(null=True, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    prepared_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)  # the administrator's recommendation
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-as_of", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["as_of"], condition=Q(status="approved"),
                                    name="one_approved_release_per_day"),
            models.CheckConstraint(condition=~Q(status="approved") | Q(approved_at__isnull=False),
                                   name="approved_release_has_time"),
        ]


# --- Consent and agreements (Pasal 26; Babel Pasal 20(3), 23) -----------------------------------------

class TokenAgreement(models.Model):
    """What an agency token rests on: the agreement (MoU / PKS) and its expiry, the recipient and purpose it
    serves, and — where one covers the data without consent — the legal basis named on it."""

    token = models.OneToOneField("reports.AgencyToken", on_delete=models.CASCADE, related_name="agreement")
    recipient = models.CharField(max_length=80)  # a code, e.g. "BPJS-KES", matched by employees' consents
    purpose = models.CharField(max_length=80)  # e.g. "kepesertaan-jaminan-kesehatan"
    agreement_reference = models.CharField(max_length=200)  # nomor nota kesepahaman / PKS
    expires_at = models.DateTimeField()
    legal_basis = models.CharField(max_length=300, blank=True)  # blank: only consenting employees
    data_request = models.ForeignKey("DataRequest", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="agreements")

    class Meta:
        constraints = [models.CheckConstraint(condition=~Q(agreement_reference=""), name="agreement_has_reference")]


class Consent(models.Model):
    """An employee's written consent for one recipient and purpose; withdrawn, it stops counting (kept)."""

    employee = models.ForeignKey("archive.Employee", on_delete=models.PROTECT, related_name="consents")
    recipient = models.CharField(max_length=80)
    purpose = models.CharField(max_length=80)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["employee", "recipient", "purpose"],
                                               condition=Q(withdrawn_at__isnull=True), name="one_live_consent")]


# --- Reference data: agencies and units with their history, jabatan and formation -------------------

class OrganisationEvent(models.Model):
    """One change to the organisation: an agency or unit created, renamed, merged or closed, with the
    decree it rests on. Names before and after are kept, so old records read as they stood."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        RENAMED = "renamed", _("Renamed")
        MERGED = "merged", _("Merged")
        CLOSED = "closed", _("Closed")

    subject = models.CharField(max_length=10)  # agency | unit
    unit = models.ForeignKey("archive.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("archive.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name_before = models.CharField(max_length=200, blank=True)
    name_after = models.CharField(max_length=200, blank=True)
    into_unit = models.ForeignKey("archive.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    into_agency = models.ForeignKey("archive.Agency", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    effective_date = models.DateField()
    decree = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_date", "id"]
        constraints = [models.CheckConstraint(condition=Q(unit__isnull=False) | Q(agency__isnull=False),
                                              name="organisation_event_names_its_subject")]


class OrganisationClosure(models.Model):
    """A closed (or merged-away) unit or agency: it takes no new employee, and its old records keep it."""

    unit = models.OneToOneField("archive.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="closure")
    agency = models.OneToOneField("archive.Agency", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="closure")
    closed_on = models.DateField()
    merged_into_unit = models.ForeignKey("archive.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+")
    merged_into_agency = models.ForeignKey("archive.Agency", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+")

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(unit__isnull=False) | Q(agency__isnull=False),
                                              name="closure_names_its_subject")]


class UnitPlacement(models.Model):
    """An employee's time in a unit, with the unit's and agency's names as they were then: a merge or a
    rename never rewrites where someone worked. `until` blank: still there."""

    employee = models.ForeignKey("archive.Employee", on_delete=models.PROTECT, related_name="unit_placements")
    unit = models.ForeignKey("archive.Unit", on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField(max_length=200)
    agency_name = models.CharField(max_length=200)
    since = models.DateField(null=True, blank=True)  # blank: before the record began
    until = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["employee", "since", "id"]
        constraints = [models.UniqueConstraint(fields=["employee"], condition=Q(until__isnull=True),
                                               name="one_open_placement_per_employee")]


class Position(models.Model):
    """The jabatan catalogue: a position by name, as employees' current jabatan read."""

    class Kind(models.TextChoices):
        STRUCTURAL = "struktural", _("Structural")
        FUNCTIONAL = "fungsional", _("Functional")
        EXECUTIVE = "pelaksana", _("Executive (pelaksana)")

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]


class Formation(models.Model):
    """How many of a position a unit needs (the formation); filled is counted from employees."""

    unit = models.ForeignKey("archive.Unit", on_delete=models.PROTECT, related_name="formations")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="formations")
    needed = models.PositiveIntegerField()

    class Meta:
        ordering = ["unit", "position__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "position"], name="one_formation_per_unit_position")]


# --- Data requests (Pasal 20-21) ----------------------------------------------------------------------

class DataRequest(models.Model):
    """An outside party's signed letter asking for data, its decision and its answer (a scoped token or an
    export), each step audited under the target `data_request:<id>`."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        ANSWERED = "answered", _("Answered")

    class Service(models.TextChoices):
        API = "api", _("Data service through the API (token)")
        EXPORT = "export", _("Data export (file)")

    number = models.CharField(max_length=100)  # the letter's number
    letter_date = models.DateField()
    requester = models.CharField(max_length=200)  # the official who signed
    requester_agency = models.CharField(max_length=200)
    service_type = models.CharField(max_length=10, choices=Service.choices)
    data_asked = models.TextField()
    purpose = models.TextField()
    legal_basis = models.CharField(max_length=300, blank=True)
    letter_key = models.CharField(max_length=200)
    letter_version = models.CharField(max_length=200)
    letter_sha256 = models.CharField(max_length=64)
    letter_size = models.PositiveBigIntegerField()
    letter_content_type = models.CharField(max_length=60)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    answer_token = models.ForeignKey("reports.AgencyToken", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    answer_key = models.CharField(max_length=200, blank=True)  # the export, when answered by file
    answer_version = models.CharField(max_length=200, blank=True)
    answer_sha256 = models.CharField(max_length=64, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status="received") | ~Q(decision_reason=""),
                                   name="decided_request_has_reason"),
            models.CheckConstraint(condition=~Q(status="answered") | Q(answer_token__isnull=False) | ~Q(answer_key=""),
                                   name="answered_request_has_answer"),
        ]


# --- Retention (JRA) --------------------------------------------------------------------------------

class RetentionRule(models.Model):
    """How long one kind of record is kept: a document type (record_kind "document"), or another record kind
    (audit, service_request, data_request, incident), counted from `counted_from`."""

    class CountedFrom(models.TextChoices):
        CREATED = "created", _("The record's date")
        LEFT_SERVICE = "left_service", _("The employee leaving the service")

    record_kind = models.CharField(max_length=30)
    document_type = models.ForeignKey("archive.DocumentType", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    years = models.PositiveIntegerField()
    counted_from = models.CharField(max_length=14, choices=CountedFrom.choices, default=CountedFrom.CREATED)
    end_action = models.CharField(max_length=10, default="review")  # review: an administrator decides
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["record_kind", "document_type__name"]
        constraints = [
            models.UniqueConstraint(fields=["record_kind", "document_type"], name="one_rule_per_kind_and_type"),
            models.UniqueConstraint(fields=["record_kind"], condition=Q(document_type__isnull=True),
                                    name="one_rule_per_plain_kind"),
            models.CheckConstraint(condition=~Q(record_kind="document") | Q(document_type__isnull=False),
                                   name="document_rule_names_its_type"),
        ]


class RetentionItem(models.Model):
    """A record whose retention has ended, waiting for (or given) an administrator's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        KEEP = "keep", _("Keep")
        DESTROY = "destroy", _("Destroy")

    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="items")
    target = models.CharField(max_length=60)  # "document:12"
    ended_on = models.DateField()
    found_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decree = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["ended_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["target"], condition=Q(decision="pending"), name="one_pending_item"),
            models.CheckConstraint(condition=Q(decision="pending") | ~Q(decree=""), name="retention_decision_has_decree"),
        ]


# --- Incidents (Pasal 31) ------------------------------------------------------------------------------

class Incident(models.Model):
    class Category(models.TextChoices):
        UNAUTHORISED_ACCESS = "unauthorised_access", _("Unauthorised access")
        DATA_LEAK = "data_leak", _("Data leak")
        MALWARE = "malware", _("Malware")
        OUTAGE = "outage", _("Outage")
        LOST_DEVICE = "lost_device", _("Lost device or paper")
        OTHER = "other", _("Other")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(max_length=200)
    description = models.TextField()
    category = models.CharField(max_length=20, choices=Category.choices)
    severity = models.CharField(max_length=6, choices=Severity.choices)
    occurred_at = models.DateTimeField()
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    diskominfo_notified_to = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    lessons = models.TextField(blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    audit_events = models.ManyToManyField("archive.AuditEvent", blank=True, related_name="+")

    class Meta:
        ordering = ["-reported_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(status="closed") | ~Q(lessons=""),
                                              name="closed_incident_has_lessons")]


# --- Help: questions from an employee to their unit's fasilitator -----------------------------------

class Question(models.Model):
    employee = models.ForeignKey("archive.Employee", on_delete=models.PROTECT, related_name="questions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    about = models.CharField(max_length=60, blank=True)  # "document:12", "service_request:3", or blank
    text = models.TextField()
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
