"""What a service raises when it will not act: one shape the API turns into an answer."""


class Refused(Exception):
    """`code` picks the HTTP status (invalid 400, conflict 409, forbidden 403); `errors` names bad
    fields; `extra` is added to the error body (e.g. the missing documents)."""

    def __init__(self, message: str, *, code: str = "invalid", errors: dict | None = None, **extra):
        super().__init__(message)
        self.message, self.code, self.errors, self.extra = message, code, errors or {}, extra
