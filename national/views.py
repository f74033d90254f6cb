"""Pages of the national integration: the official's signing queue (one passphrase for a batch)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from national.selectors import officials_signing_as, signing_queue_of
from national.services.officials import SigningRefused
from national.services.signing_queue import signing_queue_sign


@login_required
def signing_queue_page(request):
    """The decrees waiting for the officials this login signs for; the passphrase is typed once for
    the ticked ones (a password field, never kept: not in the session, not in a log)."""
    officials = officials_signing_as(request.user)
    error = None
    if request.method == "POST" and officials:
        chosen = [o for o in officials if str(o.pk) == request.POST.get("official", str(officials[0].pk))]
        ids = [int(i) for i in request.POST.getlist("requests") if i.isdigit()]
        if not chosen:
            error = _("Choose the official you sign for.")
        elif not ids:
            error = _("Tick the decrees to sign.")
        else:
            try:
                result = signing_queue_sign(actor=request.user, official=chosen[0],
                                            passphrase=request.POST.get("passphrase", ""), request_ids=ids)
            except SigningRefused as refusal:
                error = refusal.message
            else:
                count = len(result["signed"])
                messages.success(request, ngettext("%(count)s decree signed.", "%(count)s decrees signed.", count)
                                 % {"count": count})
                for failed in result["failed"]:
                    messages.error(request, failed["detail"])
                return redirect("signing-queue")
    return render(request, "national/signing_queue.html",
                  {"officials": officials, "waiting": signing_queue_of(request.user), "error": error},
                  status=400 if error else 200)
