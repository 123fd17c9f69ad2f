"""security28 #1: the stored masks of ID numbers lose their last four (`core.pii.mask_id_number`), on the persons and in
the change history (`FieldChange` of `id_number`). The new mask is the first four characters and a star for every
other: computed from the stored mask itself, no number is decrypted."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr

MASKED = 9  # masks of 8 characters or fewer were all stars already


def _remask(qs, column):
    for length in set(qs.annotate(n=Length(column)).filter(n__gte=MASKED).values_list("n", flat=True)):
        qs.annotate(n=Length(column)).filter(n=length).update(
            **{column: Concat(Substr(F(column), 1, 4), Value("*" * (length - 4)))}
        )


def forwards(apps, schema_editor):
    Person = apps.get_model("registry", "Person")
    FieldChange = apps.get_model("registry", "FieldChange")
    _remask(Person.objects.exclude(id_number_masked=""), "id_number_masked")
    changes = FieldChange.objects.filter(field="id_number")
    _remask(changes.exclude(old_value=""), "old_value")
    _remask(changes.exclude(new_value=""), "new_value")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_form_content_key"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
