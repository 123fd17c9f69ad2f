"""Demo: a year of burden ledgers for 合浦县 (synthetic), last year's counts for comparison, the
typical-problem notices with the seed article's counts, and the rule findings.

What it shows: documents (some reviewed, some not, one of 7,000 字); meetings (one with a two-hour
speech); an app with check-in and points; a secondment from a township; 曲木村 with 9 plaques outside;
festivals falling year on year; certificates demanded of villages. Everything is written through the
services as the demo accounts (county office, departments, villages), so it is audited like real use."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

COUNTY = "450521000000"
QUMU = "450521200206"      # 曲木村 (village_a)
ZHANGJIA = "450521200201"  # 璋嘉村 (village_b)
QUZHANG = "450521200000"

DEPARTMENTS = ["ZJ", "LY", "MZ", "RS", "NY", "ZR", "HB", "SL", "WJ", "JY", "YJ", "ZZ", "WL"]
DOC_TITLES = ["关于开展{}专项行动的通知", "关于做好{}工作的通知", "{}工作实施方案", "关于进一步加强{}的意见",
              "关于报送{}情况的通知"]
# Each department writes, meets and inspects on the matters it owns (newuser13 V12: "县委组织部 · 关于做好森林防火工作的
# 通知" and "住房和城乡建设局 · 就业帮扶督查检查" were drawn from one shared list, and no cadre believes them).
DEPT_TOPICS = {
    "ZJ": ["农村危房改造", "农村自建房安全排查"],
    "LY": ["森林防火", "松材线虫病防治"],
    "MZ": ["低保核查", "特困人员供养"],
    "RS": ["就业帮扶", "根治欠薪"],
    "NY": ["高标准农田建设", "人居环境整治"],
    "ZR": ["耕地保护", "违法占地整治"],
    "HB": ["秸秆禁烧", "农村黑臭水体治理"],
    "SL": ["河湖长制", "农村饮水安全"],
    "WJ": ["家庭医生签约", "爱国卫生运动"],
    "JY": ["控辍保学", "学生资助"],
    "YJ": ["安全生产排查", "防汛防台风"],
    "ZZ": ["基层党建", "村级组织建设"],
    "WL": ["文化惠民", "农家书屋"],
}
PLAQUES_OUT = ["村党组织", "村民委员会", "村务监督委员会", "村集体经济组织", "新时代文明实践站", "综治中心",
               "退役军人服务站", "妇女儿童之家", "网格化服务管理站"]
PLAQUES_IN = ["党员活动室", "便民服务室", "农家书屋", "调解室"]


def _dates(rng: random.Random, year: int, n: int, today: dt.date) -> list[dt.date]:
    last = today if year == today.year else dt.date(year, 12, 31)
    span = (last - dt.date(year, 1, 1)).days
    return sorted(dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


def _dept(short: str) -> str:
    from jianfu.orgs.models import OrgUnit, UnitKind

    unit = OrgUnit.objects.filter(parent_code=COUNTY, kind=UnitKind.DEPARTMENT, short_code=short).first()
    return unit.code if unit else ""


def _town_rows(office, depts: dict[str, str], today: dt.date, bulk) -> None:
    """Documents, village-secretary meetings and inspections a department sends to one township, a different number
    to each: with only county-wide rows every township but 曲樟乡 had the same index to the tenth of an hour
    (fix-ui19b #3, "the demo looks fake"). Seeded by its own generator so the rows above are drawn as before."""
    from jianfu.orgs.models import OrgUnit, UnitKind

    rng = random.Random(1905)
    towns = list(OrgUnit.objects.filter(parent_code=COUNTY, kind=UnitKind.TOWN, is_active=True)
                 .order_by("code").values_list("code", "name"))
    shorts = [s for s in DEPARTMENTS if s in depts]
    if not towns or not shorts:
        return
    for kind in ("document", "meeting", "inspection"):
        rows: list[tuple[int, dict[str, object]]] = []
        for year in (today.year - 1, today.year):
            for code, name in towns:
                # a township's own pressure: some get a handful of rows a year, a few get many
                n = {"document": rng.randint(1, 4), "meeting": rng.randint(0, 3), "inspection": rng.randint(0, 2)}[kind]
                for date in _dates(rng, year, n, today):
                    short = rng.choice(shorts)
                    topic = rng.choice(DEPT_TOPICS[short])
                    base = {"date": date, "issuer": depts[short], "target": code}
                    if kind == "document":
                        row = {**base, "title": rng.choice(DOC_TITLES).format(topic), "doc_kind": "special",
                               "length": rng.randint(1200, 3600), "asks_report_back": rng.random() < 0.1}
                    elif kind == "meeting":
                        row = {**base, "title": f"{name}{topic}工作推进会", "meeting_kind": "business",
                               "duration_minutes": rng.choice([60, 90, 120]), "speech_minutes": rng.choice([20, 30]),
                               "village_secretaries_required": True, "township_heads_required": False,
                               "by_video": rng.random() < 0.4}
                    else:
                        row = {**base, "title": f"{topic}督查检查", "in_annual_plan": rng.random() < 0.9,
                               "comprehensive": False, "emergency": short == "YJ",
                               "onsite_visits": rng.randint(0, 2), "forms_demanded": rng.randint(0, 3),
                               "demanded_from": f"{name}各村（社区）"}
                    rows.append((len(rows) + 2, row))
        if rows:
            bulk(actor=office, kind=kind, rows=rows, source="demo")


def load(*, stdout) -> None:
    from jianfu.accounts.models import User
    from jianfu.monitor import services
    from jianfu.monitor.models import LedgerDocument, Notice
    from jianfu.orgs.models import OrgUnit

    office = User.objects.filter(username="county_office").first()
    if office is None or not OrgUnit.objects.filter(code=QUMU).exists():
        stdout.write("  缺少合浦县演示单位或账号，跳过")
        return
    if LedgerDocument.objects.filter(county_code=COUNTY).exists():
        stdout.write("  已有减负监测台账，跳过")
        return
    services.rules_seed()
    rng = random.Random(2024)
    today = timezone.localdate()
    this_year, last_year = today.year, today.year - 1
    depts = {s: _dept(s) for s in DEPARTMENTS}
    depts = {s: c for s, c in depts.items() if c}
    users = {u.username: u for u in User.objects.filter(username__in=["county_office", "dept_housing",
                                                                       "dept_forestry", "village_a", "village_b"])}
    bulk = services.ledger_bulk_create

    # --- documents: last year more than this year for most departments; one grows --------------
    from jianfu.review.models import Review

    reviews = list(Review.objects.filter(county_code=COUNTY).order_by("id").values_list("id", flat=True))
    for year, per_dept in ((last_year, 7), (this_year, 5)):
        rows = []
        for short, code in depts.items():
            n = per_dept + (3 if short == "NY" and year == this_year else 0)
            for i, date in enumerate(_dates(rng, year, n, today)):
                topic = rng.choice(DEPT_TOPICS[short])
                kind = "special" if i % 3 else "general"
                rows.append((len(rows) + 2, {
                    "date": date, "title": rng.choice(DOC_TITLES).format(topic), "issuer": code, "target": COUNTY,
                    "doc_kind": kind, "length": rng.randint(1800, 3900 if kind == "special" else 4800),
                    "asks_report_back": rng.random() < 0.15,
                    # the review module's demo reviews are linked to the housing bureau's first documents
                    "review": reviews[i] if year == this_year and short == "ZJ" and i < len(reviews) else None,
                }))
        if year == this_year:
            rows.append((len(rows) + 2, {"date": _dates(rng, year, 1, today)[0], "issuer": depts.get("NY", COUNTY),
                                         "title": "关于全面推进乡村振兴重点工作的实施意见", "target": COUNTY,
                                         "doc_kind": "general", "length": 7000}))
        bulk(actor=office, kind="document", rows=rows, source="demo")
    # --- meetings ------------------------------------------------------------------------------
    for year, n in ((last_year, 40), (this_year, 30)):
        rows = []
        for i, date in enumerate(_dates(rng, year, n, today)):
            short = DEPARTMENTS[i % len(DEPARTMENTS)]
            comprehensive = i < 3 or short == "NY"
            rows.append((i + 2, {
                "date": date, "issuer": depts.get(short, COUNTY), "target": COUNTY,
                "title": f"全县{rng.choice(DEPT_TOPICS[short])}工作{'会议' if not comprehensive else '综合工作会议'}",
                "meeting_kind": "comprehensive" if comprehensive else "business",
                "duration_minutes": rng.choice([60, 90, 120, 150]), "speech_minutes": rng.choice([20, 30, 40]),
                "village_secretaries_required": i % 4 == 0, "township_heads_required": i % 3 == 0,
                "convened_by_deputy": i % 5 == 0, "relayed": i % 9 == 0, "by_video": i % 2 == 0}))
        if year == this_year:
            rows.append((len(rows) + 2, {"date": _dates(rng, year, 1, today)[0], "issuer": depts.get("ZZ", COUNTY),
                                         "target": COUNTY, "title": "全县基层治理推进大会", "meeting_kind": "business",
                                         "duration_minutes": 210, "speech_minutes": 120,
                                         "village_secretaries_required": True, "township_heads_required": True}))
        bulk(actor=office, kind="meeting", rows=rows, source="demo")
    # --- inspections ---------------------------------------------------------------------------
    rows = []
    for i, date in enumerate(_dates(rng, this_year, 14, today)):
        short = DEPARTMENTS[(i * 5) % len(DEPARTMENTS)]
        rows.append((i + 2, {
            "date": date, "issuer": depts.get(short, COUNTY), "target": QUZHANG if i % 2 else COUNTY,
            "title": f"{rng.choice(DEPT_TOPICS[short])}督查检查", "in_annual_plan": i % 4 != 0, "comprehensive": i % 6 == 0,
            "emergency": short == "YJ", "onsite_visits": rng.randint(0, 3), "forms_demanded": rng.randint(0, 4),
            "photos_demanded": 20 if i == 1 else 0, "ledgers_demanded": 2 if i == 1 else 0,
            "demanded_from": "各村（社区）"}))
    bulk(actor=office, kind="inspection", rows=rows, source="demo")
    _town_rows(office, depts, today, bulk)
    # --- apps ----------------------------------------------------------------------------------
    bulk(actor=office, kind="app", source="demo", rows=[
        # launched last month and caught by the monitor: weeks of daily check-in, not a year and more of it (newuser13
        # V12: running since last March it made the 组织部 six times the next unit in the ranking, 44 h per village)
        (2, {"date": max(dt.date(this_year, 1, 1), (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)),
             "issuer": depts.get("ZZ", COUNTY), "target": COUNTY,
             "title": "党建学习打卡小程序", "check_in": True, "points": True, "ranking": True, "filing_no": ""}),
        (3, {"date": dt.date(last_year, 6, 1), "issuer": depts.get("WJ", COUNTY), "target": COUNTY,
             "title": "健康随访App", "filing_no": "GX-2025-0142"}),
        (4, {"date": dt.date(this_year, 2, 1), "issuer": depts.get("WJ", COUNTY), "target": COUNTY,
             "title": "公共卫生数据填报小程序", "filing_no": "", "repeat_filling": True}),
    ])
    # --- secondment ----------------------------------------------------------------------------
    bulk(actor=office, kind="secondment", source="demo", rows=[
        (2, {"date": dt.date(this_year, 1, 8), "issuer": depts.get("NY", COUNTY), "target": COUNTY,
             "title": "从曲樟乡借调干部到县农业农村局专班", "from_unit": QUZHANG, "people": 2, "months": 8,
             "approved": False})])
    # --- plaques: 曲木村 9 outside (recorded by the village itself), 璋嘉村 within the standard ----
    plaque_issuers = ["ZZ", "ZZ", "MZ", "NY", "ZZ", "ZF", "TY", "FL", "ZF"]
    if "village_a" in users:
        bulk(actor=users["village_a"], kind="plaque", source="demo", rows=[
            (i + 2, {"date": dt.date(last_year, 1, 10), "title": name, "placement": "outside",
                     "issuer": _dept(plaque_issuers[i]) or COUNTY}) for i, name in enumerate(PLAQUES_OUT)] + [
            (20 + i, {"date": dt.date(last_year, 1, 10), "title": name, "placement": "inside",
                      "issuer": _dept("ZZ") or COUNTY}) for i, name in enumerate(PLAQUES_IN)] + [
            (30, {"date": dt.date(this_year, 3, 2), "title": "文明创建示范点", "placement": "outside",
                  "status": "removed", "issuer": _dept("WL") or COUNTY})])
    if "village_b" in users:
        bulk(actor=users["village_b"], kind="plaque", source="demo", rows=[
            (i + 2, {"date": dt.date(last_year, 1, 10), "title": name, "placement": "outside",
                     "issuer": _dept(plaque_issuers[i]) or COUNTY}) for i, name in enumerate(PLAQUES_OUT[:5])])
    # --- activities: festivals 7 → 3, a creation campaign without approval and with fees ---------
    rows = []
    for year, festivals in ((last_year, 7), (this_year, 3)):
        for i, date in enumerate(_dates(rng, year, festivals, today)):
            rows.append((len(rows) + 2, {"date": date, "issuer": depts.get("WL", COUNTY), "target": COUNTY,
                                         "title": f"第{i + 1}届乡村文化旅游节" if year == this_year else f"{year}年特色节庆活动{i + 1}",
                                         "activity_kind": "festival", "approved": i % 2 == 0}))
    rows.append((len(rows) + 2, {"date": _dates(rng, this_year, 1, today)[0], "issuer": depts.get("NY", COUNTY),
                                 "target": COUNTY, "title": "“美丽乡村示范村”创建活动", "activity_kind": "creation",
                                 "approved": False, "fees_yuan": 3000}))
    bulk(actor=office, kind="activity", rows=rows, source="demo")
    # --- demands recorded by the villages ------------------------------------------------------
    for username in ("village_a", "village_b"):
        if username in users:
            bulk(actor=users[username], kind="demand", source="demo", rows=[
                (2, {"date": _dates(rng, this_year, 1, today)[0], "title": "出具居住证明", "issuer": _dept("GA") or COUNTY,
                     "demand_kind": "certificate", "times": 6}),
                (3, {"date": _dates(rng, this_year, 1, today)[0], "title": "协助开展经营主体统计", "demand_kind": "work_item",
                     "issuer": _dept("TJ") or COUNTY, "times": 1}),
                (4, {"date": _dates(rng, this_year, 1, today)[0], "title": "代收医保缴费", "demand_kind": "work_item",
                     "issuer": _dept("YB") or COUNTY, "in_access_list": True, "times": 2})])
    _notices(office)
    for year in (last_year, this_year):
        services.findings_evaluate(actor=office, county_code=COUNTY, year=year)
    stdout.write(f"  台账 {sum(m.objects.filter(county_code=COUNTY).count() for m in _models())} 条；"
                 f"通报 {Notice.objects.count()} 份")


def _models():
    from jianfu.monitor.models import LEDGER_MODELS

    return LEDGER_MODELS.values()


SEED_SOURCE = "新华社 2025-01-21《为基层减负赋能 促干部实干担当》（项目种子文章）"
# Central cases itemised from public reports (paraphrased, short); see docs/monitor.md for sources.
CENTRAL_CASES = [
    ("贵州铜仁 德江县", "vanity", "盲目上马农旅项目，违规占用耕地挖湖造景，项目烂尾。"),
    ("云南昭通 永善县", "fingertip", "为政务App设定不切实际的办件量指标并分解到每名干部。"),
    ("湖北荆州 松滋市洈水镇", "fingertip", "村干部需使用多个政务App和大量工作群，学习积分、拍照上传负担重。"),
    ("安徽滁州 定远县医保局", "fingertip", "要求每日学习积分并排名通报。"),
    ("吉林 长春市教育局", "creation", "无权限开展示范校创建，层层加码评分细则。"),
    ("江苏 扬中市", "festivals", "绕开审批举办节庆活动，向机关、乡镇和村摊派经费。"),
    ("山西太原 清徐县", "vanity", "违规使用资金建设城市广场景观小品。"),
    ("四川成都 金牛区", "vanity", "对外交流中心过度装修。"),
    ("贵州黔西南 兴义市", "vanity", "侵占耕地挖湖造景，整改走过场。"),
]


def _notices(office) -> None:
    from django.db import transaction

    from jianfu.core.audit import audit_record
    from jianfu.monitor import services
    from jianfu.monitor.models import Notice, NoticeCase

    with transaction.atomic():
        central = Notice.objects.create(
            level="central", batch="6批", date=dt.date(2024, 11, 12), issuer="中央层面整治形式主义为基层减负专项工作机制办公室",
            title="中央层面公开通报整治形式主义为基层减负典型问题（2023年底以来）", declared_cases=17, declared_batches=6,
            is_tally=True, source=SEED_SOURCE + "：中央层面公开通报6批17起典型问题；已逐案登记其中9起")
        for place, category, summary in CENTRAL_CASES:
            NoticeCase.objects.create(notice=central, place=place, category=category, summary=summary,
                                      rectification="done")
        # the issuers in full: "各省级" / "各市级" read as cut off on /monitor/notices/ (mend31 #4)
        Notice.objects.create(level="provincial", batch="汇总", date=dt.date(2024, 12, 31),
                              issuer="各省（区、市）整治形式主义为基层减负专项工作机制办公室",
                              title="省级通报整治形式主义为基层减负典型问题（汇总数）", declared_cases=400,
                              declared_batches=0, is_tally=True, source=SEED_SOURCE + "：省级通报400余起")
        Notice.objects.create(level="municipal", batch="汇总", date=dt.date(2024, 12, 31),
                              issuer="各市（地、州、盟）整治形式主义为基层减负专项工作机制办公室",
                              title="市级通报整治形式主义为基层减负典型问题（汇总数）", declared_cases=2000,
                              declared_batches=0, is_tally=True, source=SEED_SOURCE + "：市级通报近2000起")
        audit_record(actor=office, action="monitor.notice.demo_load", object_type="monitor.notice",
                     object_repr="典型问题通报（演示）", org_code=COUNTY, changes={"notices": 3})
    today = timezone.localdate()
    local = services.notice_create(actor=office, data={
        "title": "关于几起增加基层负担问题的通报", "issuer": "合浦县整治形式主义为基层减负专项工作机制办公室",
        "batch": f"{today.year}年第1批", "date": today - dt.timedelta(days=30)})
    for place, category, summary, state in [
        ("县某局", "fingertip", "要求村干部每日在学习小程序打卡并通报积分排名。（虚构演示案例）", "ongoing"),
        ("某乡镇", "plaques", "村部外墙挂牌9块，超出规范数量。（虚构演示案例）", "done"),
        ("县某局", "creation", "未经批准开展示范村创建并收取评审费。（虚构演示案例）", "ongoing"),
    ]:
        services.notice_case_add(actor=office, notice_pk=local.pk,
                                 data={"place": place, "category": category, "summary": summary, "rectification": state})
    services.notice_publish(actor=office, pk=local.pk)  # villages read it (a county notice starts as a draft)
    Notice.objects.filter(pk=local.pk).update(synthetic=True)
