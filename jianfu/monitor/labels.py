"""Names of 减负监测's audit actions as people say them (jianfu.core.labels)."""

ACTION_LABELS = {
    "monitor.finding.record": "登记问题线索",
    "monitor.findings.evaluate": "按规则核查台账",
    "monitor.notice.case_add": "添加通报案例",
    "monitor.notice.case_delete": "删除通报案例",
    "monitor.notice.case_rectify": "更新案例整改情况",
    "monitor.notice.case_update": "修改通报案例",
    "monitor.notice.create": "新增典型问题通报",
    "monitor.notice.delete": "删除典型问题通报",
    "monitor.notice.update": "修改典型问题通报",
    "monitor.notice.demo_load": "载入演示通报",
    "monitor.rule.create": "新增本地规则",
    "monitor.rule.delete": "删除本地规则",
    "monitor.rule.toggle": "启用或停用规则",
    "monitor.rule.update": "修改本地规则",
    "monitor.rules.seed": "载入《若干规定》规则",
}

# The ledgers' rows are audited as monitor.<ledger kind>.<verb> (services.ledger_create and its kin): one name per
# ledger (models.LedgerKind), or the generic rules would call the 发文台账 a 送审文件 and leave the rest bare.
_LEDGERS = {"document": "发文台账", "meeting": "会议台账", "inspection": "督查检查考核台账", "app": "政务应用台账",
            "secondment": "借调台账", "plaque": "村级牌子台账", "activity": "创建示范与节庆展会论坛台账",
            "demand": "村级工作事项与证明台账"}
_LEDGER_VERBS = {"create": "登记", "update": "修改", "delete": "删除", "import": "导入"}
ACTION_LABELS.update({f"monitor.{kind}.{verb}": f"{verb_label}{ledger}"
                      for kind, ledger in _LEDGERS.items() for verb, verb_label in _LEDGER_VERBS.items()})
# A finding moved to a status (services._finding_move writes monitor.finding.<FindingStatus>)
ACTION_LABELS.update({"monitor.finding.open": "重新打开减负问题", "monitor.finding.confirmed": "确认减负问题",
                      "monitor.finding.dismissed": "排除减负问题", "monitor.finding.rectified": "标记减负问题已整改"})
