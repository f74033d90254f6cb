"""Login bookkeeping: a new session carries the account's current session epoch, so "sign out
everywhere" and deactivation end every session made before (accounts.middleware)."""
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.middleware import EPOCH_KEY


@receiver(user_logged_in, dispatch_uid="accounts.session_epoch")
def _session_epoch(sender, request, user, **kwargs):
    from accounts.services.state import account_state

    if request is not None and hasattr(request, "session"):
        request.session[EPOCH_KEY] = account_state(user).session_epoch
