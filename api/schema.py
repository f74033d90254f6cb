"""The OpenAPI schema says what the API really answers (issue 22): clients generated from it — the way
other agencies integrate — must not break on an answer it does not document.

- Every operation documents its error answers, all in the one shape of api.errors
  ({"detail", "code"[, "errors"]}): 400 invalid input, 401 no or bad credentials, 403 not allowed,
  404 not found (also a page past the end), 429 throttled, 503 storage unreachable; operations with
  a body also 409, 413 and 415.
- An operation anyone may call lists "no authentication" among its security requirements.
"""
from drf_spectacular.openapi import AutoSchema

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error: a readable `detail` (Indonesian unless Accept-Language asks otherwise) and a "
                   "stable `code`; `errors` names each bad field.",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail", "code"],
    "additionalProperties": True,
}
ALWAYS = {
    "400": "Invalid input (a parameter or field that cannot be used, a NUL byte).",
    "401": "No credentials, or credentials that are not valid.",
    "403": "The caller may not do this.",
    "404": "Not found, or not visible to the caller; also a page past the end of a list.",
    "429": "Too many requests; try again later.",
    "503": "Archive storage cannot be reached now; try again later.",
}
WITH_BODY = {
    "409": "Conflicts with the current state (e.g. already decided).",
    "413": "The file is too large.",
    "415": "The body's media type or the file's type is not accepted.",
}
HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}


class BerkasAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        public = any(getattr(permission, "allows_anonymous", False) for permission in self.view.get_permissions())
        if public and {} not in auths:
            auths.append({})
        return auths


NO_NUL = "^[^\\x00]*$"


def _files_are_not_empty(node) -> None:
    """A file of no bytes is no document, scan or letter: every upload refuses one (400 or 415 by type), so
    every binary field says `minLength: 1`."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "binary":
            node.setdefault("minLength", 1)
        for value in node.values():
            _files_are_not_empty(value)
    elif isinstance(node, list):
        for value in node:
            _files_are_not_empty(value)


def _no_nul_in_strings(node) -> None:
    """Text never holds a NUL byte (PostgreSQL cannot store one; archive.input_guard refuses it): every
    free string in the schema says so, so a generated client or fuzzer does not send one as valid."""
    if isinstance(node, dict):
        if (node.get("type") == "string" and not {"pattern", "format", "enum"} & set(node)):
            node["pattern"] = NO_NUL
        for value in node.values():
            _no_nul_in_strings(value)
    elif isinstance(node, list):
        for value in node:
            _no_nul_in_strings(value)


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers of every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            wanted = {**ALWAYS, **(WITH_BODY if "requestBody" in operation else {})}
            for status, description in wanted.items():
                responses.setdefault(status, {"description": description, "content": error})
    _files_are_not_empty(result["components"]["schemas"])
    _no_nul_in_strings(result.get("paths", {}))
    _no_nul_in_strings(result["components"]["schemas"])
    return result
