"""The help channel (Pasal 10(3)b): an employee asks their unit's fasilitator about a document, a request or
anything in their file; the fasilitators are notified and one answers."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee
from archive.services.audit import audit_record
from notifications.services.notifications import notification_send, users_of_employee
from governance.models import Question
from governance.services.errors import GovernanceRefused


def question_ask(*, actor, employee: Employee, text: str, about: str = "") -> Question:
    from django.contrib.auth import get_user_model

    text = (text or "").strip()
    if not text:
        raise GovernanceRefused(_("Write your question."), errors={"text": _("must be filled in")})
    fasilitators = get_user_model().objects.filter(profile__role="fasilitator", profile__units=employee.unit_id,
                                                   is_active=True)
    with transaction.atomic():
        question = Question.objects.create(employee=employee, asked_by=actor, about=about, text=text)
        audit_record(actor=actor, action="question.ask", target=f"question:{question.pk}",
                     details={"employee": employee.nip, "about": about})
        notification_send(recipients=fasilitators, kind="question",
                          message=_("%(name)s asks: %(text)s") % {"name": employee.nama, "text": text[:200]},
                          target=about or f"question:{question.pk}")
    return question


def question_answer(*, actor, question: Question, answer: str) -> Question:
    answer = (answer or "").strip()
    if not answer:
        raise GovernanceRefused(_("Write the answer."), errors={"answer": _("must be filled in")})
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.answered_at is not None:
            raise GovernanceRefused(_("This question is answered already."), code="conflict")
        question.answer, question.answered_by, question.answered_at = answer, actor, timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at"])
        audit_record(actor=actor, action="question.answer", target=f"question:{question.pk}")
        notification_send(recipients=users_of_employee(question.employee), kind="question_answered",
                          message=_("Your question was answered: %(text)s") % {"text": answer[:200]},
                          target=question.about or f"question:{question.pk}")
    return question
