import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    """Every employee gets a first status period: their appointment type from the TMT in their NIP,
    and, for those already retired or gone, that status from the last time their row changed."""
    Employee = apps.get_model("archive", "Employee")
    StatusPeriod = apps.get_model("archive", "StatusPeriod")
    later = {"pensiun": "pensiun", "berhenti": "diberhentikan"}
    for employee in Employee.objects.all().iterator():
        nip = employee.nip
        try:
            since = dt.date(int(nip[8:12]), int(nip[12:14]), 1)
        except ValueError:
            since = employee.created_at.date()
        kind = (employee.status_kepegawaian or "PNS").lower()
        StatusPeriod.objects.create(employee=employee, status=kind, effective_from=since, reason="Data awal pegawai")
        status = kind
        if employee.status_aktif in later:
            status = later[employee.status_aktif]
            StatusPeriod.objects.create(employee=employee, status=status,
                                        effective_from=max(since, employee.updated_at.date()), reason="Data awal pegawai")
        Employee.objects.filter(pk=employee.pk).update(status=status)


class Migration(migrations.Migration):
    dependencies = [("archive", "0012_employee_record")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
