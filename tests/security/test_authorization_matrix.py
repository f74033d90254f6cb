"""Every route × every role: out-of-scope callers get 404 (or 403 where existence is no secret,
401 anonymous on the API, a redirect to the login page on the web), and never the data.

The routes come from the URL configuration at run time: a route added without a rule here
fails `test_every_route_has_a_rule` with its name, so nobody can add an endpoint and forget
to decide who may call it.
"""
from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import IN_SCOPE, ROLES, tiny_png

pytestmark = pytest.mark.django_db

# Outcomes
OK = "ok"  # passed authorization: any answer but 401/403/404/405/5xx (a 400 for a deliberately empty body is fine)
BLIND = "blind"  # 200, but nothing of the target employee's file in it (scoped lists)
HIDDEN = "404"
FORBIDDEN = "403"
UNAUTH = "401"
LOGIN = "login"  # web page: redirect to the login page


def scoped(anonymous=UNAUTH, out=HIDDEN):
    return {role: (OK if role in IN_SCOPE else out) for role in ROLES} | {"anonymous": anonymous}


def listing(anonymous=UNAUTH):
    return scoped(anonymous=anonymous, out=BLIND)


def any_login(anonymous=UNAUTH):
    return {role: OK for role in ROLES} | {"anonymous": anonymous}


def public():
    return {role: OK for role in ROLES}


def admin_only():
    return {role: FORBIDDEN for role in ROLES} | {"anonymous": UNAUTH, "administrator": OK}


def admin_page():
    """A web page for BKD administrators only: others are refused, anonymous callers sent to log in."""
    return admin_only() | {"anonymous": LOGIN}


def verifier(out_of_unit=HIDDEN):
    return {"anonymous": UNAUTH, "employee_self": FORBIDDEN, "employee_other": FORBIDDEN,
            "fasilitator_same": OK, "fasilitator_other": out_of_unit, "administrator": OK}


# Bodies: deliberately empty or invalid where the call would change something, so an authorized
# caller is stopped by validation (400) after authorization, and nothing is altered.
def empty(world, role):
    return {}, "json"


def upload_body(world, role):
    body = {"file": io.BytesIO(tiny_png(100 + ROLES.index(role))), "employee": world.employee.nip,
            "document_type": "ktp"}
    body["file"].name = "ktp.png"
    return body, "multipart"


def reissue_body(world, role):
    return {"fields": {"tmt": "bukan tanggal"}}, "json"


def language_body(world, role):
    return {"language": "id"}, "multipart"


def staff_only():
    """Fasilitators and administrators (paper intake); employees refused."""
    return {"anonymous": UNAUTH, "employee_self": FORBIDDEN, "employee_other": FORBIDDEN,
            "fasilitator_same": OK, "fasilitator_other": OK, "administrator": OK}


def staff_missing():
    """As staff_only, on an object that does not exist: staff get 404, employees still 403."""
    return staff_only() | {"fasilitator_same": HIDDEN, "fasilitator_other": HIDDEN, "administrator": HIDDEN}


def reviewer():
    """The agency step: the unit's fasilitators and BKD; the employee sees the request but may not decide."""
    return {"anonymous": UNAUTH, "employee_self": FORBIDDEN, "employee_other": HIDDEN,
            "fasilitator_same": OK, "fasilitator_other": HIDDEN, "administrator": OK}


def own_units_list(anonymous=UNAUTH):
    """Fasilitators and administrators see their units' work; employees may not ask."""
    return {"anonymous": anonymous, "employee_self": FORBIDDEN, "employee_other": FORBIDDEN,
            "fasilitator_same": OK, "fasilitator_other": BLIND, "administrator": OK}


def recipient_only():
    return {role: HIDDEN for role in ROLES} | {"anonymous": UNAUTH, "employee_self": OK}


def service_request_body(world, role):
    return {"service": "kenaikan_pangkat", "employee": world.employee.nip}, "json"


def data_update_body(world, role):
    body = {"employee": world.employee.nip, "field": "tempat_lahir", "value": f"Kota {role}",
            "file": io.BytesIO(tiny_png(200 + ROLES.index(role)))}
    body["file"].name = "bukti.png"
    return body, "multipart"


def own_page():
    """An employee's page about their own record: each employee sees only themself; staff are refused."""
    return {"anonymous": LOGIN, "employee_self": OK, "employee_other": BLIND, "fasilitator_same": FORBIDDEN,
            "fasilitator_other": FORBIDDEN, "administrator": FORBIDDEN}


