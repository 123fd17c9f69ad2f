"""Names of the document review's audit actions as people say them (jianfu.core.labels)."""

ACTION_LABELS = {
    "review.finding.add": "补充审查意见",
    "review.finding.dismiss": "排除审查意见",
    "review.finding.restore": "恢复审查意见",
}


def _rule_names(rule_ids: set[str]) -> dict[str, str]:
    """Review rules named as the review page names them (the audit log showed "rule_id：BR-DOC-02", newuser23 #5): a
    catalogue rule by its name, a county's own rule by the name in its definition; an id no rule has is left out.
    One query for all of them (mend24 #4: the audit log's page asked once per row)."""
    from jianfu.review.engine.rules import load_catalogue
    from jianfu.review.models import RuleOverride

    names = {rule.id: f"{rule.name}（{rule.id}）" for rule in load_catalogue().rules if rule.id in rule_ids}
    rest = set(rule_ids) - set(names)
    if rest:
        for rule_id, definition in RuleOverride.objects.filter(rule_id__in=rest, definition__isnull=False).order_by(
                "pk").values_list("rule_id", "definition"):
            if rule_id not in names and isinstance(definition, dict) and definition.get("name"):
                names[rule_id] = f"{definition['name']}（{rule_id}）"
    return names


def _rule_name(rule_id: str) -> str | None:
    from jianfu.core.labels import lookup

    name = lookup("review.rule", rule_id)
    return str(name) if name else None


VALUE_NAMERS = {"rule_id": _rule_name}
NAME_FETCHERS = {"review.rule": _rule_names}


def _review(object_id: str, text: str) -> str | None:
    """Review.__str__ "<title> v<n>" (the audit record adds "：<conclusion>（<score>）"): the version as 第n版, as the
    review pages say it (newuser24 #1)."""
    import re

    found = re.fullmatch(r"(.+) v(\d+)((?:：.*)?)", text, flags=re.S)
    return f"{found[1]}（第{found[2]}版）{found[3]}" if found else None


OBJECT_NAMERS = {"review.review": _review}
