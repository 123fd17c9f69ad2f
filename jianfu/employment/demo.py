"""就业帮扶's part of the `make run` demo (合浦县, synthetic): a county labour market imported as a job
board's xlsx by the county office (50+ employers, 300+ postings; a few discriminating ones held for review),
a few hundred key-group people taken in from the registry with their job-seeker profiles, visits due today
for `grid_a` and `village_a`, and one placement story told end to end through the services."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random

from jianfu.core.officeprops import new_workbook
from jianfu.employment import postings, services, visits
from jianfu.employment.models import KeyPerson, Posting, PostingImport
from jianfu.registry.ledger.values import local_today
from jianfu.registry.models import Person

COUNTY = "450521"
QUMU, QUMU_GRID = "450521200206", "450521200206001"
KEY_PEOPLE = 360
SEED = 2026
PUBLIC_POSTINGS = 300
# What each 家政 job pays as such jobs are advertised: the synthetic generator draws a wage for the sector, not the job,
# so the demo showed 钟点工（做饭打扫） at 8000-12000元 and 月嫂 at 25元/小时 (mend31 #7). A drawn wage that fits the job is
# kept; another is replaced by one of these. Only the demo's postings: the generator (whose draws the matching
# evaluations and benchmarks pin) is unchanged.
JOB_WAGES: dict[str, tuple[str, ...]] = {
    "住家保姆": ("5000-6500元/月", "4500-6000元/月"),
    "钟点工（做饭打扫）": ("25元/小时", "30元/小时"),
    "育儿嫂": ("5000-6500元/月", "6000-8000元/月"),
    "月嫂": ("8000-12000元", "7000-10000元/月"),
    "养老护理员": ("3500-4500元", "4000-5000元/月"),
    "护工": ("3500-4500元", "150元/天"),
}

# Postings the office must look at: each breaks a rule of `discrimination.py`.
FLAGGED = [
    ("电子", "仓管员", "仓库管理，限男性，限本地户口", "", "高中", "20-40岁", "4000元", "白班"),
    ("旅游", "前台接待", "形象好，女性优先，要求未婚", "", "大专", "18-28岁", "3500元", "早晚班"),
]
# (求职意向, 技能证书, 学历, 期望月薪, 可接受地点, 限制, 工作经历). The histories are synthetic and written the ways
# people write them — a span of years, "至今", a count, months, none at all — so that a posting asking for years
# shows some candidates with enough and some without (session 12: with no history, every one was 经验不足). Each is
# a pattern (text, fewest and most years, places) written out per person by `_work_history`: a fixed text gave a
# 19-year-old seven years in a factory from 2016 and the same line to 25–40 people (tryout26 #4).
SEEKER_TEXTS = [
    ("做过流水线，想进厂", "", "初中", "3500以上", ["town", "county"], [],
     ("{a}-{b}年在{place}电子厂做流水线", 2, 8, ("东莞", "深圳", "佛山", "中山", "惠州"))),
    ("离家近就行，能照顾孩子", "健康证", "初中", "3000左右", ["town"], ["childcare", "day_only"],
     ("在{place}超市做过{n}年收银", 1, 4, ("镇上", "县城", "廉州镇"))),
    ("会开车，有C1驾照，想跑运输", "C1驾照", "高中", "5000-6000", ["county", "city"], [],
     ("{a}年至今在{place}开面包车送货", 1, 8, ("县城", "镇上", "北海"))),
    ("以前在工地干过，有焊工证", "焊工证", "初中", "6000以上", ["county", "city", "away"], [],
     ("在{place}工地干了{n}年电焊", 2, 12, ("广东", "深圳", "南宁", "北海"))),
    ("想做电商客服，会打字", "", "大专", "3500-4500", ["county"], [],
     ("{a}.{ma}-{b}.{mb}在{place}做电商客服", 0, 3, ("南宁", "北海", "广州", "钦州"))),
    ("种过荔枝，想在附近打零工", "", "小学", "面议", ["town"], ["no_lifting"], ("", 0, 0, ())),
    ("腿脚不好，不能久站，想做坐着的活", "", "初中", "3000", ["town", "county"], ["no_standing"],
     ("{a}年到{b}年在{place}鞋厂做针车，腿伤后回家", 3, 9, ("东莞", "莆田", "晋江"))),
    ("做过酒店服务员", "健康证", "初中", "3500", ["county", "city"], [],
     ("在{place}的酒店做过{n}年服务员", 1, 5, ("北海", "涠洲岛", "南宁", "三亚"))),
    ("电工，持低压电工证", "电工证", "中专", "5000以上", ["county"], [],
     ("{a2}年到{b2}年在{place}做电工，之后在村里帮人装电", 3, 9, ("县水泥厂", "县糖厂", "镇上的砖厂"))),
    ("学电子商务的，想做直播", "", "大专", "4000-6000", ["county", "city", "away"], [],
     ("毕业后在{place}的直播公司实习{m}个月", 0, 0, ("南宁", "广州", "北海"))),
    ("照顾过老人，想做护理", "养老护理员证", "初中", "3500", ["town", "county"], [],
     ("照顾瘫痪的婆婆{n}年，在{place}做过护工", 1, 6, ("镇卫生院", "县医院", "县敬老院"))),
    ("叉车司机，有叉车证", "叉车证", "初中", "4500", ["county"], [],
     ("{a}-{b}年在{place}物流园开叉车，做过仓库理货", 2, 9, ("东莞", "钦州", "南宁", "广州"))),
]
WORK_FROM_AGE = 16   # the legal working age: no history starts before it
_NUMERALS = "零一二三四五六七八九十"


def _count(n: int) -> str:
    """A count of years as people say it: 两年, 五年, 十二年."""
    return "两" if n == 2 else _NUMERALS[n] if n <= 10 else "十" + _NUMERALS[n - 10]


def _work_history(pattern: tuple, birth: dt.date, today: dt.date, rng: random.Random) -> str:
    """A history of `pattern` (`SEEKER_TEXTS`) for a person born on `birth`: its years fall between the year they
    turned 16 and this year, and its length is at most the years since (tryout26 #4)."""
    text, low, high, places = pattern
    if not text:
        return ""
    first = birth.year + WORK_FROM_AGE
    room = max(1, today.year - first)              # the whole years a person of this age can have worked
    length = min(rng.randint(low, high), room)
    if "至今" in text:                              # ends this year
        start = today.year - max(length, 1)
    else:                                          # ended up to four years ago, but never before it could begin
        end_by = min(today.year, max(first + length, today.year - rng.randint(0, 4)))
        start = rng.randint(first, end_by - length)
    end = start + length
    month_a = rng.randint(1, 11 if end == start else 12)
    month_b = rng.randint(month_a + 1 if end == start else 1, 12)   # within one year, never "2024.7-2024.3"
    # "12年到20年" as people write years of this century; "1992年到2001年" in full, "92年到01年" reads backwards
    short = start >= 2000
    return text.format(a=start, b=end, a2=f"{start % 100:02d}" if short else start,
                       b2=f"{end % 100:02d}" if short else end, ma=month_a, mb=month_b,
                       n=_count(max(1, length)), m=rng.choice((2, 3, 4, 6)), place=rng.choice(places))


def _user(username: str):
    from jianfu.accounts.models import User

    return User.objects.filter(username=username, is_active=True).first()


def _credit_code(n: int) -> str:
    from stdnum.cn import uscc

    body = f"9145052{n:010d}"[:17]
    return body + uscc.calc_check_digit(body)


def _postings_xlsx(towns: list[str], rng: random.Random) -> bytes:
    """A job board's export: 300 postings of the county labour market from the matching core's synthetic
    generator (its sectors: seafood, the industrial park, logistics, construction, agriculture, tourism,
    live-stream e-commerce, 家政, jobs in 广东), each employer with a 统一社会信用代码; plus the towns'
    公益性岗位 and two postings the office must review."""
    from jianfu.employment.matching import synth

    wb = new_workbook(title="岗位信息（演示数据）")
    ws = wb.active
    ws.title = "岗位"
    ws.append(["合浦县2026年春季招聘岗位（演示数据）"])
    ws.append([*synth.JOB_HEADERS, "统一社会信用代码", "班次", "截止日期", "联系人", "联系电话"])
    valid_until = local_today() + dt.timedelta(days=90)
    codes: dict[str, str] = {}
    seen: set[tuple] = set()
    written = 0
    for job in synth.jobs(2000, seed=SEED, geography=synth.Geography(towns)):
        key = (job.employer, job.title, job.place, job.description)
        if key in seen or not job.description:
            continue
        seen.add(key)
        code = codes.setdefault(job.employer, _credit_code(len(codes) + 1))
        fitting = JOB_WAGES.get(job.title)
        if fitting and job.wage not in fitting:
            job = dataclasses.replace(job, wage=fitting[written % len(fitting)])
        ws.append([*synth.job_row(job), code, "", valid_until.isoformat(), *_demo_contact(written)])
        written += 1
        if written >= PUBLIC_POSTINGS:
            break
    for i in range(13):   # 公益性岗位 of the towns (no credit code: a government employer)
        town = towns[i % len(towns)]
        area = f"（第{i // len(towns) + 1}片区）"
        # whom the post is for, in the description as real ones write it ("限本镇脱贫劳动力、就业困难人员"): the
        # matcher's group limit (`matching.parse.posting_groups`) then refuses people of neither group (prod18); no
        # "本镇" in it: the demo's people live in two towns, and "限本镇" would leave the other towns' posts with none
        welfare = (("保洁员（公益性岗位）", "乡镇公益性岗位，限本地户籍的就业困难人员、脱贫劳动力", "40-60岁", "1900元"),
                   ("护林员（公益性岗位）", "山林巡护，防火宣传，限就业困难人员、脱贫劳动力", "30-60岁", "1800元"))
        for k, (title, desc, age, wage) in enumerate(welfare):
            # one 编号 per posting: the two titles' lengths are the same, and the number once made of it was repeated
            # (mend35 #5 refuses one employer's 编号 given twice in a file)
            ws.append([f"GY{i:03d}{k}", f"合浦县{town}人民政府", title, 1, "不限", age, "不限", "", wage, town,
                       f"{desc}。工作地点：{town}{area}。", "", "", "白班", valid_until.isoformat(),
                       f"{town}社会保障服务中心", f"0779-0739{i:03d}"])
    for n, (sector, title, desc, certs, edu, age, wage, shifts) in enumerate(FLAGGED, start=1):
        ws.append([f"FL{n:03d}", f"合浦县{sector}示例有限公司", title, 1, edu, age, "1年以上", certs, wage, "廉州镇", desc,
                   "", _credit_code(900 + n), shifts, valid_until.isoformat()])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _demo_contact(n: int) -> tuple[str, str]:
    """One employer in three gives a public contact (synthetic numbers,
    0779-0738xxx: no local number starts with 0, so none reaches a real subscriber),
    so the public list shows both a number and the way to apply through the village or township."""
    if n % 3:
        return "", ""
    return f"{'王李张刘陈杨黄赵'[n % 8]}经理", f"0779-0738{n:03d}"


def _towns() -> list[str]:
    from jianfu.orgs.models import OrgUnit, UnitKind

    names = list(OrgUnit.objects.filter(code__startswith=COUNTY, kind=UnitKind.TOWN, is_active=True)
                 .order_by("code").values_list("name", flat=True))
    return names or ["廉州镇"]


def load(*, stdout) -> None:
    office, admin = _user("county_office"), _user("admin")
    if office is None or admin is None or not Person.objects.filter(org_code__startswith=COUNTY).exists():
        stdout.write("  没有合浦县的演示账号或登记库人员，跳过就业帮扶演示")
        return
    if KeyPerson.objects.filter(org_code__startswith=COUNTY).exists():
        stdout.write("  已有就业帮扶数据，跳过")
        return
    rng = random.Random(SEED)
    visits.rules_ensure(COUNTY)
    board = None
    if not Posting.objects.filter(org_code__startswith=COUNTY).exists():
        result = postings.posting_import(actor=office, file=io.BytesIO(_postings_xlsx(_towns(), rng)),
                                         filename="合浦县春季招聘岗位.xlsx", county_code=COUNTY,
                                         publish=True)   # the demo's seed goes public whatever its size
        if result.errors:
            stdout.write(f"  岗位导入失败：{result.errors[:3]}")
            return
        b = board = result.batch
        stdout.write(f"  岗位 {b.created_count} 个，用人单位 {b.employers_created} 个，疑似歧视待核查 {b.flagged_count} 个")
    today = local_today()
    story = _placement_story(today)
    _visits_due_today(admin, rng, today)
    people = _key_people(admin, rng, today)
    if board is not None:
        _posted_before_referrals(board)
    counts = visits.visit_scan(today=today)
    stdout.write(f"  重点群体 {people} 人；走访提醒 {counts['created']} 条；就业故事：{story}")


POSTED_BEFORE_DAYS = 14   # the job board was imported two weeks before the demo's first referral to one of its postings


def _posted_before_referrals(board: PostingImport) -> None:
    """Date the demo's job board (`board`, the import batch, and its postings) before the first referral to any of
    them: the referrals go back months, the import ran today, so some referrals predated their posting (mend18b #5b)."""
    from django.db.models import Min
    from django.utils import timezone

    from jianfu.employment.models import Referral

    first = Referral.objects.filter(posting__batch=board).aggregate(day=Min("referred_on"))["day"]
    if first is None:
        return
    day = first - dt.timedelta(days=POSTED_BEFORE_DAYS)
    posted = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    Posting.objects.filter(batch=board).update(created_at=posted)
    PostingImport.objects.filter(pk=board.pk).update(created_at=posted)


def _working_age(qs, today):
    young, old = dt.date(today.year - 59, today.month, 1), dt.date(today.year - 18, today.month, 1)
    return qs.filter(status="active", birth_date__gte=young, birth_date__lte=old, key_person__isnull=True)


GROUPS = [("is_rural_labour", 0.5), ("is_registered_unemployed", 0.35), ("is_poverty_labour", 0.15),
          ("is_returning_migrant", 0.15), ("is_hard_to_employ", 0.12), ("is_dibao_labour", 0.08),
          ("is_graduate", 0.08), ("is_disabled", 0.04), ("is_veteran", 0.04)]


def _key_people(actor, rng: random.Random, today: dt.date) -> int:
    from jianfu.employment import matchsvc

    # the histories draw from their own generator, so the people, their groups and profiles stay those of before
    story = random.Random(SEED + 1)
    texts = random.Random(SEED + 2)   # the work histories' years and places, likewise
    matcher = matchsvc._job_matcher()[0] if Posting.objects.filter(status="open").exists() else None
    villages = sorted(set(Person.objects.filter(org_code__startswith=COUNTY).values_list("org_code", flat=True)
                          .distinct()[:400]))
    rng.shuffle(villages)
    chosen = villages[:30] + [QUMU]
    created = 0
    per_village = max(1, KEY_PEOPLE // len(chosen))
    for village in chosen:
        for person in _working_age(Person.objects.filter(org_code=village), today).order_by("id")[:per_village]:
            data = {g: rng.random() < p for g, p in GROUPS}
            # 残疾人 as the registry records it, so the group and the category the matcher reads agree (N06)
            data["is_disabled"] = bool(person.disability_category)
            if not any(data.values()):
                data["is_rural_labour"] = True
            identified = today - dt.timedelta(days=rng.randint(20, 300))
            if data["is_registered_unemployed"]:
                data["unemployment_registered_on"] = identified
                data["unemployment_ground"] = rng.choice(["contract_ended", "dismissed", "rural_transfer"])
            if data["is_graduate"]:
                data.update(graduation_year=today.year - rng.randint(0, 1), major=rng.choice(["电子商务", "会计", "机电一体化"]))
            if data["is_hard_to_employ"]:
                data["hardship"] = [rng.choice(["4050", "zero_family", "long_term"])]
            status = rng.choices(["unemployed", "employed", "flexible"], weights=[6, 3, 1])[0]
            # a person now in work was taken in looking for it and placed on a day since (`_history`); one in ten
            # of the 已就业 was taken in already working (脱贫劳动力 followed up in work), no placement of the period
            already_working = status == "employed" and story.random() < 0.1
            kp = services.key_person_create(actor=actor, person_id=person.pk, data=data,
                                            status=status if already_working else "unemployed",
                                            identified_on=identified)
            desired, certs, edu, wage, places, limits, history = rng.choice(SEEKER_TEXTS)
            services.profile_save(actor=actor, key_person=kp, data={
                "desired_text": desired, "certificates": certs, "education": "", "wage": wage, "places": places,
                "limits": limits, "experience": _work_history(history, person.birth_date, today, texts)})
            if status == "unemployed":   # most were visited in the last month; some are overdue
                visits.visit_record(actor=actor, key_person=kp, outcome=rng.choice(["met", "met", "phone", "not_home"]),
                                    needs=rng.sample(["job", "training", "subsidy"], k=rng.randint(0, 2)),
                                    visited_on=today - dt.timedelta(days=min(rng.randint(1, 36),
                                                                                (today - identified).days)))
            if not already_working:
                _history(actor, kp, status, story, today, matcher)
            created += 1
    return created


REFUSALS = [("employer", "用人单位已招满"), ("employer", "面试未通过"), ("seeker", "本人嫌路远"), ("seeker", "工资低于期望")]


def _after(day: dt.date, rng: random.Random, low: int, high: int, today: dt.date) -> dt.date:
    return min(today, day + dt.timedelta(days=rng.randint(low, high)))


def _history(actor, kp: KeyPerson, status: str, rng: random.Random, today: dt.date, matcher) -> None:
    """The dated steps that lead a person taken in as 失业 on `identified_on` to `status` (newuser17 #3: the demo had
    148 people in work and one dated placement, so 本期新实现就业 read 1 and the trend lay flat): a first visit,
    referrals to postings the matcher recommends for the person (some refused, some hired), an interview, the day of
    the placement — through the services, so the history, the referrals and the person's status agree. A person
    still looking for work may have a referral refused in the past, or one open now (已推荐, 面试中)."""
    from jianfu.employment import matchsvc

    day = kp.identified_on
    visits.visit_record(actor=actor, key_person=kp, outcome=rng.choice(["met", "met", "phone"]), needs=["job"],
                        visited_on=_after(day, rng, 1, 7, today))   # the first visit, within the rule's 7 days
    recs = {r.job_id: r for r in matcher.jobs_for(matchsvc.seeker_of(kp), top=5)} if matcher is not None else {}
    order = list(recs)
    postings = sorted(Posting.objects.filter(pk__in=[int(pk) for pk in recs], status="open")
                      .select_related("organisation"), key=lambda p: order.index(str(p.pk)))
    path = {"employed": rng.choice(["referral", "referral", "referral", "own"]), "flexible": "flexible"}.get(
        status, rng.choices(["none", "refused", "referred", "interviewing"], weights=[11, 5, 2, 2])[0])
    if path in ("referral", "refused", "referred", "interviewing") and not postings:
        path = {"referral": "own", "refused": "none", "referred": "none", "interviewing": "none"}[path]
    if path == "own":        # found work on their own, after a few weeks
        services.key_person_place(actor=actor, key_person=kp, on=_after(day, rng, 14, 120, today), note="自主就业")
    elif path == "flexible":
        services.key_person_place(actor=actor, key_person=kp, flexible=True, on=_after(day, rng, 14, 120, today),
                                  note="打零工、跑外卖")
    elif path in ("referral", "refused"):
        if path == "referral" and len(postings) > 1 and rng.random() < 0.3:   # a first referral that did not work out
            day = _refused(actor, kp, postings.pop(0), recs, rng, _after(day, rng, 5, 30, today), today)
        posting = postings[0]
        on = _after(day, rng, 5, 30, today)
        if path == "refused":
            _refused(actor, kp, posting, recs, rng, on, today)
        else:
            referral = _refer(actor, kp, posting, recs, on)
            on = _after(on, rng, 3, 10, today)
            services.referral_advance(actor=actor, referral=referral, status="interviewed", on=on)
            services.referral_advance(actor=actor, referral=referral, status="hired", on=_after(on, rng, 2, 14, today))
    elif path in ("referred", "interviewing"):   # open now: referred in the last weeks
        on = max(day, today - dt.timedelta(days=rng.randint(2, 20)))
        referral = _refer(actor, kp, postings[0], recs, on)
        if path == "interviewing":
            services.referral_advance(actor=actor, referral=referral, status="interviewed",
                                      on=_after(on, rng, 1, 5, today))


def _refer(actor, kp: KeyPerson, posting: Posting, recs: dict, on: dt.date):
    rec = recs[str(posting.pk)]
    return services.referral_create(actor=actor, key_person=kp, posting=posting, score=float(rec.score),
                                    reasons=rec.reasons, on=on)


def _refused(actor, kp: KeyPerson, posting: Posting, recs: dict, rng: random.Random, on: dt.date,
             today: dt.date) -> dt.date:
    """A referral that was refused (by the employer or the person); the person is back to 失业. Its closing day."""
    referral = _refer(actor, kp, posting, recs, on)
    by, reason = rng.choice(REFUSALS)
    closed = _after(on, rng, 3, 14, today)
    services.referral_advance(actor=actor, referral=referral, status="refused", reason=reason, refused_by=by,
                              on=closed)
    return closed


def _visits_due_today(actor, rng: random.Random, today: dt.date) -> None:
    """Five people of 曲木村 (three in grid_a's grid) taken in exactly a week ago: their first visit is due today."""
    grid = _working_age(Person.objects.filter(org_code=QUMU, grid_code=QUMU_GRID), today).order_by("-id")[:3]
    rest = _working_age(Person.objects.filter(org_code=QUMU).exclude(grid_code=QUMU_GRID), today).order_by("-id")[:2]
    texts = random.Random(SEED + 3)   # their histories' years and places (`rng` draws as before)
    for person in [*grid, *rest]:
        kp = services.key_person_create(actor=actor, person_id=person.pk, identified_on=today - dt.timedelta(days=7),
                                        data={"is_registered_unemployed": True, "is_rural_labour": True,
                                              "is_disabled": bool(person.disability_category),
                                              "unemployment_registered_on": today - dt.timedelta(days=7),
                                              "unemployment_ground": "contract_ended"})
        desired, certs, edu, wage, places, limits, history = rng.choice(SEEKER_TEXTS)
        services.profile_save(actor=actor, key_person=kp, data={"desired_text": desired, "certificates": certs,
                                                                "wage": wage, "places": places, "limits": limits,
                                                                "experience": _work_history(history, person.birth_date,
                                                                                            today, texts)})


def _story_history(birth: dt.date, today: dt.date) -> str:
    """The story's seven years on a line in 东莞 up to two years ago ("2017年到2024年" in 2026), begun no earlier than at 16
    (fewer years for a younger person)."""
    end = today.year - 2
    return f"{max(end - 7, birth.year + WORK_FROM_AGE)}年到{end}年在东莞电子厂做流水线"


def _placement_story(today: dt.date) -> str:
    """曲木村: taken in 30 days ago, visited, recommended by the matcher, interviewed, hired, subsidy paid."""
    from jianfu.employment import matchsvc

    cadre = _user("village_a") or _user("admin")
    person = _working_age(Person.objects.filter(org_code=QUMU), today).order_by("id").first()
    if person is None:
        return "曲木村没有合适的演示人员"
    day = today - dt.timedelta(days=30)
    kp = services.key_person_create(actor=cadre, person_id=person.pk, identified_on=day, data={
        "is_registered_unemployed": True, "is_rural_labour": True, "is_disabled": bool(person.disability_category),
        "unemployment_registered_on": day,
        "unemployment_ground": "contract_ended", "note": "原在广东电子厂打工，合同到期返乡"})
    services.profile_save(actor=cadre, key_person=kp, data={
        "desired_text": "做过流水线，想进厂，离家近就行", "certificates": "", "wage": "4000左右",
        "places": ["town", "county"], "limits": ["day_only"], "experience": _story_history(person.birth_date, today)})
    visits.visit_record(actor=cadre, key_person=kp, outcome="met", needs=["job"], next_step="推荐工业园岗位",
                        visited_on=today - dt.timedelta(days=25))
    recs = matchsvc.jobs_for(kp, top=5)
    if not recs:
        return f"{person.name}：暂无匹配岗位"
    posting, rec = recs[0]
    referral = services.referral_create(actor=cadre, key_person=kp, posting=posting, score=float(rec.score),
                                        reasons=rec.reasons, on=today - dt.timedelta(days=20))
    services.referral_advance(actor=cadre, referral=referral, status="interviewed", on=today - dt.timedelta(days=15))
    services.referral_advance(actor=cadre, referral=referral, status="hired", on=today - dt.timedelta(days=10))
    services.service_record_create(actor=cadre, key_person=kp, kind="si_subsidy", title="灵活就业人员社保补贴",
                                   started_on=today - dt.timedelta(days=5), amount="1200", outcome="completed")
    return f"{person.name} 经推荐到{posting.organisation.name}任{posting.title}"
