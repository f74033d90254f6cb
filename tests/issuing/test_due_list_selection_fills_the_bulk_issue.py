"""The administrator ticks employees on the due list (e.g. salary steps due) and issues for the
selection: the bulk issue page opens with the template chosen and one line per ticked employee."""
import re

import pytest

pytestmark = pytest.mark.django_db


def test_selection_from_the_due_list(client, users):
    client.force_login(users["admin"])
    due = client.get("/jatuh-tempo/?kind=gaji_berkala&within_days=3650").content.decode()
    nips = re.findall(r'name="nip" value="(\d{18})"', due)
    assert len(nips) >= 2 and 'action="/terbitkan/massal/"' in due and 'name="template" value="kgb"' in due
    page = client.get("/terbitkan/massal/", {"template": "kgb", "nip": nips[:2]}).content.decode()
    rows = re.search(r'<textarea id="rows"[^>]*>(.*?)</textarea>', page, re.S)[1].strip().splitlines()
    assert rows[0].startswith("nip,") and [line.split(",")[0] for line in rows[1:]] == nips[:2]

    client.force_login(users["fasilitator"])  # only the administrator issues
    assert 'name="nip"' not in client.get("/jatuh-tempo/?kind=gaji_berkala&within_days=3650").content.decode()
