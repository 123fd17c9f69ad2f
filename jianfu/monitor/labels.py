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
