"""User management by BKD administrators: create a login, change its role and units, hand a
fasilitator's units to another login in one step, send a reset link to the address on record.

No manager sets or changes anyone's password, email or phone (Pergub Jatim 73/2020 Pasal 30(2)j;
Babel Pasal 27(2)j): a new login gets a password nobody knows and a link to set their own at the
address on record; an attempt to write those fields is refused (403) and audited."""
from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.services.state import AccountRefused, require_administrator, sessions_end
from people.models import Employee, Role, Unit, UserProfile
from archive.services.audit import audit_record
from ocr.nip import normalize_nip

CREDENTIAL_FIELDS = ("password", "email", "phone")


def credential_change_refuse(*, actor, target: str, fields, via: str = "api") -> AccountRefused:
    """Audit a manager's attempt to write someone's credentials and return the refusal to raise.
    The audit entry is committed on its own, so it stays when the request answers 403."""
    audit_record(actor=actor, action="credentials.change_refused", target=target,
                 details={"fields": sorted(fields), "via": via})
    return AccountRefused(_("No manager may change a user's password, email or phone number; the user changes "
                            "them, or a reset link goes to the address on record."), code="forbidden")


def _units(unit_codes) -> list[Unit]:
    unit_codes = list(dict.fromkeys(unit_codes or []))
    units = list(Unit.objects.filter(code__in=unit_codes))
    missing = sorted(set(unit_codes) - {u.code for u in units})
    if missing:
        raise AccountRefused(_("Unknown unit(s): %(units)s.") % {"units": ", ".join(missing)},
                             errors={"units": _("unknown")})
    return units


def _check_role(role: str, units: list, employee) -> None:
    if role not in Role.values:
        raise AccountRefused(_("Unknown role %(role)s; choose one of: %(roles)s.") % {
            "role": repr(role), "roles": ", ".join(Role.values)}, errors={"role": _("unknown")})
    if role == Role.FASILITATOR and not units:
        raise AccountRefused(_("A fasilitator must be given at least one unit."), errors={"units": _("required")})
    if role == Role.EMPLOYEE and employee is None:
        raise AccountRefused(_("A login with the employee role needs the NIP of a registered employee."),
                             errors={"nip": _("required")})


def _employee(nip: str | None):
    if not nip:
        return None
    employee = Employee.objects.filter(nip=normalize_nip(nip)).first()
    if employee is None:
        raise AccountRefused(_("No employee has NIP %(nip)s.") % {"nip": nip}, errors={"nip": _("unknown")})
    return employee


def account_create(*, actor, username: str, role: str, nip: str | None = None, unit_codes=(), email: str = "",
                   send_link: bool = True):
    """A new login; its owner sets the password through the link sent to the address on record (the
    employee record's email, or `email` for a login that is no employee)."""
    from accounts.services.login import identifier_clean

    require_administrator(actor)
    User = get_user_model()
    username = identifier_clean(username)
    if not username or len(username) > 150:
        raise AccountRefused(_("Fill in the username (at most 150 characters)."), errors={"username": _("required")})
    if User.objects.filter(username__iexact=username).exists():
        raise AccountRefused(_("The username %(username)s is already taken.") % {"username": repr(username)},
                             code="conflict", errors={"username": _("taken")})
    employee, units = _employee(nip), _units(unit_codes)
    _check_role(role, units, employee)
    if employee is not None and UserProfile.objects.filter(employee=employee).exists():
        raise AccountRefused(_("This employee already has a login."), code="conflict", errors={"nip": _("taken")})
    user = User(username=username, email=(email or "").strip())
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise AccountRefused(" ".join(exc.messages), errors=exc.message_dict) from None
    with transaction.atomic():
        user.set_password(secrets.token_urlsafe(32))  # nobody knows it: the owner sets their own via the link
        user.is_staff = role == Role.ADMINISTRATOR
        user.save()
        profile = UserProfile.objects.create(user=user, role=role, employee=employee)
        profile.units.set(units)
        audit_record(actor=actor, action="user.create", target=username,
                     details={"role": role, "nip": employee.nip if employee else None,
                              "units": sorted(u.code for u in units), "via": "user_management"})
    if send_link:
        password_link_send(actor=actor, user=user)
    return user


