from decimal import Decimal

from django.db import migrations

# the maximum every integer definition made before bounds gets (fix-left17): an age up to 150, anything else up to
# 10^9. Stored values are not touched: the attribute page lists those the bounds refuse, for the county to correct.
AGE_MAXIMUM = Decimal("150")
OTHER_MAXIMUM = Decimal("1000000000")


def state_the_bounds(apps, schema_editor):
    Definition = apps.get_model("registry", "AttributeDefinition")
    for definition in Definition.objects.filter(type="integer", maximum=None):
        age = "年龄" in definition.label or "岁" in definition.label or definition.key == "age" or \
            definition.key.endswith("_age")
        Definition.objects.filter(pk=definition.pk).update(maximum=AGE_MAXIMUM if age else OTHER_MAXIMUM)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0006_attribute_decimal_bounds'),
    ]

    operations = [
        migrations.RunPython(state_the_bounds, migrations.RunPython.noop),
    ]
