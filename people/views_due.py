"""The due list page: what is due for each role (people.selectors_due), with a link to settle it."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from people.models import Role
from archive.selectors import user_role
from people.selectors_due import DECREE_OF_KIND, DUE_KINDS, due_items

KIND_LABELS = {"gaji_berkala": "Kenaikan gaji berkala", "kenaikan_pangkat": "Kenaikan pangkat",
               "pensiun": "Pensiun (BUP)", "pengangkatan_pns": "Pengangkatan CPNS menjadi PNS",
               "perpanjangan_pppk": "Perpanjangan perjanjian kerja PPPK", "incomplete_file": "Berkas belum lengkap"}


@login_required
def due_page(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in DUE_KINDS else None
    raw = request.GET.get("within_days", "90")
    within = int(raw) if raw.isascii() and raw.isdigit() and int(raw) <= 3650 else 90
    items = due_items(request.user, kind=kind, within_days=within)
    return render(request, "archive/due.html", {
        "items": items[:500], "total": len(items), "kind": kind or "", "within": within,
        "kinds": [(k, KIND_LABELS[k]) for k in DUE_KINDS], "labels": KIND_LABELS,
        "issue_template": DECREE_OF_KIND.get(kind or "") if user_role(request.user) == Role.ADMINISTRATOR else None})