def own_proposal_body(world, role):
    """Names the target employee but sends no scan: refused (400) before anything is stored; the NIP is
    never read (tests/web/test_employee_proposes_only_for_their_own_record.py)."""
    return {"employee": world.employee.nip, "target": "field:tempat_lahir", "value": f"Kota {role}"}, "multipart"


def document_pk(world):
    return {"pk": world.document.pk}


def issued_pk(world):
    return {"pk": world.issued.pk}


def no_collective(world):
    return {"collective": "00000000-0000-4000-8000-000000000000"}


def staff_only_unknown():
    return {"anonymous": UNAUTH, "employee_self": FORBIDDEN, "employee_other": FORBIDDEN,
            "fasilitator_same": HIDDEN, "fasilitator_other": HIDDEN, "administrator": HIDDEN}


def siasn_pull(world):
    from national.models import SiasnPull

    pull = SiasnPull.objects.filter(nips=[world.employee.nip]).first()
    return {"pk": (pull or SiasnPull.objects.create(nips=[world.employee.nip])).pk}

def admin_missing():
    """Administrators only, on an object that does not exist: administrators get 404, others still 403."""
    return admin_only() | {"administrator": HIDDEN}


def employees_only():
    """An employee's own matter (consent, a question): each employee for themself; staff refused."""
    return {"anonymous": UNAUTH, "employee_self": OK, "employee_other": OK, "fasilitator_same": FORBIDDEN,
            "fasilitator_other": FORBIDDEN, "administrator": FORBIDDEN}


def target_user(world):
    return {"pk": world.users["employee_self"].pk}


