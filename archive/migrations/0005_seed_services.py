from django.db import migrations


def seed(apps, schema_editor):
    from desk.catalogue import seed_services

    seed_services(apps.get_model("archive", "Service"), apps.get_model("archive", "ServiceRequirement"),
                  apps.get_model("archive", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_service_requests")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
