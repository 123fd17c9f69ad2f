"""Findings stored before newuser15 F5 copied the provisions of parts 四–七 with an unfinished note (“条号待核”), which
the drafting department then read in the annotated Word. They now cite the part as the rule files do: the same
words, without the placeholder. Only these four exact texts change; every other finding is untouched."""

from django.db import migrations

SHORT = "《整治形式主义为基层减负若干规定》"
# Frozen copies (old → new) of review/rules/_provisions.yaml P4SEC, P5APP, P6DUTY and P7DEMO.
FIXED = {
    f"{SHORT}第四部分“规范借调干部”（上级机关原则上不得从县及以下单位借调干部；条号待核）":
        f"{SHORT}第四部分“规范借调干部”（上级机关、单位原则上不得从县及以下单位借调干部）",
    f"{SHORT}第五部分“规范政务移动互联网应用程序管理”（不得强制推广下载，不得设置打卡等强制功能；条号待核）":
        f"{SHORT}第五部分“规范政务移动互联网应用程序管理”（不得强制推广下载使用，除安保、应急等特殊场景外不得设置打卡等强制功能）",
    f"{SHORT}第六部分“规范明晰基层权责”（条号待核）": f"{SHORT}第六部分“规范明晰基层权责”",
    f"{SHORT}第七部分“规范创建示范和达标活动”（条号待核）": f"{SHORT}第七部分“规范创建示范和达标活动”",
}


def forward(apps, schema_editor):
    Finding = apps.get_model("review", "Finding")
    for old, new in FIXED.items():
        Finding.objects.filter(provision=old).update(provision=new)


class Migration(migrations.Migration):
    dependencies = [("review", "0003_manual_findings_group")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
