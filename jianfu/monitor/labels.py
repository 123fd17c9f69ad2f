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


# --- audit objects and values named as people say them (newuser24 #1) ---------------------------------------------
def _finding(object_id: str, text: str) -> str | None:
    """A finding: "P5A-APP-FILING：…" by its rule's name ("未备案的政务应用程序：…"), the rule code only when no rule
    has it; a year's evaluation ("450521000000 2025") as 合浦县 2025年."""
    import re

    from jianfu.core.labels import lookup, unit_name

    evaluation = re.fullmatch(r"(\d{12}) (\d{4})", text)
    if evaluation:
        return f"{unit_name(evaluation[1])} {evaluation[2]}年"
    code, sep, summary = text.partition("：")
    if sep and re.fullmatch(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+", code):
        name = lookup("monitor.rule", code)
        return f"{name}：{summary}" if name else None
    return None


def _finding_by_id(finding_id: str) -> str | None:
    """A finding named by its summary (the audit log said 减负问题：324)."""
    from jianfu.core.labels import lookup

    summary = lookup("monitor.finding", finding_id) if finding_id.isdigit() else None
    if summary is None:
        return None
    return f"{summary[:40]}{'…' if len(summary) > 40 else ''}（第 {finding_id} 号）"


def _rule_by_code(code: str) -> str | None:
    from jianfu.core.labels import lookup

    name = lookup("monitor.rule", code)
    return f"{name}（{code}）" if name else None


def _rule_names(codes: set[str]) -> dict[str, str]:
    """Rules by name ({code: name}), one query for a page of audit records (NAME_FETCHERS)."""
    from jianfu.monitor.models import Rule

    names: dict[str, str] = {}
    for code, name in Rule.objects.filter(code__in=codes).order_by("pk").values_list("code", "name"):
        names.setdefault(code, name)
    return names


def _finding_summaries(ids: set[str]) -> dict[str, str]:
    """Findings by summary ({id: summary}), one query for a page of audit records (NAME_FETCHERS)."""
    from jianfu.monitor.models import Finding

    return {str(pk): summary for pk, summary in Finding.objects.filter(
        pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "summary")}


OBJECT_NAMERS = {"monitor.finding": _finding}
VALUE_NAMERS = {"finding": _finding_by_id, "rule": _rule_by_code}
NAME_FETCHERS = {"monitor.rule": _rule_names, "monitor.finding": _finding_summaries}
VALUE_LABELS = {("source", "directline"): "基层减负直通车", ("source", "demo"): "演示数据"}


def _skipped_rows(duplicates: dict) -> list[str]:
    """The rows a ledger import skipped as duplicates (services.LedgerImport, kept under "duplicates"): their count and
    which, in the words of the import's own notice (services.skipped_rows_text) — the audit log showed "in_ledger []，
    in_file []" (newuser30 #1). The counts kept beside the lists, which hold the first 1,000 of each (fix-cr30: a
    1,500-row re-import said 1000); records from before them: the lists' lengths."""
    from jianfu.monitor.services import skipped_rows_text

    in_ledger = [n for n in duplicates.get("in_ledger") or [] if isinstance(n, int)]
    in_file = [(pair[0], pair[1]) for pair in duplicates.get("in_file") or [] if isinstance(pair, list) and len(pair) == 2]
    counts = {key: value if isinstance(value := duplicates.get(f"{key}_count"), int) else len(rows)
              for key, rows in (("in_ledger", in_ledger), ("in_file", in_file))}
    count = duplicates.get("count")
    count = count if isinstance(count, int) else counts["in_ledger"] + counts["in_file"]
    which = skipped_rows_text(in_ledger, in_file, in_ledger_count=counts["in_ledger"], in_file_count=counts["in_file"])
    return [f"{count}（{which}）" if which else str(count)]


NESTED_NAMERS = {(f"monitor.ledger{kind}", "duplicates"): _skipped_rows for kind in _LEDGERS}
