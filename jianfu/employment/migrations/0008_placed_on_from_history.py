"""就业日期 (placed_on) becomes the day of the latest move into work from looking for it, read from the status history:
a person taken in already working, or moved from 灵活就业 to 已就业 only, has none. The 一表同享 element 本期重点群体新实现就业人数
counts by it, as the dashboard counts from the history (session 11)."""

from django.db import migrations
from django.db.models import Max

LOOKING = ("unemployed", "referred", "interviewing")
WORKING = ("employed", "flexible")


def placed_on_from_history(apps, schema_editor):
    KeyPerson = apps.get_model("employment", "KeyPerson")
    StatusChange = apps.get_model("employment", "StatusChange")
    latest = dict(StatusChange.objects.filter(from_status__in=LOOKING, to_status__in=WORKING)
                  .values_list("key_person_id").annotate(day=Max("on")).values_list("key_person_id", "day"))
    changed = []
    for kp in KeyPerson.objects.only("pk", "placed_on").iterator():
        day = latest.get(kp.pk)
        if kp.placed_on != day:
            kp.placed_on = day
            changed.append(kp)
    KeyPerson.objects.bulk_update(changed, ["placed_on"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("employment", "0007_posting_import_confirm_and_withdraw"),
    ]

    operations = [
        migrations.RunPython(placed_on_from_history, migrations.RunPython.noop),
    ]
