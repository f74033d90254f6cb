"""An approved data update of a field SI-ASN's API accepts (email, phone, address) is sent to SI-ASN
with a client-credentials token and the answer kept and audited; a field the API does not take is
recorded as not supported, never sent; an update not yet approved is refused."""
import uuid

import pytest

from archive.models import AuditEvent
from desk.models import DataUpdate
from people.models import Employee
from national.models import SiasnPush
from national.services.siasn import SiasnRefused, siasn_push_data_update

pytestmark = pytest.mark.django_db


def _update(employee, field, value, status=DataUpdate.Status.APPROVED):
    return DataUpdate.objects.create(employee=employee, field=field, value=value, status=status,
                                     collective=uuid.uuid4())


def test_push_sends_what_the_api_takes(siasn_world, users):
    service, nips, _ = siasn_world
    employee = Employee.objects.get(nip=nips[3])
    push = siasn_push_data_update(actor=users["admin"], update=_update(employee, "email", "pegawai3@jatimprov.go.id"))
    assert push.status == SiasnPush.Status.SENT and push.answer["code"] == 1
    assert service.updates == [{"nipBaru": employee.nip, "email": "pegawai3@jatimprov.go.id"}]

    other = siasn_push_data_update(actor=users["admin"], update=_update(employee, "jabatan", "Kepala Seksi"))
    assert other.status == SiasnPush.Status.NOT_SUPPORTED and len(service.updates) == 1
    assert AuditEvent.objects.filter(action="siasn.push").count() == 2

    with pytest.raises(SiasnRefused):
        siasn_push_data_update(actor=users["admin"], update=_update(employee, "phone", "0811",
                                                                    status=DataUpdate.Status.PROPOSED))