# route name -> {"kwargs": f(world) -> kwargs, METHOD: (expectations per role, body)}
RULES: dict[str, dict] = {
    # --- API
    "api-token": {"POST": (public(), empty)},
    "api-employees": {"GET": (listing(), None)},
    "api-employee-detail": {
        "kwargs": lambda w: {"nip": w.employee.nip},
        "GET": (scoped(), None),
        # Contact details: the employee only; a manager of the unit — fasilitator or administrator — is refused
        # (Pasal 30(2)j, issue 17).
        "PATCH": (scoped() | {"fasilitator_same": FORBIDDEN, "administrator": FORBIDDEN}, empty),
    },
    "api-document-types": {"GET": (any_login(), None)},
    "api-documents": {"GET": (listing(), None), "POST": (scoped(), upload_body)},
    "api-document-detail": {"kwargs": document_pk, "GET": (scoped(), None), "DELETE": (admin_only(), empty)},
    "api-document-content": {"kwargs": document_pk, "GET": (scoped(), None)},
    "api-document-thumbnail": {"kwargs": document_pk, "GET": (scoped(), None)},
    "api-document-verification": {"kwargs": document_pk, "POST": (verifier(), empty)},
    "api-document-reprocess": {"kwargs": document_pk, "POST": (admin_only(), empty)},
    "api-templates": {"GET": (any_login(), None)},
    "api-issued": {"GET": (listing(), None), "POST": (admin_only(), empty)},
    "api-issued-detail": {"kwargs": issued_pk, "GET": (scoped(), None)},
    "api-issued-content": {"kwargs": issued_pk, "GET": (scoped(), None)},
    "api-issued-revoke": {"kwargs": issued_pk, "POST": (admin_only(), empty)},
    "api-issued-reissue": {"kwargs": issued_pk, "POST": (admin_only(), reissue_body)},
    "api-issued-preview": {"POST": (admin_only(), empty)},
    "api-due": {"GET": (listing(), None)},
    "api-holidays": {"GET": (any_login(), None), "POST": (admin_only(), empty)},
    "api-holiday-detail": {"kwargs": lambda w: {"day": "2031-03-10"},  # not recorded: 404 once authorized
                           "DELETE": (admin_only() | {"administrator": HIDDEN}, None)},
    "api-intake-batches": {"GET": (staff_only(), None), "POST": (staff_only(), empty)},
    "api-intake-batch": {"kwargs": lambda w: {"pk": 999999}, "GET": (staff_missing(), None)},
    "api-intake-part-assign": {"kwargs": lambda w: {"pk": 999999, "index": 1}, "POST": (staff_missing(), empty)},
    "api-separator-sheets": {"GET": (staff_only(), None)},
    "api-issue-batches": {"POST": (admin_only(), empty)},
    "api-issue-batch": {"kwargs": lambda w: {"pk": w.batch.pk}, "GET": (admin_only(), None)},
    "api-verify": {"POST": (public(), empty)},  # public by design: answers only what is printed
    "api-search": {"GET": (listing(), None)},
    "api-audit": {"GET": (admin_only(), None)},
    "api-audit-export": {"GET": (admin_only(), None)},
    "api-schema": {"GET": (public(), None)},  # the API's shape, no data
    "api-docs": {"GET": (public(), None)},
    # --- Issue 8: verification queue, services, requests, drafts, data updates, notifications
    "api-verification-queue": {"GET": (own_units_list(), None)},
    "api-services": {"GET": (any_login(), None)},
    "api-service-detail": {"kwargs": lambda w: {"code": "kenaikan_pangkat"}, "GET": (any_login(), None),
                           "PATCH": (admin_only(), empty)},
    "api-service-requests": {"GET": (listing(), None), "POST": (scoped(), service_request_body)},
    "api-service-request": {"kwargs": lambda w: {"pk": w.service_request.pk}, "GET": (scoped(), None)},
    "api-service-request-submit": {"kwargs": lambda w: {"pk": w.service_request.pk}, "POST": (scoped(), empty)},
    "api-service-request-approve": {"kwargs": lambda w: {"pk": w.service_request.pk}, "POST": (admin_only(), empty)},
    "api-service-request-return": {"kwargs": lambda w: {"pk": w.service_request.pk}, "POST": (reviewer(), empty)},
    "api-service-request-forward": {"kwargs": lambda w: {"pk": w.service_request.pk}, "POST": (reviewer(), empty)},
    "api-service-request-reply": {"kwargs": lambda w: {"pk": w.service_request.pk}, "POST": (admin_only(), empty)},
    "api-notifications": {"GET": (listing(), None)},
    "api-notification-read": {"kwargs": lambda w: {"pk": w.notification.pk}, "POST": (recipient_only(), empty)},
    "api-drafts": {"GET": (admin_only(), None)},
    "api-draft-detail": {"kwargs": lambda w: {"pk": w.draft.pk}, "GET": (admin_only(), None)},
    "api-draft-issue": {"kwargs": lambda w: {"pk": w.draft.pk}, "POST": (admin_only(), empty)},
    "api-draft-discard": {"kwargs": lambda w: {"pk": w.draft.pk}, "POST": (admin_only(), empty)},
    "api-data-updates": {"GET": (listing(), None), "POST": (scoped(), data_update_body)},
    "api-data-update": {"kwargs": lambda w: {"pk": w.data_update.pk}, "GET": (scoped(), None)},
    # Collective update: fasilitators and administrators; each NIP is then checked against the caller's scope
    # (tests/services/test_collective_update_is_all_or_nothing_within_scope.py)
    "api-data-updates-collective": {"POST": ({"anonymous": UNAUTH, "employee_self": FORBIDDEN,
                                              "employee_other": FORBIDDEN, "fasilitator_same": OK,
                                              "fasilitator_other": OK, "administrator": OK}, empty)},
    "api-data-update-approve": {"kwargs": lambda w: {"pk": w.data_update.pk}, "POST": (verifier(), empty)},
    "api-data-update-return": {"kwargs": lambda w: {"pk": w.data_update.pk}, "POST": (verifier(), empty)},
    "verification-queue": {"GET": (own_units_list(anonymous=LOGIN), None)},
    # issue 18: several clean scans verified at once (an empty selection: back to the queue, 302)
    "verification-bulk": {"POST": (staff_only() | {"anonymous": LOGIN}, lambda w, role: ({}, "multipart"))},
    "api-monitoring": {"GET": (own_units_list(), None)},
    "api-monitoring-export": {"GET": (own_units_list(), None)},
    "monitoring": {"GET": (own_units_list(anonymous=LOGIN), None)},
    "monitoring-xlsx": {"GET": (own_units_list(anonymous=LOGIN), None)},  # issue 18: for people's spreadsheets
    "monitoring-csv": {"GET": (own_units_list(anonymous=LOGIN), None)},
    "services": {"GET": (listing(anonymous=LOGIN), None)},
    "service-request": {"kwargs": lambda w: {"pk": w.service_request.pk}, "GET": (scoped(anonymous=LOGIN), None)},
    "data-updates": {"GET": (own_units_list(anonymous=LOGIN), None),
                     "POST": (verifier() | {"anonymous": LOGIN}, lambda w, role: ({"update": w.data_update.pk}, "multipart"))},
    "data-update-propose": {"GET": (own_page(), None),
                            "POST": (own_page() | {"employee_other": OK}, own_proposal_body)},
    "drafts": {"GET": ({role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "administrator": OK}, None)},
    # --- Issue 11: public statistics (aggregates only, small cells suppressed)
    "api-statistics": {"GET": (public(), None)},
    "api-statistics-employees": {"GET": (public(), None)},
    "api-statistics-documents": {"GET": (public(), None)},
    "api-reconciliation-export": {"GET": (admin_only(), None)},
    "api-reconciliation-imports": {"POST": (admin_only(), empty)},
    "api-reconciliation-import": {"kwargs": lambda w: {"pk": w.reconciliation.pk}, "GET": (admin_only(), None)},
    "api-reconciliation-import-apply": {"kwargs": lambda w: {"pk": w.reconciliation.pk},
                                        "POST": (admin_only(), empty)},
    "api-quarterly-reports": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-quarterly-report": {"kwargs": lambda w: {"pk": w.report.pk}, "GET": (admin_only(), None)},
    "api-quarterly-report-content": {"kwargs": lambda w: {"pk": w.report.pk}, "GET": (admin_only(), None)},
    "quarterly-reports": {"GET": ({role: FORBIDDEN for role in ROLES} | {"anonymous": LOGIN, "administrator": OK},
                                  None)},
    # Other agencies' systems: only an agency token (Bearer, with an employees:read:<agency> scope) reads these.
    "api-agency-employees": {"GET": ({role: FORBIDDEN for role in ROLES} | {"anonymous": UNAUTH}, None)},
    "api-agency-employee": {"kwargs": lambda w: {"nip": w.employee.nip},
                            "GET": ({role: FORBIDDEN for role in ROLES} | {"anonymous": UNAUTH}, None)},
    "api-agency-tokens": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-agency-token-revoke": {"kwargs": lambda w: {"pk": w.agency_token.pk}, "POST": (admin_only(), empty)},
    # --- Web pages
    "home": {"GET": (any_login(anonymous=LOGIN), None)},
    "login": {"GET": (public(), None)},
    "logout": {"POST": (public(), empty)},
    "set_language": {"POST": (public(), language_body)},
    "healthz": {"GET": (public(), None)},
    "verify-upload": {"GET": (public(), None)},
    "verify": {"kwargs": lambda w: {"token": w.issued.token}, "GET": (public(), None)},
    "verify-page-image": {"kwargs": lambda w: {"token": w.issued.token}, "GET": (public(), None)},
    "document-upload": {"GET": (any_login(anonymous=LOGIN), None)},
    "document-detail": {"kwargs": document_pk, "GET": (scoped(anonymous=LOGIN), None)},
    # The staff view of an employee (issue 16): their unit's fasilitator and BKD; other units do not learn it exists.
    "staff-employee": {"kwargs": lambda w: {"nip": w.employee.nip}, "GET": (verifier() | {"anonymous": LOGIN}, None)},
    # issue 18: the whole file as a ZIP: the employee themself, their unit's fasilitators, BKD
    "employee-file-zip": {"kwargs": lambda w: {"nip": w.employee.nip}, "GET": (scoped(anonymous=LOGIN), None)},
    # --- Accounts (issue 10): password reset by email is for anyone; it answers the same for every caller
    "password_reset": {"GET": (public(), None), "POST": (public(), empty)},
    "password_reset_done": {"GET": (public(), None)},
    "password_reset_confirm": {"kwargs": lambda w: {"uidb64": "MQ", "token": "bukan-token"}, "GET": (public(), None)},
    "password_reset_complete": {"GET": (public(), None)},
    # Single sign-on: off unless OIDC_* are set (the matrix runs with it off: 404 for everyone)
    "sso-login": {"GET": ({role: HIDDEN for role in ROLES}, None)},
    "sso-callback": {"GET": ({role: HIDDEN for role in ROLES}, None)},
    # --- Issue 9: staff pages
    "verification-document": {"kwargs": document_pk, "GET": (verifier() | {"anonymous": LOGIN}, None),
                              "POST": (verifier() | {"anonymous": LOGIN}, empty)},
    "document-page": {"kwargs": lambda w: {"pk": w.document.pk, "number": 1}, "GET": (scoped(anonymous=LOGIN), None)},
    "search": {"GET": (own_units_list(anonymous=LOGIN), None)},
    "service-catalogue": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "holiday-calendar": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "service-create": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "due": {"GET": (any_login(anonymous=LOGIN), None)},
    "inbox": {"GET": (any_login(anonymous=LOGIN), None)},
    "notification-open": {"kwargs": lambda w: {"pk": 999999}, "POST": ({role: HIDDEN for role in ROLES}
                                                                       | {"anonymous": LOGIN}, empty)},
    "intake-batches": {"GET": (staff_only() | {"anonymous": LOGIN}, None), "POST": (staff_only() | {"anonymous": LOGIN}, empty)},
    "intake-batch": {"kwargs": lambda w: {"pk": 999999}, "GET": (staff_missing() | {"anonymous": LOGIN}, None)},
    "intake-part-image": {"kwargs": lambda w: {"pk": 999999, "index": 1},
                          "GET": (staff_missing() | {"anonymous": LOGIN}, None)},
    "service-edit": {"kwargs": lambda w: {"code": "kenaikan_pangkat"}, "GET": (admin_page(), None),
                     "POST": (admin_page(), empty)},
    "issue": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "issue-batch-new": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "issue-batch": {"kwargs": lambda w: {"pk": w.batch.pk}, "GET": (admin_page(), None)},
    "issued-list": {"GET": (admin_page(), None)},
    "issued-detail": {"kwargs": issued_pk, "GET": (admin_page(), None), "POST": (admin_page(), empty)},
    # --- Issue 9 (employee pages): upload status polling, page corners in a photo
    "api-document-status": {"kwargs": document_pk, "GET": (scoped(), None)},
    "api-page-detection": {"POST": (any_login(), empty)},  # reads the posted photo only; stores nothing
    "pwa-manifest": {"GET": (public(), None)},  # the installable app: no personal data in any of these
    "service-worker": {"GET": (public(), None)},
    "offline": {"GET": (public(), None)},
    # --- Issue 17: accounts and access
    "api-users": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-user": {"kwargs": target_user, "GET": (admin_only(), None), "PATCH": (admin_only(), empty)},
    "api-user-deactivate": {"kwargs": target_user, "POST": (admin_only(), empty)},
    "api-user-reactivate": {"kwargs": target_user, "POST": (admin_only(), empty)},
    "api-user-replace": {"kwargs": target_user, "POST": (admin_only(), empty)},
    "api-user-password-link": {"kwargs": target_user, "POST": (admin_only(), empty)},
    "api-user-otp-reset": {"kwargs": target_user, "POST": (admin_only(), empty)},
    "api-access-review": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-access-reviews": {"GET": (admin_only(), None)},
    "api-access-review-export": {"GET": (admin_only(), None)},
    "api-account-sign-out-everywhere": {"POST": (any_login(), empty)},  # one's own sessions only
    "api-contact-confirm": {"POST": (public(), empty)},  # the key from the emailed link is the proof
    "api-employee-file": {"kwargs": lambda w: {"nip": w.employee.nip}, "GET": (scoped(), None)},
    "account": {"GET": (any_login(anonymous=LOGIN), None)},
    "password_change": {"GET": (any_login(anonymous=LOGIN), None)},
    "account-sign-out-everywhere": {"POST": (any_login(anonymous=LOGIN), empty)},
    "otp-setup": {"GET": (any_login(anonymous=LOGIN), None)},
    "otp-verify": {"GET": (any_login(anonymous=LOGIN), None)},
    "contact-confirm": {"kwargs": lambda w: {"key": "bukan-kunci"}, "GET": ({role: HIDDEN for role in ROLES}, None)},
    "account-users": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "account-user": {"kwargs": target_user, "GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "access-review": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    # A collective update nobody made: staff get 404, employees 403 (the approval by a second person is
    # tests/services/test_collective_update_is_all_or_nothing_within_scope.py)
    "api-collective-update": {"kwargs": no_collective, "GET": (staff_only_unknown(), None)},
    "api-collective-update-approve": {"kwargs": no_collective, "POST": (staff_only_unknown(), empty)},
    "api-collective-update-return": {"kwargs": no_collective, "POST": (staff_only_unknown(), empty)},
    "api-collective-update-decree": {"kwargs": no_collective, "GET": (staff_only_unknown(), None)},
    # --- Issue 26: the official's signing queue (each login sees and signs only for the officials it signs
    # for: the queue lists nothing for others, and signing answers 400 to the empty body before 403), SI-ASN
    "api-signing-queue": {"GET": (any_login(), None), "POST": (admin_only(), empty)},
    "api-signing-queue-sign": {"POST": (any_login(), empty)},
    "signing-queue": {"GET": (any_login(anonymous=LOGIN), None), "POST": (any_login(anonymous=LOGIN), empty)},
    "api-siasn-pulls": {"POST": (admin_only(), empty)},
    "api-siasn-pull": {"kwargs": siasn_pull, "GET": (admin_only(), None)},
    "api-siasn-pull-resume": {"kwargs": siasn_pull, "POST": (admin_only(), empty)},

    # --- Issue 25: data governance (releases, consent, reference data, data requests, retention, incidents, help)
    "api-statistics-releases": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-statistics-release-approve": {"kwargs": lambda w: {"pk": 999999}, "POST": (admin_missing(), empty)},
    "api-statistics-release-withdraw": {"kwargs": lambda w: {"pk": 999999}, "POST": (admin_only(), empty)},
    "api-consents": {"GET": (employees_only(), None), "POST": (employees_only(), empty)},
    "api-consent-withdraw": {"kwargs": lambda w: {"pk": 999999},
                             "POST": (employees_only() | {"employee_self": HIDDEN, "employee_other": HIDDEN}, empty)},
    "api-reference-agencies": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-reference-agency-change": {"kwargs": lambda w: {"code": w.employee.unit.agency.code},
                                    "POST": (admin_only(), empty)},
    "api-reference-units": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-reference-unit-change": {"kwargs": lambda w: {"code": w.employee.unit.code}, "POST": (admin_only(), empty)},
    "api-organisation-events": {"GET": (admin_only(), None)},
    "api-employee-unit-history": {"kwargs": lambda w: {"nip": w.employee.nip}, "GET": (admin_only(), None)},
    "api-reference-document-types": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-reference-document-type": {"kwargs": lambda w: {"code": "ktp"}, "PATCH": (admin_only(), empty)},
    "api-positions": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-formations": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-data-requests": {"GET": (admin_only(), None), "POST": (admin_only(), lambda w, r: ({}, "multipart"))},
    "api-data-request": {"kwargs": lambda w: {"pk": 999999}, "GET": (admin_missing(), None)},
    "api-data-request-letter": {"kwargs": lambda w: {"pk": 999999}, "GET": (admin_missing(), None)},
    "api-data-request-decide": {"kwargs": lambda w: {"pk": 999999}, "POST": (admin_only(), empty)},
    "api-data-request-answer-token": {"kwargs": lambda w: {"pk": 999999}, "POST": (admin_only(), empty)},
    "api-data-request-answer-export": {"kwargs": lambda w: {"pk": 999999},
                                       "POST": (admin_only(), lambda w, r: ({}, "multipart"))},
    "api-retention-rules": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-retention-items": {"GET": (admin_only(), None)},
    "api-retention-decide": {"kwargs": lambda w: {"pk": 999999}, "POST": (admin_only(), empty)},
    "api-deleted-documents": {"GET": (admin_only(), None)},
    "api-deleted-document-restore": {"kwargs": lambda w: {"pk": 999999}, "POST": (admin_only(), empty)},
    "api-incidents": {"GET": (admin_only(), None), "POST": (admin_only(), empty)},
    "api-incident-close": {"kwargs": lambda w: {"pk": 999999}, "POST": (admin_only(), empty)},
    "api-questions": {"GET": (listing(), None), "POST": (employees_only(), empty)},
    "api-question-answer": {"kwargs": lambda w: {"pk": 999999}, "POST": (staff_only() | {
        "employee_self": FORBIDDEN, "employee_other": FORBIDDEN}, empty)},
    "governance-desk": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "governance-reference": {"GET": (admin_page(), None), "POST": (admin_page(), empty)},
    "consents": {"GET": (employees_only() | {"anonymous": LOGIN}, None),
                 "POST": (employees_only() | {"anonymous": LOGIN}, empty)},
    "help": {"GET": (any_login(anonymous=LOGIN), None), "POST": (any_login(anonymous=LOGIN), empty)},
}


