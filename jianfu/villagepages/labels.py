"""Names of the village pages' audit actions as people say them (jianfu.core.labels): services._audit writes
villagepages.list.<verb> for the 服务群众事项清单."""

ACTION_LABELS = {
    "villagepages.list.create": "新建服务清单修改稿",
    "villagepages.list.update": "保存服务清单",
    "villagepages.list.submit": "提交服务清单审核",
    "villagepages.list.withdraw": "撤回服务清单",
    "villagepages.list.supersede": "旧版服务清单被替换",
    "villagepages.list.approve": "审核通过并公开服务清单",
    "villagepages.list.return": "退回服务清单",
}

# The keys its audit records' changes use beyond the model's own fields
FIELD_LABELS = {
    "villagepages.servicelist": {"copied_from": "复制自版本", "items": "事项数"},
}


def _service_list(object_id: str, text: str) -> str | None:
    """ServiceList.__str__ "<village code> v<n>" as 曲木村委会服务群众事项清单（第2版） (newuser24 #1)."""
    import re

    from jianfu.core.labels import unit_name

    found = re.fullmatch(r"(\d{12}) v(\d+)", text)
    return f"{unit_name(found[1])}服务群众事项清单（第{found[2]}版）" if found else None


OBJECT_NAMERS = {"villagepages.servicelist": _service_list}
