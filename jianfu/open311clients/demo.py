"""Open311 part of the demo (runs after the dispatch demo has loaded 合浦县's catalogue).

- the client key `jianfu-demo-key` (DEMO ONLY — printed by `make run`), whose requests land in 合浦县;
- service definitions: a forestry matter with required attributes (so `metadata=true` and the
  required-attribute rule can be tried), a housing matter with an optional list attribute;
- requests reported through Open311, some older than 90 days (outside the standard's default window,
  still reachable by id or by start_date/end_date) and some closed, moved through the real workflow
  services and then dated back.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from jianfu.dispatch.cases import case_number_redated
from jianfu.dispatch.models import Event, TimelineEntry
from jianfu.dispatch.selectors import matter_list_active
from jianfu.open311clients.models import Open311Client, Open311Submission, ServiceAttribute, hash_key
from jianfu.open311clients.services import client_issue

DEMO_KEY = "jianfu-demo-key"  # demo only
COUNTY = "450521000000"

FORESTRY_ATTRIBUTES = [
    dict(code="dispute_kind", description="争议类型", datatype="singlevaluelist", required=True, order=1,
         values=[{"key": "land", "name": "林地权属"}, {"key": "trees", "name": "林木权属"},
                 {"key": "boundary", "name": "山界"}]),
    dict(code="area_mu", description="涉及面积（亩）", datatype="number", required=False, order=2,
         datatype_description="约数即可"),
]
HOUSING_ATTRIBUTES = [
    dict(code="occupied", description="是否有人居住", datatype="singlevaluelist", required=True, order=1,
         values=[{"key": "yes", "name": "有人居住"}, {"key": "no", "name": "无人居住"}]),
    dict(code="signs", description="险情表现", datatype="multivaluelist", required=False, order=2,
         values=[{"key": "crack", "name": "墙体开裂"}, {"key": "tilt", "name": "房屋倾斜"},
                 {"key": "roof", "name": "屋面漏雨坍塌"}]),
]

# (days ago, village code, service kind, text, attributes, close it?)
REQUESTS = [
    (150, "450521200206", "forestry", "曲木村两户村民对后山一块林地的权属有争议，希望林业部门确权。",
     {"dispute_kind": "land", "area_mu": "6"}, True),
    (120, "450521200201", "housing", "璋嘉村一处土坯房墙体开裂，雨季前需要排查。", {"occupied": "yes", "signs": ["crack"]}, True),
    (100, "450521200206", "forestry", "曲木村与邻村山界不清，砍伐时起了纠纷。", {"dispute_kind": "boundary"}, True),
    (95, "450521200201", "housing", "璋嘉村老屋屋顶局部坍塌，暂无人居住。", {"occupied": "no", "signs": ["roof"]}, False),
    (20, "450521200206", "forestry", "曲木村林地边上的杉木被人砍了几棵，权属有争议。",
     {"dispute_kind": "trees", "area_mu": "1.5"}, True),
    (3, "450521200201", "housing", "璋嘉村一户危房有人居住，墙体倾斜明显。", {"occupied": "yes", "signs": ["tilt", "crack"]},
     False),
    (1, "450521200206", "forestry", "曲木村村民反映承包林地被他人占用种植桉树。", {"dispute_kind": "land"}, False),
]


def _pick(matters, *, words):
    """The first matter whose name holds the earliest of `words` (in priority order)."""
    for w in words:
        for m in matters:
            if w in m.name:
                return m
    return matters[0] if matters else None


def _set_attributes(matter, attributes) -> None:
    for spec in attributes:
        ServiceAttribute.objects.update_or_create(org_code=COUNTY, matter_code=matter.code, code=spec["code"],
                                                  defaults={k: v for k, v in spec.items() if k != "code"})


def _department_user(code: str):
    from jianfu.accounts.models import User

    return User.objects.filter(org_unit__code=code, is_active=True).first()


def _date_back(event: Event, days: int) -> None:
    delta = dt.timedelta(days=days)
    fields = ("created_at", "updated_at", "dispatched_at", "accepted_at", "resolved_at", "closed_at", "due_at",
              "remind_at", "county_escalation_at")
    Event.objects.filter(pk=event.pk).update(**{f: F(f) - delta for f in fields})
    TimelineEntry.objects.filter(event=event).update(at=F("at") - delta)
    Open311Submission.objects.filter(event=event).update(created_at=F("created_at") - delta)
    case_number_redated(event)   # numbered by the day it now says it was reported, as a real report is


def load(*, stdout) -> None:
    from jianfu.dispatch.services import event_accept, event_report, event_resolve

    client = Open311Client.objects.filter(key_hash=hash_key(DEMO_KEY)).first()
    if client is None:
        client, _ = client_issue(actor=None, name="演示客户端（仅供演示）", org_code=COUNTY, raw_key=DEMO_KEY)
    matters = list(matter_list_active(county_code=COUNTY))
    if not matters:
        stdout.write("  合浦县没有生效的职责清单：只签发了演示密钥 jianfu-demo-key")
        return
    forestry = _pick(matters, words=("林地", "林木", "林权"))
    housing = _pick([m for m in matters if m != forestry], words=("危房", "农村住房", "房屋安全", "房屋"))
    _set_attributes(forestry, FORESTRY_ATTRIBUTES)
    _set_attributes(housing, HOUSING_ATTRIBUTES)

    made = old = 0
    if not Open311Submission.objects.filter(client=client).exists():
        for days, village, kind, text, attributes, close in REQUESTS:
            matter = forestry if kind == "forestry" else housing
            event = event_report(actor=None, text=text, org_code=village, source="open311", matter_code=matter.code,
                                 attributes=attributes, client=client, reporter_name="演示群众")
            Open311Submission.objects.create(client=client, event=event, org_code=event.org_code)
            if close and event.department_code:
                handler = _department_user(event.department_code)
                if handler is not None:
                    event = event_accept(actor=handler, event=event)
                    event_resolve(actor=handler, event=event, resolution="已到现场核实并调处，当事双方签订协议。")
            _date_back(event, days)
            made += 1
            old += days > 90
    stdout.write(f"  Open311 演示密钥 {DEMO_KEY}（仅供演示，受理县 合浦县）；服务 {forestry.code}（必填属性）、"
                 f"{housing.code}；演示诉求 {made} 件，其中 {old} 件早于 90 天")
