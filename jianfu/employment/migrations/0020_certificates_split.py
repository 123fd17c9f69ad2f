"""Certificate lists stored before every door split what was typed: a seeker's 技能证书 or a posting's 证书要求 holding
"C1、C2" (or "C1,C2", "C1/C2") as one value — or the whole field one string — become the list new input of the same
words gives, read by the parser new input uses (`parsing.certificates`; a posting's required list of
`parsing.required_certificates`). A part the parser cannot read is kept as written (`parsing.certificates_resplit`).

Each changed row's `updated_at` moves: the matcher's seeker index and the county's text model are found under
checksums of `updated_at` (`matchsvc.scope_stamp`, `_postings_stamp`), so a stored index built from the joined value is
not served after it.

Backwards this changes nothing (`RunPython.noop`), on purpose: which values were once one string is not recorded, and
joining them again would give back the value the matcher and the lists misread; the split list is what the app has
always written. Migrating back past 0020 is allowed and leaves the split lists."""

from django.db import migrations


def split_joined_certificates(apps, schema_editor):
    from django.utils import timezone

    from jianfu.employment import parsing

    def required(text):
        return parsing.required_certificates(text)[0]

    now = timezone.now()
    for name, read in (("SeekerProfile", parsing.certificates), ("Posting", required)):
        model = apps.get_model("employment", name)
        changed = []   # read through first, written after: no write while SQLite's cursor is open on the table
        for pk, stored in model.objects.order_by("pk").values_list("pk", "certificates").iterator():
            split = parsing.certificates_resplit(stored, read)
            if split is not None and split != stored:
                changed.append((pk, split))
        for pk, split in changed:
            model.objects.filter(pk=pk).update(certificates=split, updated_at=now)


class Migration(migrations.Migration):

    dependencies = [
        ("employment", "0019_referral_elsewhere"),
    ]

    operations = [
        migrations.RunPython(split_joined_certificates, migrations.RunPython.noop),
    ]
