"""Seed the rules of the Provisions (jianfu.monitor.rules.seed) for every county."""

from django.db import migrations


def seed(apps, schema_editor):
    from jianfu.monitor.rules.seed import SEED_RULES

    Rule = apps.get_model("monitor", "Rule")
    for spec in SEED_RULES:
        Rule.objects.update_or_create(county_code="", code=spec["code"], defaults={
            "name": spec["name"], "ledger": spec["ledger"], "check_name": spec["check"],
            "threshold": spec.get("threshold"), "params": spec.get("params", {}), "citation": spec["citation"],
            "scope": spec.get("scope", ""), "severity": spec["severity"], "enabled": spec.get("enabled", True)})


def unseed(apps, schema_editor):
    apps.get_model("monitor", "Rule").objects.filter(county_code="").delete()


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
