"""A decree the rules refuse answers 400 and takes nothing: no number from its sequence, no document."""
from __future__ import annotations

from typing import Callable

from issuing.models import DocumentNumberSequence, IssuedDocument


def refused_taking_nothing(send: Callable) -> dict:
    """Call `send()` (a request that must be refused); assert 400 and that no number and no document were
    taken; the answer's JSON."""
    numbers = list(DocumentNumberSequence.objects.values_list("template", "last_number"))
    issued = IssuedDocument.objects.count()
    answer = send()
    assert answer.status_code == 400, answer.json()
    assert list(DocumentNumberSequence.objects.values_list("template", "last_number")) == numbers
    assert IssuedDocument.objects.count() == issued
    return answer.json()
