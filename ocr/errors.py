"""The one exception of the package: a file it cannot analyse, with a stable code."""
from __future__ import annotations

CODES = (
    "unreadable",
    "encrypted",
    "unsupported_type",
    "too_many_pages",
    "too_many_pixels",
    "content_too_large",
    "too_small",
    "too_large",
    "page_timeout",
    "empty",
)


class OcrError(Exception):
    """`code` is stable (see CODES) for programs; `message` is for people (Indonesian + English)."""

    def __init__(self, code: str, message: str):
        if code not in CODES:
            raise ValueError(f"unknown OcrError code {code!r}")
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.code, self.message))

    @property
    def message_id(self) -> str:
        """The Indonesian half of `message` (it reads "Indonesian / English")."""
        return self.message.split(" / ", 1)[0]

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}
