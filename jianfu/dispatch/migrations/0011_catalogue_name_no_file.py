"""mend23a: a catalogue version loaded from a county's own YAML file was named after the file ("职责清单（hepu.yaml）"),
which the event page showed dispatchers. Such names become "职责清单" (the name a file without a title now gets); the
file's name stays in the load's audit record. Reversing leaves the names as they are."""

import re

from django.db import migrations

FILE_NAMED = re.compile(r"职责清单（[^（）]+\.ya?ml）", re.IGNORECASE)


def rename(apps, schema_editor):
    CatalogueVersion = apps.get_model("dispatch", "CatalogueVersion")
    for pk, name in CatalogueVersion.objects.filter(name__startswith="职责清单（").values_list("pk", "name"):
        if FILE_NAMED.fullmatch(name):
            CatalogueVersion.objects.filter(pk=pk).update(name="职责清单")


class Migration(migrations.Migration):

    dependencies = [
        ("dispatch", "0010_form_content_key"),
    ]

    operations = [
        migrations.RunPython(rename, migrations.RunPython.noop),
    ]
