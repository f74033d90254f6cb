"""Request-level security: login lockout, the audit of reads of personal data, and the
Content-Security-Policy header on every answer."""
from __future__ import annotations

import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from accounts.services import logins as accounts  # noqa: F401  (connects the login audit receivers)
from archive.selectors import user_role
from archive.services.audit import audit_record

LOGIN_ROUTES = {"login", "api-token"}


def _posted_username(request) -> str:
    if request.content_type == "application/json":
        try:
            return str(json.loads(request.body or b"{}").get("username") or "")
        except (ValueError, AttributeError):
            return ""
    return request.POST.get("username", "")


class LoginLockoutMiddleware:
    """Refuses a login (web form or API token) for an account or an address that failed too often
    (accounts.services.login), before the password is even checked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.url_name not in LOGIN_ROUTES:
            return None
        username = _posted_username(request)
        lock = accounts.login_lock(username, accounts.client_ip(request))
        if not lock.locked:
            return None
        message = accounts.lock_message(lock)
        if match.url_name == "api-token":
            response = JsonResponse({"detail": message, "code": "login_locked"}, status=429)
        else:
            response = render(request, "registration/login.html", {"locked_message": message}, status=429)
        response["Retry-After"] = str(lock.minutes_left * 60)
        return response


# Reads of personal data that are audited here (route name -> action, how to name the target).
# Downloads of a scan's bytes are audited in the view itself (action document.download).
AUDITED_READS = {
    "api-employee-detail": ("employee.view", lambda kw: f"employee:{kw['nip'].replace(' ', '')}"),
    "api-document-detail": ("document.view", lambda kw: f"document:{kw['pk']}"),
    "document-detail": ("document.view", lambda kw: f"document:{kw['pk']}"),
    "api-document-thumbnail": ("document.preview", lambda kw: f"document:{kw['pk']}"),
    "document-page": ("document.preview", lambda kw: f"document:{kw['pk']}"),
    "verification-document": ("document.view", lambda kw: f"document:{kw['pk']}"),
    "api-issued-detail": ("issued.view", lambda kw: f"issued:{kw['pk']}"),
    "api-issued-content": ("issued.download", lambda kw: f"issued:{kw['pk']}"),
}


# Lists, searches, queues and exports that show staff personal data (route name -> action): one entry
# per request, with the filter it was asked with (issue 22). An employee's reads of their own file are
# not listed here; agency tokens' reads are audited as agency_token.use.
AUDITED_LIST_READS = {
    "api-employees": "employee.list",
    "api-documents": "document.list",
    "api-issued": "issued.list",
    "api-search": "document.search",
    "search": "document.search",
    "api-verification-queue": "verification_queue.view",
    "verification-queue": "verification_queue.view",
    "api-data-updates": "data_update.list",
    "data-updates": "data_update.list",
    "api-service-requests": "service_request.list",
    "api-due": "due.list",
    "due": "due.list",
    "api-intake-batches": "intake.list",
    "intake-batches": "intake.list",
    "api-audit-export": "audit.export",
    "api-monitoring-export": "monitoring.export",
    "api-reconciliation-export": "reconciliation.export",
}
STAFF_ROLES = ("fasilitator", "administrator")


def list_filter(request) -> dict:
    """The query a list was asked with (paging left out), each value as sent, at most 200 characters."""
    return {key: (values[0] if len(values) == 1 else values) if all(len(v) <= 200 for v in values)
            else [v[:200] for v in values]
            for key, values in request.GET.lists() if key not in ("page", "page_size")}


class AuditReadsMiddleware:
    """Every successful view or download of a personal record or document becomes an audit entry, and
    so does every staff list, search, queue or export of personal data (one entry per request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (request.method == "GET" and match is not None and match.url_name in AUDITED_READS
                and 200 <= response.status_code < 300):
            action, target = AUDITED_READS[match.url_name]
            # DRF puts the token's user on the underlying request too.
            audit_record(actor=request.user, action=action, target=target(match.kwargs),
                         details={"ip": accounts.client_ip(request), "via": "api" if match.url_name.startswith("api-")
                                  else "web"})
        elif (request.method == "GET" and match is not None and match.url_name in AUDITED_LIST_READS
                and 200 <= response.status_code < 300 and user_role(request.user) in STAFF_ROLES):
            audit_record(actor=request.user, action=AUDITED_LIST_READS[match.url_name], target="",
                         details={"filter": list_filter(request), "page": request.GET.get("page", "")[:20],
                                  "ip": accounts.client_ip(request),
                                  "via": "api" if match.url_name.startswith("api-") else "web"})
        return response


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on every answer: our own scripts, styles and images only,
    no plugins, no framing. The API docs page (Swagger UI from its CDN) gets its own policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            match = getattr(request, "resolver_match", None)
            policy = (settings.CONTENT_SECURITY_POLICY_API_DOCS if match and match.url_name == "api-docs"
                      else settings.CONTENT_SECURITY_POLICY)
            response["Content-Security-Policy"] = policy
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("X-Content-Type-Options", "nosniff")
        return response


class ChosenLanguageMiddleware:
    """The language of a page is the one the user chose (the language cookie the header's switch sets,
    kept for a year), else Indonesian — never the browser's Accept-Language: most office PCs run an
    English Windows, and their users read Indonesian. The API (/api/) still honours Accept-Language,
    an explicit choice of the program calling it. Replaces Django's LocaleMiddleware (same place)."""

    def __init__(self, get_response):
        from django.middleware.locale import LocaleMiddleware

        self.get_response = get_response
        self._locale = LocaleMiddleware(get_response)

    def __call__(self, request):
        from django.utils import translation

        if request.path_info.startswith("/api/"):
            return self._locale(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PlainNotFoundMiddleware:
    """Under DEBUG (`make run`) Django answers a path no route matches with its technical page; the
    site's own 404 page is shown instead, as in production. Only when no route matches: a view's own
    404 (an unknown verify code) passes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404:
            from django.urls import Resolver404, get_resolver

            try:
                get_resolver().resolve(request.path_info)
            except Resolver404:
                from archive.views_errors import not_found

                return not_found(request)
        return response
