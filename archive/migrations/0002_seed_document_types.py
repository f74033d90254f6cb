from django.db import migrations


def seed(apps, schema_editor):
    from documents.catalogue import seed_document_types

    seed_document_types(apps.get_model("archive", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
