"""Findings stored before session 33 (mend33) kept citations whose text says nothing of what their rule flags: the
copy-paste rule (BR-DOC-06) cited article 2 with its 5000/4000-character length rule, and three others cited an
article's or a measure's clause on another matter. They now read as the rule files cite them. Only a finding of
that rule holding that exact old text changes: BR-DOC-01 keeps article 2's length rule, every other finding is
untouched."""

from django.db import migrations

SHORT = "《整治形式主义为基层减负若干规定》"
PUBLISHED = "中共中央办公厅、国务院办公厅，2024年8月印发，2025年8月6日公开"
# Frozen copies: rule id → (old provision, new provision, new source) — review/rules/_provisions.yaml P2 → P2C,
# P1 → P1D, P8 → P8V, DEMO2022 → DEMO2022N.
FIXED = {
    "BR-DOC-06": (
        f"{SHORT}第2条（地方和部门文件一般不超过5000字，部署专项工作的一般不超过4000字）",
        f"{SHORT}第2条（提升文件质量，坚持“短实新”文风）；地方减负规定（与上级文件重复超过50%的文稿予以退回）",
        f"{PUBLISHED}；地方减负规定"),
    "BR-DOC-04": (
        f"{SHORT}第1条（严控文件数量）",
        f"{SHORT}第1条（议事协调机构、部门和单位不得向下级党委和政府发指令性公文，也不得在公文中提指令性要求）",
        PUBLISHED),
    "BR-INS-09": (
        f"{SHORT}第8条（不得频繁要求基层填表报材料；不把批示、媒体刊发、开会发文、拍照留痕、学习笔记作为评判标准）",
        f"{SHORT}第8条（上级到地方督查检查考核调研，不得动辄要求见主要负责同志）",
        PUBLISHED),
    "BR-DEMO-07": (
        "《创建示范活动管理办法（试行）》（仅中央和省级党政机关、市县党委政府经批准可开展；不得收费）",
        "《创建示范活动管理办法（试行）》（名称中使用“国家”“中国”“中华”“全国”“亚洲”“全球”“世界”等字样须经批准）；"
        "十部门2023年规范论坛活动的通知（论坛名称不随意冠以“中国”“全国”“国际”“世界”“峰会”“高峰”等字样）",
        "中共中央办公厅、国务院办公厅，2022年4月20日；十部门，2023年"),
}


def forward(apps, schema_editor):
    Finding = apps.get_model("review", "Finding")
    for rule_id, (old, new, source) in FIXED.items():
        Finding.objects.filter(rule_id=rule_id, provision=old).update(provision=new, source=source)


class Migration(migrations.Migration):
    dependencies = [("review", "0008_version_reference")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
