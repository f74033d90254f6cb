"""Every API error is {"detail": "...", "code": "..."} with a fitting status."""
import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy
from rest_framework import exceptions, status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler

from documents.image_work import ImageWorkBusy
from archive.services.errors import Refused
from documents.storage.base import CorruptObject, ObjectMissing, StorageUnavailable

log = logging.getLogger(__name__)


class ServiceUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = gettext_lazy("The service is unavailable for the moment; try again in a little while.")
    default_code = "service_unavailable"


class UnsupportedFile(APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_code = "unsupported_file_type"


class FileTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "file_too_large"


class InvalidInput(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_input"


class StoredFileDamaged(APIException):
    """A stored object failed its integrity check or is gone: the reader learns that, not its key."""
    status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
    default_code = "integrity_error"


def stored_file_damaged_message() -> str:
    return gettext("The stored file is damaged or missing; contact the BKD administrator (integrity check).")


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return "; ".join(_flatten(v) if k in ("non_field_errors", "detail") else f"{k}: {_flatten(v)}"
                         for k, v in detail.items())
    if isinstance(detail, list):
        return " ".join(_flatten(d) for d in detail)
    return str(detail)


def exception_handler(exc, context):
    """DRF's handler, reshaped to {"detail", "code"} (+ "errors" per field, + any `extra`).
    A service's refusal and unreachable storage need no try/except in the views: they are
    answered here (400/403/409 from the refusal's code, 503 for storage)."""
    if isinstance(exc, Refused):
        exc = refusal_error(exc)
    elif isinstance(exc, StorageUnavailable):
        exc = ServiceUnavailable()
    elif isinstance(exc, ImageWorkBusy):
        busy = ServiceUnavailable(gettext("The server is busy reading other images; try again in a few seconds."),
                                  code="busy")
        response = exception_handler(busy, context)
        response["Retry-After"] = str(exc.retry_after)
        return response
    elif isinstance(exc, (CorruptObject, ObjectMissing)):
        log.error("stored object failed its integrity check: %s", exc)  # the key is for the log only
        exc = StoredFileDamaged(stored_file_damaged_message())
    elif isinstance(exc, Http404):
        # get_object_or_404's message is English and names the model ("No IssuedDocument matches the
        # given query."): answer the plain, translated "not found" instead
        exc = exceptions.NotFound()
    elif isinstance(exc, DataError) and ("NUL" in str(exc) or "\\u0000" in str(exc)):
        # the last line behind archive.input_guard: a NUL byte that reached the database
        exc = InvalidInput(gettext("The request contains a character that is not allowed (NUL byte)."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Http404):
        code = "not_found"
    elif isinstance(exc, DjangoPermissionDenied):
        code = "permission_denied"
    elif isinstance(exc, exceptions.ValidationError):
        code = "invalid"
    else:
        codes = exc.get_codes() if isinstance(exc, APIException) else None
        code = codes if isinstance(codes, str) else getattr(exc, "default_code", "error")
    data = response.data
    body = {"detail": _flatten(data), "code": code}
    if isinstance(data, dict) and set(data) != {"detail"}:
        body["errors"] = data
    body.update(getattr(exc, "extra", None) or {})
    response.data = body
    return response


def refusal_error(refusal) -> APIException:
    """A service's Refused -> {"detail", "code", ...extra} with a fitting status."""
    if refusal.code == "conflict":
        error = Conflict(detail=refusal.message)
    elif refusal.code == "forbidden":
        error = exceptions.PermissionDenied(detail=refusal.message)
    elif refusal.code == "unavailable":
        error = ServiceUnavailable(detail=refusal.message)
    else:
        error = exceptions.ValidationError(refusal.errors or refusal.message)
    error.extra = {"detail": refusal.message, "code": refusal.code, **refusal.extra}
    return error
