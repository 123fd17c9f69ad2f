"""Names of 就业帮扶's audit actions as people say them (jianfu.core.labels)."""

from collections.abc import Callable

ACTION_LABELS = {
    "employment.employer.create": "登记用人单位",
    "employment.posting.clear": "核查岗位：无歧视，重新发布",
    "employment.posting.expire": "关闭过期岗位",
    "employment.posting.withdraw": "下架岗位",
    "employment.posting.amend": "修改疑似歧视岗位后重新检查",
    "employment.posting.import_confirm": "确认发布批量导入的岗位",
    "employment.posting.import_update": "按单位岗位编号更新已导入的岗位",
    "employment.posting.import_discard": "放弃岗位导入",
    "employment.posting.import_dismiss": "移除导入失败的岗位表",
    "employment.posting.import_purge": "删除30天前导入失败的岗位表",
    "employment.posting.import_failed": "岗位导入未通过校验",
    "employment.posting.import_interrupted": "岗位导入中断",
    "employment.posting.import_request": "上传岗位表（排队导入）",
    "employment.posting.import_retry": "重新导入岗位表",
    "employment.posting.import_skip_duplicates": "跳过重复行，导入其余岗位",
    "employment.posting.import_withdraw": "撤销本批导入的岗位（全部下架）",
    "employment.profile.create": "建立求职登记",
    "employment.seeker.import": "批量导入求职人员",
    "employment.seeker.import_discard": "放弃求职人员导入",
    "employment.seeker.import_dismiss": "移除导入失败的求职人员表",
    "employment.seeker.import_file_deleted": "删除停止导入7天后的求职人员表文件",
    "employment.seeker.import_purge": "删除30天前导入失败的求职人员表",
    "employment.seeker.import_interrupted": "求职人员导入中断",
    "employment.seeker.import_request": "上传求职人员表（排队导入）",
    "employment.seeker.import_retry": "重新导入求职人员表",
    "employment.referral.advance": "更新推荐就业进展",
    "employment.referral.elsewhere": "已在他处就业，关闭其他推荐",
    "employment.referral.create": "推荐就业",
    "employment.service.create": "登记培训或补贴",
    "employment.service.outcome": "记录培训或补贴结果",
    "employment.visit.record": "记录走访",
    "employment.visit.scan": "生成走访提醒",
    "employment.visitrule.update": "修改走访规则",
    "employment.visittask.handle": "乡镇标记走访任务已处理",
    "employment.visittask.reassign": "乡镇改派走访任务",
}
# A key person's status moved (services._transition writes employment.keyperson.<KeyStatus>)
ACTION_LABELS.update({f"employment.keyperson.{status}": f"帮扶对象状态改为“{label}”" for status, label in (
    ("unemployed", "失业"), ("referred", "已推荐"), ("interviewing", "面试中"), ("employed", "已就业"),
    ("flexible", "灵活就业"), ("exited", "退出"))})


def _need_labels() -> dict[tuple[str, str], str]:
    from jianfu.employment.models import Need

    return {("needs", need.value): str(need.label) for need in Need}


# a visit's needs are kept as a JSON list of codes: the audit log showed "需求：job" (newuser23 #5)
VALUE_LABELS = _need_labels()


# --- audit objects named as people say them (newuser24 #1: a visit was "2 2026-12-06", a referral "1 → 192") ------
def _person_name(key_person_id: str) -> str | None:
    from jianfu.core.labels import lookup

    return lookup("employment.keyperson", key_person_id) if key_person_id.isdigit() else None


def _person_names(ids: set[str]) -> dict[str, str]:
    """Key persons by name ({id: name}), one query for a page of audit records (NAME_FETCHERS)."""
    from jianfu.employment.models import KeyPerson

    return {str(pk): name for pk, name in KeyPerson.objects.filter(
        pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "person__name")}


def _posting_titles(ids: set[str]) -> dict[str, str]:
    """Postings by title ({id: title}), one query for a page of audit records (NAME_FETCHERS)."""
    from jianfu.employment.models import Posting

    return {str(pk): title for pk, title in Posting.objects.filter(
        pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "title")}


def _dated(pattern: str) -> Callable[[str, str], str | None]:
    """Visit / VisitTask.__str__ "<key person id> <date>": the person by name."""
    def namer(object_id: str, text: str) -> str | None:
        key_person_id, sep, day = text.partition(" ")
        name = _person_name(key_person_id) if sep else None
        return pattern.format(name=name, day=day) if name else None
    return namer


def _referral(object_id: str, text: str) -> str | None:
    key_person_id, sep, posting_id = text.partition(" → ")
    name = _person_name(key_person_id) if sep else None
    title = _posting_title(posting_id) if sep else None
    return f"推荐{name}应聘“{title}”" if name and title else None


OBJECT_NAMERS = {"employment.visit": _dated("走访{name}（{day}）"), "employment.visittask": _dated("走访{name}的任务（应访日期 {day}）"),
                 "employment.referral": _referral}


def _posting_title(posting_id: str) -> str | None:
    from jianfu.core.labels import lookup

    return lookup("employment.posting", posting_id) if posting_id.isdigit() else None


# a referral's record named its posting and key person by their ids (岗位：192，帮扶对象：1)
VALUE_NAMERS = {"posting": _posting_title, "key_person": _person_name}
NAME_FETCHERS = {"employment.keyperson": _person_names, "employment.posting": _posting_titles}


# --- a job seeker's profile record (employment.profile.create/update on the key person, newuser24 #1): it showed
# 名额：town、county, 限额：day_only, 职业：6-28-01, its form's fields as desired_text [None, '…'] and the save's version
# token
def _occupation(code: str) -> str | None:
    from jianfu.employment.parsing import occupation_name

    name = occupation_name(code)
    return f"{name}（{code}）" if name else None


def _profile_fields(fields: dict[str, object]) -> list[str]:
    """What the save filled in or changed, by the form's labels and the choices' words: "学历 研究生",
    "期望月薪 3000 → 4000"."""
    from jianfu.employment.services import profile_choices, profile_labels

    names, choices = profile_labels(), profile_choices()

    def shown(name: str, value: object) -> str:
        words = choices.get(name, {})
        if isinstance(value, list):
            return "、".join(str(words.get(str(v), v)) for v in value)
        return "" if value is None else str(words.get(str(value), value))

    parts = []
    for name, change in fields.items():
        old, new = change if isinstance(change, list) and len(change) == 2 else (None, change)
        old_text, new_text = shown(name, old), shown(name, new)
        label = names.get(name, name)
        parts.append(f"{label} {old_text} → {new_text or '（空）'}" if old_text else f"{label} {new_text or '（空）'}")
    return parts


def _choice_labels() -> dict[tuple[str, str], str]:
    from jianfu.employment.models import Limit, Place

    return {("places", str(v)): str(label) for v, label in Place.choices} | {
        ("limits", str(v)): str(label) for v, label in Limit.choices}


FIELD_LABELS = {"employment.keyperson": {"places": "可接受工作地点", "limits": "限制条件", "occupation": "职业",
                                         "certificates": "技能证书", "fields": "填写的内容"},
                "employment.posting": {"ext_id": "单位岗位编号"}}
VALUE_LABELS.update(_choice_labels())
VALUE_NAMERS["occupation"] = _occupation
NESTED_NAMERS = {("employment.keyperson", "fields"): _profile_fields}
