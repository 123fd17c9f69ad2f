"""Names of the registry's fields as people say them (jianfu.core.labels)."""

from jianfu.registry.ledger.vocab import PERSON_FIELDS

_PERSON = {f.key: f.label for f in PERSON_FIELDS} | {"phone": "联系电话", "id_number": "身份证号"}

FIELD_LABELS = {
    "registry.person": _PERSON,
    "registry.household": {"number": "户编号", "address": "住址", "grid_code": "网格", "head": "户主"},
    "registry.organisation": {"credit_code": "统一社会信用代码", "grid_code": "网格"},
}
ACTION_LABELS = {
    "registry.id_number.clash": "身份证号已在他村登记，本村导入被拒",
    "registry.import.dismiss": "移除导入失败的台账批次",
    "registry.import.purge": "删除30天前导入失败的台账批次",
    "registry.import.refuse": "放弃无法读取的上传文件",
    "registry.import.rejected_export": "下载被拒绝的行",
    "registry.import.revalidate": "重新校验中断的导入",
    "registry.keys.rotate": "轮换加密密钥",
    "registry.household.member": "调整户成员",
    "registry.generate": "生成模拟人员、户和单位数据",
}


def _generated(object_id: str, text: str) -> str | None:
    """registry.generate's object "synthetic <county code>" as 合浦县模拟数据 (newuser24 #1)."""
    from jianfu.core.labels import unit_name

    word, sep, code = text.partition(" ")
    return f"{unit_name(code)}模拟数据" if word == "synthetic" and code.isdigit() else None


OBJECT_NAMERS = {"registry": _generated}
