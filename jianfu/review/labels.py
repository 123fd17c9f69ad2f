"""Names of the document review's audit actions as people say them (jianfu.core.labels)."""

ACTION_LABELS = {
    "review.finding.add": "补充审查意见",
    "review.finding.dismiss": "排除审查意见",
    "review.finding.restore": "恢复审查意见",
}


def _rule_name(rule_id: str) -> str | None:
    """A review rule named as the review page names it (the audit log showed "rule_id：BR-DOC-02", newuser23 #5): a
    catalogue rule by its name, a county's own rule by the name in its definition; None when no rule has the id."""
    from jianfu.review.engine.rules import load_catalogue
    from jianfu.review.models import RuleOverride

    for rule in load_catalogue().rules:
        if rule.id == rule_id:
            return f"{rule.name}（{rule_id}）"
    for definition in RuleOverride.objects.filter(rule_id=rule_id, definition__isnull=False).values_list(
            "definition", flat=True)[:1]:
        if isinstance(definition, dict) and definition.get("name"):
            return f"{definition['name']}（{rule_id}）"
    return None


VALUE_NAMERS = {"rule_id": _rule_name}


def _review(object_id: str, text: str) -> str | None:
    """Review.__str__ "<title> v<n>" (the audit record adds "：<conclusion>（<score>）"): the version as 第n版, as the
    review pages say it (newuser24 #1)."""
    import re

    found = re.fullmatch(r"(.+) v(\d+)((?:：.*)?)", text, flags=re.S)
    return f"{found[1]}（第{found[2]}版）{found[3]}" if found else None


OBJECT_NAMERS = {"review.review": _review}
