"""The status history carries the person's 登记失业人员 group (as it carries their village), so that 一表同享's
失业人员再就业人数 is counted from the history (session 13): filled here from each person's record."""

from django.db import migrations, models


def copy_from_person(apps, schema_editor):
    StatusChange = apps.get_model("employment", "StatusChange")
    StatusChange.objects.filter(key_person__is_registered_unemployed=True).update(is_registered_unemployed=True)


class Migration(migrations.Migration):

    dependencies = [
        ("employment", "0009_posting_import_skip_duplicates"),
    ]

    operations = [
        migrations.AddField(
            model_name="statuschange",
            name="is_registered_unemployed",
            field=models.BooleanField(default=False, verbose_name="登记失业人员"),
        ),
        migrations.RunPython(copy_from_person, migrations.RunPython.noop),
    ]
