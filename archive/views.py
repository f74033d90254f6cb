"""Web pages. Thin: each reads through selectors and renders a template."""
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from archive.models import Role
from archive.selectors import documents_visible_to, employees_visible_to, units_visible_to, user_role


@login_required
def home(request):
    role = user_role(request.user)
    context = {"role": role}
    if role == Role.EMPLOYEE:
        employee = request.user.profile.employee
        context.update(employee=employee, documents=documents_visible_to(request.user).filter(employee=employee))
        template = "home/employee.html"
    elif role == Role.FASILITATOR:
        context.update(units=units_visible_to(request.user),
                       employee_count=employees_visible_to(request.user).count(),
                       awaiting=documents_visible_to(request.user).filter(status="awaiting_verification").count())
        template = "home/fasilitator.html"
    elif role == Role.ADMINISTRATOR:
        context.update(employee_count=employees_visible_to(request.user).count(),
                       unit_count=units_visible_to(request.user).count(),
                       document_count=documents_visible_to(request.user).count())
        template = "home/administrator.html"
    else:
        template = "home/no_role.html"
    return render(request, template, context)


def healthz(request):
    """Liveness for load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