def account_update(*, actor, user, role: str | None = None, unit_codes=None, nip: str | None = None) -> UserProfile:
    """Change role and/or units (and, for the employee role, which employee). Before and after are audited."""
    require_administrator(actor)
    profile = UserProfile.objects.filter(user=user).select_related("employee").first()
    role = role or (profile.role if profile else None)
    units = _units(unit_codes) if unit_codes is not None else (list(profile.units.all()) if profile else [])
    employee = _employee(nip) if nip else (profile.employee if profile else None)
    if role != Role.FASILITATOR:
        units = []  # only a fasilitator's scope is its units
    _check_role(role, units, employee)
    if actor.pk == user.pk and role != Role.ADMINISTRATOR:
        raise AccountRefused(_("You cannot take the administrator role from yourself."), code="forbidden")
    with transaction.atomic():
        profile, _created = UserProfile.objects.select_for_update(no_key=True).get_or_create(
            user=user, defaults={"role": role, "employee": employee})
        before = {"role": profile.role, "nip": profile.employee.nip if profile.employee else None,
                  "units": sorted(profile.units.values_list("code", flat=True))}
        profile.role, profile.employee = role, employee
        profile.save(update_fields=["role", "employee"])
        profile.units.set(units)
        user.is_staff = role == Role.ADMINISTRATOR
        user.save(update_fields=["is_staff"])
        after = {"role": role, "nip": employee.nip if employee else None, "units": sorted(u.code for u in units)}
        audit_record(actor=actor, action="user.role_change", target=user.get_username(),
                     details={"before": before, "after": after})
    return profile


def fasilitator_replace(*, actor, user, replacement, reason: str) -> UserProfile:
    """Hand every unit of fasilitator `user` to `replacement` in one step. The replacement becomes a
    fasilitator (keeping their link to their own employee record, if any) with those units added; the
    one replaced keeps no units: back to the employee role when they are an employee, else deactivated."""
    from accounts.services.state import user_deactivate

    require_administrator(actor)
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise AccountRefused(_("Write the reason for the replacement."), errors={"reason": _("must be filled in")})
    old = UserProfile.objects.filter(user=user).first()
    if old is None or old.role != Role.FASILITATOR:
        raise AccountRefused(_("Only a fasilitator can be replaced."), errors={"user": _("not a fasilitator")})
    if replacement.pk == user.pk or not replacement.is_active:
        raise AccountRefused(_("Choose another, active login as the replacement."),
                             errors={"replacement": _("not usable")})
    with transaction.atomic():
        old = UserProfile.objects.select_for_update(no_key=True).get(pk=old.pk)
        units = list(old.units.all())
        new, _created = UserProfile.objects.select_for_update(no_key=True).get_or_create(
            user=replacement, defaults={"role": Role.FASILITATOR})
        if new.role == Role.ADMINISTRATOR:
            raise AccountRefused(_("An administrator already sees every unit; choose a fasilitator or an employee."),
                                 errors={"replacement": _("administrator")})
        before_new = {"role": new.role, "units": sorted(new.units.values_list("code", flat=True))}
        new.role = Role.FASILITATOR
        new.save(update_fields=["role"])
        new.units.add(*units)
        old.units.clear()
        if old.employee_id:
            old.role = Role.EMPLOYEE
            old.save(update_fields=["role"])
        audit_record(actor=actor, action="user.fasilitator_replace", target=user.get_username(),
                     details={"replacement": replacement.get_username(), "units": sorted(u.code for u in units),
                              "replacement_before": before_new, "reason": reason})
        if not old.employee_id:
            user_deactivate(actor=actor, user=user, reason=_("Replaced as fasilitator: %(reason)s") % {
                "reason": reason})
        else:
            sessions_end(user=user, actor=actor, reason="fasilitator_replaced")
    return new


def password_link_send(*, actor, user) -> bool:
    """An administrator's only way to help with a password: a reset link to the address on record.
    Returns whether a link was queued (False: no address on record)."""
    from notifications.mail import email_address_of
    from accounts.services.password_reset import password_reset_request

    require_administrator(actor)
    address = email_address_of(user)
    audit_record(actor=actor, action="user.password_link", target=user.get_username(),
                 details={"sent": bool(address and user.is_active)})
    if not address or not user.is_active:
        return False
    password_reset_request(identifier=user.get_username(), request=None)
    return True
