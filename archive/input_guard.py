"""Input that no view can use is refused at the edge, in one place (issue 22).

PostgreSQL text cannot hold a NUL byte: a NUL in a path, a query parameter, a form field or a JSON
string reached the database and came back as a 500. Nothing legitimate carries one, so the request is
refused: a 400 in the API's error shape ({"detail", "code": "invalid_input"}) under /api/, a plain page
elsewhere. Files are bytes and may hold anything.

Numbers in query parameters go through `query_int`: `str.isdigit()` accepts "²" and "①", which
`int()` then refuses.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, unquote_to_bytes

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

NUL = "\x00"


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def url_has_nul(request) -> bool:
    """The path (already percent-decoded by the server) or the raw query string, once decoded."""
    return NUL in request.path_info or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", ""))


def body_has_nul(request) -> bool:
    """A NUL in a JSON string or key, an url-encoded field, or a multipart text field (files may hold anything)."""
    if request.method in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return False
    content_type = (request.META.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        if b"\x00" in body:
            return True
        if b"\\u0000" not in body:
            return False
        try:
            return _has_nul(json.loads(body))
        except ValueError:
            return False  # not JSON: the view's parser answers that
    if content_type == "application/x-www-form-urlencoded":
        body = request.body
        return b"\x00" in body or any(NUL in k or NUL in v for k, v in parse_qsl(body.decode("latin-1"),
                                                                                 keep_blank_values=True))
    if content_type == "multipart/form-data":
        return any(NUL in key or any(NUL in value for value in request.POST.getlist(key)) for key in request.POST)
    return False


def invalid_input_response(request, message: str):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "invalid_input"}, status=400)
    return render(request, "errors/400.html", {"message": message}, status=400)


def _nul_message() -> str:
    return gettext("The request contains a character that is not allowed (NUL byte).")


class InputGuardMiddleware:
    """Path and query string before any view. Bodies: for web forms and the two logins (whose lockout
    looks the username up before the view runs). Other API views read their bodies through serializers,
    whose CharField refuses NUL, and ignore fields they do not know; what still reaches the database is
    answered 400 by api.errors (a NUL there is a DataError). An upload's size is checked before its
    body is read, so API multipart bodies are not parsed here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if url_has_nul(request):
            return invalid_input_response(request, _nul_message())
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        is_api_view = hasattr(view_func, "cls") and hasattr(view_func, "initkwargs")
        match = request.resolver_match
        if is_api_view and not (match and match.url_name == "api-token"):
            return None
        if body_has_nul(request):
            return invalid_input_response(request, _nul_message())
        return None


def query_int(value: str | None, *, minimum: int = 1) -> int | None:
    """A positive whole number written in ASCII digits, or None (absent or not such a number)."""
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if number >= minimum else None
