"""Names of the direct line's audit actions as people say them (jianfu.core.labels). Only handlers'
and the system's actions are audited: a reporter never is."""

ACTION_LABELS = {
    "directline.digest.send": "发送直通车待办汇总",
    "directline.handler.enrol": "登记为直通车办理人",
    "directline.handler.invite": "邀请直通车办理人",
    "directline.handler.revoke": "撤销直通车办理人",
    "directline.handler.unlock": "解锁直通车密钥",
    "directline.handler.unlock_failed": "直通车密钥解锁失败",
    "directline.key.create": "生成县级直通车密钥",
    "directline.report.ask": "追问直通车反映人",
    "directline.report.refer": "转交直通车反映",
    "directline.report.to_finding": "直通车反映转为减负问题",
    "directline.report.to_rule": "直通车反映转为减负规则",
    "directline.key.rotate_start": "开始更换县级直通车密钥",
    "directline.key.rotate_resume": "继续更换县级直通车密钥",
    "directline.key.rotate_finish": "完成更换县级直通车密钥（旧私钥已销毁）",
}

# the key rotation's old/new are the county key's fingerprints (elsewhere old/new are 原值/新值, mend24 #4)
ACTION_FIELD_LABELS = {
    "directline.key.rotate_start": {"old": "原密钥指纹", "new": "新密钥指纹"},
    "directline.key.rotate_finish": {"new": "新密钥指纹"},
}


# --- audit objects named as people say them (newuser24 #1: "县减负办 @ 450521000000") -------------------------------
def _slot(object_id: str, text: str) -> str | None:
    """A handler's slot, HandlerSlot.__str__ "<account> @ <county code>": the account as 合浦县直通车办理人."""
    from jianfu.core.labels import unit_name

    account, sep, code = text.rpartition(" @ ")
    return f"{unit_name(code)}直通车办理人：{account}" if sep and code.isdigit() else None


def _county_key(object_id: str, text: str) -> str | None:
    """CountyKey.__str__ "<county code> <fingerprint>": the fingerprint is kept — it is the number handlers are told
    to check on the unlock page, so it is what an auditor compares."""
    from jianfu.core.labels import unit_name

    code, sep, fingerprint = text.partition(" ")
    return f"{unit_name(code)}直通车密钥（编号 {fingerprint}）" if sep and code.isdigit() else None


OBJECT_NAMERS = {"directline.handlerslot": _slot, "directline.countykey": _county_key}
