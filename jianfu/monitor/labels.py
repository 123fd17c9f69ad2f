"""Names of 减负监测's audit actions as people say them (jianfu.core.labels)."""

ACTION_LABELS = {
    "monitor.finding.record": "登记问题线索",
    "monitor.findings.evaluate": "按规则核查台账",
    "monitor.notice.case_add": "添加通报案例",
    "monitor.notice.demo_load": "载入演示通报",
    "monitor.rules.seed": "载入《若干规定》规则",
}
