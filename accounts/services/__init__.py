"""Writes for accounts and access. One module per concern:

    state      deactivate / reactivate, read-only, "sign out everywhere" (the session epoch)
    tokens     API tokens: made at login, hashed, expiring, revoked
    login      who a login name means (username or NIP, NFKC + casefold) and the lockout
    users      user management: create, role and units, replace a fasilitator, reset link
    contact    the user's own email/phone change, confirmed by a link
    review     the access review sign-off
    status     the account follows the employee's status (pensiun, meninggal, pindah keluar)
    otp        TOTP two-factor (django-otp)
"""
from accounts.services.status import account_follow_employee_status  # noqa: F401  (called by the record)
