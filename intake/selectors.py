"""Reads of intake batches: a fasilitator sees the batches they sent, an administrator all."""
from django.db.models import QuerySet

from people.models import Role
from archive.selectors import user_role
from intake.models import IntakeBatch


def intake_batches_visible_to(user) -> QuerySet[IntakeBatch]:
    role = user_role(user)
    if role == Role.ADMINISTRATOR:
        return IntakeBatch.objects.all()
    if role == Role.FASILITATOR:
        return IntakeBatch.objects.filter(uploaded_by=user)
    return IntakeBatch.objects.none()