def _walk(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry.name or (prefix + str(entry.pattern)), prefix + str(entry.pattern)


def routes() -> list[tuple[str, str]]:
    """(name, pattern) of every route the project serves, read from the URL configuration now."""
    return list(_walk(get_resolver()))


def routes_without_a_rule() -> list[str]:
    return [f"{name} ({pattern})" for name, pattern in routes() if name not in RULES]


def test_every_route_has_a_rule():
    missing = routes_without_a_rule()
    assert not missing, ("routes without an authorization rule in tests/security/test_authorization_matrix.py "
                         "(add one saying who may call them): " + ", ".join(missing))


def test_a_route_added_without_a_rule_is_named(settings):
    settings.ROOT_URLCONF = "tests.security.urlconf_with_a_new_route"
    assert routes_without_a_rule() == ["api-new-thing (api/v1/new-thing/<int:pk>/)"]


def test_every_rule_names_a_real_route():
    names = {name for name, _ in routes()}
    assert not set(RULES) - names, f"rules for routes that no longer exist: {sorted(set(RULES) - names)}"


def _secrets(world) -> list[str]:
    return [world.employee.nip, world.employee.nama, world.version.sha256, world.issued.number, world.issued.sha256]


def _client(world, role, path):
    from rest_framework.test import APIClient

    from accounts.services.tokens import api_token_create

    user = world.users[role]
    if path.startswith("/api/v1/"):
        client = APIClient()
        if user is not None:
            _token, key = api_token_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client
    client = APIClient() if path.startswith("/api/") else Client()
    if user is not None:
        client.force_login(user)
    return client


def _judge(expected: str, response, secrets: list[str]) -> str | None:
    """None when the answer is what the rule says, else what was wrong."""
    status = response.status_code
    streaming = getattr(response, "streaming", False)
    body = b"".join(response.streaming_content) if streaming else response.content
    text = body.decode("utf-8", "replace")
    leaked = [s for s in secrets if s and s in text]
    if expected == OK:
        if status in (401, 403, 404, 405) or status >= 500:
            return f"expected to be allowed, got {status}: {text[:200]}"
        return None
    if expected == BLIND:
        if status != 200:
            return f"expected 200 without the target's data, got {status}"
        return f"leaks {leaked}" if leaked else None
    if expected == LOGIN:
        if status != 302 or reverse("login") not in response["Location"]:
            return f"expected a redirect to the login page, got {status}"
        return None
    if status != int(expected):
        return f"expected {expected}, got {status}: {text[:200]}"
    if leaked:
        return f"answered {status} but leaks {leaked}"
    return None


def test_every_route_answers_every_role_as_its_rule_says(world, django_capture_on_commit_callbacks):
    failures, checked = [], 0
    secrets = _secrets(world)
    for name, pattern in routes():
        rule = RULES.get(name)
        if rule is None:
            continue  # test_every_route_has_a_rule names it
        path = reverse(name, kwargs=rule["kwargs"](world) if "kwargs" in rule else None)
        for method, (expectations, body) in ((m, r) for m, r in rule.items() if m != "kwargs"):
            assert set(expectations) == set(ROLES), f"{name} {method}: the rule must cover every role"
            for role in ROLES:
                client = _client(world, role, path)
                data, fmt = body(world, role) if body else (None, None)
                call = getattr(client, method.lower())
                if fmt == "json":
                    response = call(path, data, format="json") if hasattr(client, "credentials") \
                        else call(path, data, content_type="application/json")
                elif fmt == "multipart":
                    response = call(path, data, format="multipart") if hasattr(client, "credentials") \
                        else call(path, data)
                else:
                    response = call(path)
                checked += 1
                # What the caller sent may be echoed back ("no employee with NIP … in your access"): not a leak.
                sent = {str(v) for v in (data or {}).values() if isinstance(v, str)}
                problem = _judge(expectations[role], response, [s for s in secrets if s not in sent])
                if problem:
                    failures.append(f"{method} {path} [{name}] as {role}: {problem}")
    assert not failures, f"{len(failures)} of {checked} checks failed:\n" + "\n".join(failures)
    assert checked >= 6 * len(RULES)
