"""Findings the office added by hand with only a rule group, before newuser13 V06, were all named 减负办人工认定 (no
group) and repeated the office's note as the 建议. They now read as newer ones do: named 减负办人工认定·<group>, the
group taken from their rule id (MANUAL-<GROUP>) where the row lacks it, and the note kept once, as 说明 (`reason`).
Findings citing a rule, the engine's findings, and group-only findings already named by their group are untouched."""

from django.db import migrations

# Frozen copy of engine.rules.GROUPS as of this migration (a migration must not follow later edits of the code).
GROUPS = {
    "DOC": "文件",
    "MTG": "会议",
    "INS": "督查检查考核",
    "SEC": "借调干部",
    "APP": "政务App与工作群",
    "DUTY": "基层权责",
    "DEMO": "创建示范与评比",
    "VAN": "政绩工程",
}
OLD_NAME = "减负办人工认定"


def name_manual_findings_by_group(apps, schema_editor):
    Finding = apps.get_model("review", "Finding")
    changed = []
    for f in Finding.objects.filter(origin="reviewer", rule_id__startswith="MANUAL-").iterator():
        group = f.rule_id.removeprefix("MANUAL-")
        if group not in GROUPS:
            continue
        fields = {}
        if f.group != group:
            fields["group"] = group
        if f.rule_name == OLD_NAME:
            fields["rule_name"] = f"{OLD_NAME}·{GROUPS[group]}"
        if f.suggestion and f.suggestion == f.reason:
            fields["suggestion"] = ""
        if fields:
            for name, value in fields.items():
                setattr(f, name, value)
            changed.append(f)
    Finding.objects.bulk_update(changed, ["group", "rule_name", "suggestion"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0002_finding_decisions"),
    ]

    operations = [
        migrations.RunPython(name_manual_findings_by_group, migrations.RunPython.noop),
    ]
