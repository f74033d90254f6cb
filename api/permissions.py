from rest_framework.permissions import BasePermission

from people.models import Role
from archive.selectors import user_role


class IsAdministrator(BasePermission):
    def has_permission(self, request, view):
        return user_role(request.user) == Role.ADMINISTRATOR


class IsFasilitatorOrAdministrator(BasePermission):
    def has_permission(self, request, view):
        return user_role(request.user) in (Role.FASILITATOR, Role.ADMINISTRATOR)
