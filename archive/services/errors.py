"""What a service raises when it will not act: one shape the API turns into an answer.

Messages are made with gettext when the refusal is raised, so they are in the language active then:
the request's (LocaleMiddleware), or Indonesian (settings.LANGUAGE_CODE) outside a request — Celery
tasks run in it whatever thread runs them (config.celery.DefaultLanguageTask). The msgids are English;
locale/id holds the Indonesian, word for word what the API has always answered.
"""
from django.utils.translation import gettext, gettext_noop

from ocr.nip import InvalidNip, parse_nip


class Refused(Exception):
    """`code` picks the HTTP status (invalid 400, conflict 409, forbidden 403); `errors` names bad
    fields; `extra` is added to the error body (e.g. the missing documents)."""

    def __init__(self, message: str, *, code: str = "invalid", errors: dict | None = None, **extra):
        super().__init__(message)
        self.message, self.code, self.errors, self.extra = message, code, errors or {}, extra


# The libraries without Django (signing.templates.FieldProblem, ocr.nip.InvalidNip) word their problems
# in Indonesian and name each by a stable code with its values; here the same in the active language.
# locale/id reproduces the libraries' own words (tests/issuing/test_library_problems_read_the_same_in_indonesian.py).
FIELD_PROBLEMS = {
    "required": gettext_noop("must be filled in"),
    "text_required": gettext_noop("must be filled in (text)"),
    "too_long": gettext_noop("at most %(max_length)s characters"),
    "not_a_date": gettext_noop("must be an ISO date (YYYY-MM-DD)"),
    "not_money": gettext_noop("must be an amount in rupiah"),
    "money_unreadable": gettext_noop("must be an amount in rupiah, e.g. 4123400"),
    "money_not_positive_whole": gettext_noop("must be a positive whole amount in rupiah"),
    "not_integer": gettext_noop("must be a whole number"),
    "too_small": gettext_noop("at least %(min)s"),
    "too_large": gettext_noop("at most %(max)s"),
    "not_pangkat": gettext_noop('must be a rank and grade (golongan/ruang), e.g. "Penata, III/c"'),
    "not_golongan": gettext_noop('must be a rank and grade (golongan/ruang), e.g. "Penata, III/c", or a PPPK '
                                 'golongan, e.g. "Golongan IX"'),
    "not_a_choice": gettext_noop("must be one of: %(choices)s"),
    "not_an_image": gettext_noop("must be a JPEG or PNG image file"),
    "image_too_large": gettext_noop("an image of at most %(max)s megapixels"),
    "nip_not_18_digits": gettext_noop("must be 18 digits"),
    "nip_bad_birth_date": gettext_noop("the first eight digits must be a birth date"),
    "nip_bad_sex_digit": gettext_noop("digit 15 (sex) must be 1 or 2"),
    "not_an_object": gettext_noop("must be an object"),
    "unknown_field": gettext_noop("not a field of this template"),
    "before": gettext_noop("may not be before %(other)s"),
}
NIP_PROBLEMS = {
    "not_digits": gettext_noop("A NIP may contain digits only."),
    "wrong_length": gettext_noop("A NIP has %(expected)s digits; this one has %(given)s."),
    "bad_birth_date": gettext_noop("The first 8 digits of the NIP (%(digits)s) are not a valid birth date."),
    "bad_appointment_month": gettext_noop("Digits 9–14 of the NIP (%(digits)s) are not a valid appointment "
                                          "month (TMT)."),
    "appointment_before_adult": gettext_noop("The appointment month (TMT) in the NIP falls before the age of 18; "
                                             "check the NIP."),
    "appointment_in_future": gettext_noop("The appointment month (TMT) in the NIP is in the future."),
    "bad_sex_digit": gettext_noop("Digit 15 of the NIP must be 1 (male) or 2 (female)."),
    "sex_mismatch": gettext_noop("The sex digit of the NIP does not match the employee's record."),
}


def problem_text(problem: ValueError) -> str:
    """A library's problem (FieldProblem, InvalidNip) in the active language; its own words when its code
    is not known here (or it is a plain ValueError)."""
    known = NIP_PROBLEMS if isinstance(problem, InvalidNip) else FIELD_PROBLEMS
    msgid = known.get(getattr(problem, "code", None))
    if msgid is None:
        return str(problem)
    try:
        return gettext(msgid) % getattr(problem, "params", {})
    except (KeyError, TypeError, ValueError):  # the library names other values than it used to
        return str(problem)


def nip_problem(nip: str) -> InvalidNip | None:
    """What makes `nip` impossible as a NIP (too short, letters, no birth date in it …), or None when
    it is well formed: a lookup that finds no one says which it was."""
    try:
        parse_nip(nip)
    except InvalidNip as exc:
        return exc
    return None
