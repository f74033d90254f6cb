from django.db import migrations


def seed(apps, schema_editor):
    from archive.catalogue import DOCUMENT_TYPES

    DocumentType = apps.get_model("archive", "DocumentType")
    for code, name, supports, per_entry in DOCUMENT_TYPES:
        DocumentType.objects.update_or_create(
            code=code, defaults={"name": name, "supports": supports, "per_history_entry": per_entry})


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
