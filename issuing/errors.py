"""What issuing refuses with: a decree that cannot be issued, and the words for its problems.

Its own module so the numbering, the record's rules and the signing officials can refuse without
importing the issuing service that calls them."""
from django.utils.translation import gettext as _

from archive.services.errors import Refused


class IssuingRefused(Refused):
    """A request that cannot be issued; `errors` maps each bad field to what is wrong."""

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message, errors=errors)


def refusal_message(problems: dict[str, str]) -> str:
    return _("This decree cannot be issued: %(problems)s") % {
        "problems": "; ".join(f"{k}: {v}" for k, v in problems.items())}
