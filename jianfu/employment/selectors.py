"""Reads of 就业帮扶, scoped inside (`access.scoped` = the registry's rule: grid workers their grid,
everyone else their subtree; REGISTRY_READ for anything about persons). Postings that are open are public."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from jianfu.core.errors import NotFoundError
from jianfu.employment import access
from jianfu.employment.models import (
    KEY_GROUP_FIELDS,
    KeyPerson,
    Posting,
    PostingImport,
    PostingStatus,
    Referral,
    ReferralStatus,
    SeekerImportBatch,
    ServiceRecord,
    Visit,
    VisitRule,
    VisitTask,
)
from jianfu.employment.workflow import ACTIVE_STATUSES, REFERRAL_OPEN

if TYPE_CHECKING:
    from jianfu.employment.access import Account


SEEKING = "seeking"   # a 状态 of the 重点群体 list: every status still looking for work (`workflow.ACTIVE_STATUSES`)


def key_person_list(*, user, q: str = "", status: str = "", group: str = "", org_code: str = "", town: str = "",
                    village: str = "") -> QuerySet:
    """`town` (a township's 12-digit code) and `village` (a village's) narrow the list inside the account's scope; a
    village outside the chosen town is ignored (the town was changed after the village was picked)."""
    qs = access.scoped(user, KeyPerson.objects.select_related("person", "profile"))
    town_prefix = town[:9] if re.fullmatch(r"\d{9}000", town or "") else ""
    if town_prefix:
        qs = qs.filter(org_code__startswith=town_prefix)
    if re.fullmatch(r"\d{12}", village or "") and village.startswith(town_prefix):
        qs = qs.filter(org_code=village)
    q = (q or "").strip()[:50]
    if q:
        qs = qs.filter(person__name__contains=q)
    if status == SEEKING:   # the dashboard's 在帮扶未就业 (newuser32c #3)
        qs = qs.filter(status__in=ACTIVE_STATUSES)
    elif status:
        from jianfu.employment.models import KeyStatus

        if status in KeyStatus.values:
            qs = qs.filter(status=status)
    if group in KEY_GROUP_FIELDS:
        qs = qs.filter(**{group: True})
    if org_code and re.fullmatch(r"\d{2,12}", org_code):
        qs = qs.filter(org_code__startswith=org_code)
    return qs.order_by("org_code", "id")


VISIT_FILTERS = ("week", "overdue")


def key_person_visit_list(*, user, visit: str = "", **filters: str) -> QuerySet:
    """The 重点群体 list with each person's earliest open visit date (`next_visit_on`, None without an open task) — the
    page marks who is due a visit this week or overdue, and `visit` narrows to them: `week` (due by this week's Sunday,
    the overdue included, as 走访提醒's 本周要走访) or `overdue` (newuser35: the village cadre switched to 走访提醒 to
    learn which of the people listed needed a visit). The tasks are read in the account's scope too."""
    from jianfu.registry.ledger.values import local_today

    first_due = (access.scoped(user, VisitTask.objects.filter(key_person=OuterRef("pk"), status=VisitTask.Status.DUE))
                 .order_by("due_on").values("due_on")[:1])
    qs = key_person_list(user=user, **filters).annotate(next_visit_on=Subquery(first_due))
    today = local_today()
    if visit == "week":
        qs = qs.filter(next_visit_on__lte=week_end(today))
    elif visit == "overdue":
        qs = qs.filter(next_visit_on__lt=today)
    return qs


def key_person_places(*, user) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The towns and villages the 重点群体 list can be narrowed to (newuser17 #2: the county's 366 people on 13 pages):
    those where the account's own people live — read through the scoping rule (`access.scoped`), so never a place
    outside the account's scope. [(town code, town name, [(village code, village name), …]), …] in code order."""
    from jianfu.orgs.models import OrgUnit

    villages = list(access.scoped(user, KeyPerson.objects.all()).order_by("org_code")
                    .values_list("org_code", flat=True).distinct())
    towns = sorted({code[:9] + "000" for code in villages if len(code) == 12})
    names = dict(OrgUnit.objects.filter(code__in=[*villages, *towns]).values_list("code", "name"))
    return [(town, names.get(town, town), [(v, names.get(v, v)) for v in villages if v[:9] == town[:9]])
            for town in towns]


def key_person_get(*, user, pk: int) -> KeyPerson:
    kp = access.scoped(user, KeyPerson.objects.select_related("person")).filter(pk=pk).first()
    if kp is None:
        raise NotFoundError(_("找不到该人员，或不在您的管辖范围内。"))
    return kp


def history_of(kp: KeyPerson) -> QuerySet:
    return kp.history.select_related("actor").order_by("-on", "-id")


def visits_of(kp: KeyPerson) -> QuerySet:
    return kp.visits.select_related("visitor").order_by("-visited_on", "-id")


def referrals_of(kp: KeyPerson) -> QuerySet:
    return kp.referrals.select_related("posting", "posting__organisation").order_by("-referred_on", "-id")


def open_referrals_elsewhere(*, user: Account, key_person_ids: Iterable[int], posting: Posting) -> dict[int, list[Referral]]:
    """The open referrals (已推荐 / 已投递 / 已面试) of these people to postings other than `posting`, by person, newest
    first: a candidates list marks who is already being placed (prod18), it does not reorder them. The mark names the
    other posting's employer with its title (newuser31 #3: "已推荐：电子厂普工" on another 电子厂普工's page read as this
    one's)."""
    found: dict[int, list[Referral]] = {}
    rows = access.scoped(user, Referral.objects.filter(key_person_id__in=list(key_person_ids), status__in=REFERRAL_OPEN)
                         .exclude(posting=posting).select_related("posting", "posting__organisation"))
    for r in rows.order_by("-referred_on", "-id"):
        found.setdefault(r.key_person_id, []).append(r)
    return found


def services_of(kp: KeyPerson) -> QuerySet:
    return kp.services.order_by("-started_on", "-id")


def visit_get(*, user, pk: int) -> Visit:
    visit = access.scoped(user, Visit.objects.select_related("key_person")).filter(pk=pk).first()
    if visit is None:
        raise NotFoundError(_("找不到该走访记录。"))
    return visit


def week_end(today: dt.date) -> dt.date:
    """The Sunday that ends `today`'s week (Monday to Sunday, as the Chinese working week is counted)."""
    return today + dt.timedelta(days=6 - today.weekday())


def visit_task_list(*, user, state: str = "due", today=None, village: str = "") -> QuerySet:
    """Due visit tasks in scope: `due` (all open), `today` (due today, as the 工作台 counts them),
    `week` (due by this week's Sunday, the overdue ones included: who is to be visited this week, newuser31 #1),
    `overdue` (past their date, a tab of its own), `escalated`; of one village when `village` is given."""
    from jianfu.registry.ledger.values import local_today

    today = today or local_today()
    qs = access.scoped(user, VisitTask.objects.select_related("key_person", "key_person__person", "assignee")).filter(
        status=VisitTask.Status.DUE)
    if state == "overdue":
        qs = qs.filter(due_on__lt=today)
    elif state == "escalated":
        qs = qs.filter(escalated_on__isnull=False)
    elif state == "today":
        qs = qs.filter(due_on=today)
    elif state == "week":
        qs = qs.filter(due_on__lte=week_end(today))
    if re.fullmatch(r"\d{12}", village or ""):
        qs = qs.filter(org_code=village)
    return qs.order_by("due_on", "id")


def visit_task_get(*, user, pk: int) -> VisitTask:
    """A visit task in scope, open or not (the township's actions refuse a finished one with a reason)."""
    task = (access.scoped(user, VisitTask.objects.select_related("key_person", "key_person__person", "assignee"))
            .filter(pk=pk).first())
    if task is None:
        raise NotFoundError(_("找不到该走访任务，或不在您的管辖范围内。"))
    return task


def open_visit_task_get(*, user, pk: int) -> VisitTask:
    """An open (待走访) visit task in scope; a done or cancelled task is no longer anyone's to visit."""
    task = (access.scoped(user, VisitTask.objects.select_related("key_person", "key_person__person"))
            .filter(pk=pk, status=VisitTask.Status.DUE).first())
    if task is None:
        raise NotFoundError(_("找不到该走访任务，或不在您的管辖范围内。"))
    return task


def closed_visit_task_of(*, user, pk: int, key_person_pk: int) -> VisitTask | None:
    """The visit task `pk` of that person, in scope and no longer open (已走访, 已取消, 乡镇已处理); None otherwise —
    whether it is open, unknown or out of scope (which the caller refuses as unknown, telling nothing)."""
    return (access.scoped(user, VisitTask.objects.select_related("key_person__person"))
            .filter(pk=pk, key_person_id=key_person_pk).exclude(status=VisitTask.Status.DUE).first())


def open_visit_task_of(*, user, key_person: KeyPerson) -> VisitTask | None:
    """The earliest open visit task of this person in scope, if any (the visit form's reveal goes through it)."""
    return (access.scoped(user, VisitTask.objects.filter(key_person=key_person, status=VisitTask.Status.DUE))
            .order_by("due_on", "id").first())


def referral_list(*, user, status: str = "") -> QuerySet:
    qs = access.scoped(user, Referral.objects.select_related("key_person__person", "posting__organisation"))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-referred_on", "-id")


def referral_get(*, user, pk: int) -> Referral:
    r = referral_list(user=user).filter(pk=pk).first()
    if r is None:
        raise NotFoundError(_("找不到该推荐记录。"))
    return r


def service_get(*, user, pk: int) -> ServiceRecord:
    r = access.scoped(user, ServiceRecord.objects.select_related("key_person")).filter(pk=pk).first()
    if r is None:
        raise NotFoundError(_("找不到该服务记录。"))
    return r


# ---------------------------------------------------------------- postings

def public_postings(*, q: str = "", place: str = "") -> QuerySet:
    """Open postings: anyone may read them (no login)."""
    from jianfu.registry.ledger.values import local_today

    qs = Posting.objects.filter(Posting.public_filter(local_today())).select_related("organisation")
    q = (q or "").strip()[:50]
    order: list = []
    if q:
        found = (Q(title__contains=q) | Q(organisation__name__contains=q) | Q(occupation_name__contains=q)
                 | Q(place_text__contains=q))
        if (seat := _place_alias(q)) is not None:   # "县城": the postings of the town it is, however written
            found |= Q(org_code__startswith=seat)
        # mend35 #1: what the job is like is written in its text — "包吃住", "白班", "双休", "五险一金" found nothing.
        # The description, benefits and shifts are searched too, ranked after the postings whose title, employer or
        # place has the words (a search for 包装 lists the 包装工 first, then the jobs that mention packing)
        in_text = Q(description__contains=q) | Q(benefits__contains=q) | Q(shifts__contains=q)
        qs = qs.filter(found | in_text)
        order.append(Case(When(found, then=Value(0)), default=Value(1)))
    if place and re.fullmatch(r"\d{6,12}", place):
        qs = qs.filter(org_code__startswith=place)
    # newest day first; within a day (one import adds a whole sheet at once) ordinary jobs before 公益性岗位, which
    # are only for the hard-to-employ, then in the sheet's own order — not the sheet's last rows first
    welfare = Case(When(title__contains="公益性岗位", then=Value(1)), default=Value(0))
    return qs.order_by(*order, TruncDate("created_at").desc(), welfare, "id")


def _place_alias(q: str) -> str | None:
    """The code prefix of the place a search for the county seat or the industrial park means ("县城", "合浦县城",
    "城区", "工业园": the names the posting import and the matcher read as that town, `Gazetteer.alias_code`), or None.
    newuser34b #2: a citizen's 县城 found only the postings whose place was typed with 县城 — none on the demo — and
    the page said 暂无岗位 while 廉州镇, the county seat, had 25."""
    if "城" not in q and "园" not in q:      # every such name has one of them: no gazetteer for other searches
        return None
    from jianfu.employment.matchsvc import county
    from jianfu.employment.places import county_gazetteer

    code = county_gazetteer(county()).alias_code(q)
    if not code:
        return None
    code = code.ljust(12, "0")
    return code[:9] if code.endswith("000") else code


def public_posting_towns() -> list[str]:
    """The towns (12-digit codes) that have open postings, for the job list's place filter."""
    from jianfu.registry.ledger.values import local_today

    codes = (Posting.objects.filter(Posting.public_filter(local_today())).exclude(org_code="")
             .values_list("org_code", flat=True).distinct())
    return sorted({code[:9].ljust(12, "0") for code in codes if len(code) >= 9 and code[6:9] != "000"})


# the words a township's employment office is named by: 人社所, 劳动保障所, 社会保障服务中心, 就业服务中心
_EMPLOYMENT_OFFICE = ("人社", "劳动保障", "社会保障", "就业服务", "人力资源")


@dataclass(frozen=True)
class EmploymentOffice:
    """Where a citizen registers for a posting in its town (mend35 #3). The platform's unit records (`orgs.OrgUnit`)
    hold no address and no phone, so `address` is never known; the phone is the one the office publishes as the
    contact of its town's own postings (the demo's 公益性岗位: "曲樟乡社会保障服务中心 0779-0739000"), or none."""
    town: str
    name: str = ""
    phone: str = ""


def town_employment_office(*, org_code: str) -> EmploymentOffice | None:
    """The employment office of the town a posting is in: a station registered under the town whose name is such an
    office's, else the one its town's own open postings give as their contact. None for a posting of no town."""
    from jianfu.orgs.models import OrgUnit, UnitKind
    from jianfu.registry.ledger.values import local_today

    if len(org_code) < 9 or not org_code[:9].isdigit() or org_code[6:9] == "000":
        return None
    town_code = org_code[:9].ljust(12, "0")
    town = OrgUnit.objects.filter(code=town_code).values_list("name", flat=True).first()
    if town is None:
        return None
    named = Q()
    for word in _EMPLOYMENT_OFFICE:
        named |= Q(name__contains=word)
    unit = (OrgUnit.objects.filter(named, parent_code=town_code, kind=UnitKind.DEPARTMENT, is_active=True)
            .order_by("code").values_list("name", flat=True).first())
    contact = Q()
    for word in _EMPLOYMENT_OFFICE:
        contact |= Q(contact_name__contains=word)
    published = (Posting.objects.filter(Posting.public_filter(local_today()), contact, org_code__startswith=town_code[:9])
                 .exclude(contact_phone="").order_by("id").values_list("contact_name", "contact_phone"))
    if unit:
        phone = next((p for n, p in published if n == unit), "")
        return EmploymentOffice(town=town, name=unit, phone=phone)
    first = published.first()
    if first:
        return EmploymentOffice(town=town, name=first[0], phone=first[1])
    return EmploymentOffice(town=town)


def public_posting_get(*, pk: int) -> Posting:
    posting = public_postings().filter(pk=pk).first()
    if posting is None:
        raise NotFoundError(_("找不到该岗位，或已停止招聘。"))
    return posting


# 岗位管理 lists what is live first (U14: after a withdrawn batch, 全部 opened on hundreds of 已下架 rows)
MANAGED_STATUS_ORDER = (PostingStatus.OPEN, PostingStatus.PENDING, PostingStatus.FLAGGED, PostingStatus.CLOSED,
                        PostingStatus.WITHDRAWN)


def managed_postings(*, user, status: str = "", q: str = "", batch: int | str | None = None) -> QuerySet:
    """Every posting in the manager's scope, any status (flagged ones included): open ones first, then pending,
    flagged, ended and withdrawn, newest first within each. `batch` narrows to one import's postings."""
    scope = access.manage_scope(user)
    qs = scope.filter(Posting.objects.select_related("organisation"))
    if status in PostingStatus.values:
        qs = qs.filter(status=status)
    if batch and str(batch).isdigit():
        qs = qs.filter(batch_id=int(batch))
    q = (q or "").strip()[:50]
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(organisation__name__contains=q))
    rank = Case(*[When(status=s, then=Value(i)) for i, s in enumerate(MANAGED_STATUS_ORDER)],
                default=Value(len(MANAGED_STATUS_ORDER)))
    return qs.annotate(status_rank=rank).order_by("status_rank", "-created_at", "-id")


def managed_posting_get(*, user, pk: int) -> Posting:
    posting = managed_postings(user=user).filter(pk=pk).first()
    if posting is None:
        raise NotFoundError(_("找不到该岗位，或不在您的管辖范围内。"))
    return posting


# ---------------------------------------------------------------- an employer's referrals (session 28)

def referrals_employer_get(*, user, pk: int):
    """An employer (registry organisation) with a posting the account manages — the township its town's, the county
    office and the 人社局 the county's (`managed_postings`, the one scoping rule); 404 otherwise, whatever it is."""
    from jianfu.registry.models import Organisation

    access.referral_reads_scope(user)
    employer = Organisation.objects.filter(pk=pk, postings__in=managed_postings(user=user)).distinct().first()
    if employer is None:
        raise NotFoundError(_("找不到该用人单位，或其岗位不在您的管辖范围内。"))
    return employer


def referrals_to(*, user, employer=None, posting: Posting | None = None,
                 status: str = "") -> tuple[QuerySet[Referral], int]:
    """The referrals (推荐就业) to one managed posting, or to every managed posting of one employer, newest first —
    those of people the account reads (`access.scoped`: the person's village or grid, as every read of people), and how
    many more there are of people outside its scope (another town's cadre referred them: counted, never named)."""
    access.referral_reads_scope(user)
    postings = managed_postings(user=user)
    postings = postings.filter(pk=posting.pk) if posting is not None else postings.filter(organisation=employer)
    every = Referral.objects.filter(posting__in=postings)
    if status in ReferralStatus.values:
        every = every.filter(status=status)
    shown = access.scoped(user, every).select_related("key_person__person", "posting", "referred_by")
    return shown.order_by("-referred_on", "-id"), every.count() - shown.count()


def referral_counts(*, user, employer) -> list[tuple[Posting, int]]:
    """The employer's postings the account manages, each with its referrals of people the account reads, newest
    posting first: the employer page's way to one posting's list."""
    from django.db.models import Count

    access.referral_reads_scope(user)
    shown = access.scoped(user, Referral.objects.all())
    rows = (managed_postings(user=user).filter(organisation=employer)
            .annotate(shown=Count("referrals", filter=Q(referrals__in=shown))).order_by("-created_at", "-id"))
    return [(p, p.shown) for p in rows]


def posting_for_referral(*, user, pk: int) -> Posting:
    """A posting a person may be referred to: open ones (public) — anyone who refers may see them."""
    return public_posting_get(pk=pk)


HELD_SHOWN = 10   # the held postings shown on a 待确认 batch's page (U11); the rest through 岗位管理?batch=


REVIEW_ACTIONS = {"employment.posting.clear": "clear", "employment.posting.withdraw": "withdraw"}


def posting_review(posting: Posting) -> dict | None:
    """The county office's latest conclusion on a flagged posting (核查无误，公开 or 下架): what, the note typed, who,
    when — read from the audit record the move wrote, so the page shows what was decided after the flag box goes."""
    from jianfu.core.models import AuditRecord

    record = (AuditRecord.objects.select_related("actor").filter(object_type=Posting._meta.label_lower, object_id=str(posting.pk),
                                         action__in=REVIEW_ACTIONS).order_by("-id").first())
    if record is None:
        return None
    return {"action": REVIEW_ACTIONS[record.action], "note": (record.changes or {}).get("note", ""),
            # the account's name (姓名), its login only when it has none or is gone (newuser24: "dept_hrss 于…")
            "actor": str(record.actor) if record.actor else record.actor_name, "at": record.created_at}


def held_postings(*, batch: PostingImport, limit: int = HELD_SHOWN) -> list[Posting]:
    """The first rows of a held batch (待确认), in the file's order, so the uploader looks before confirming. The
    batch comes from `postings.import_get`, already scoped."""
    return list(batch.postings.filter(status=PostingStatus.PENDING).select_related("organisation")
                .order_by("id")[:limit])


FLAGGED_SHOWN = 200   # the batch page lists this many flagged postings' findings; the rest are one link away


@dataclass(frozen=True)
class FlagRow:
    posting: Posting
    fields: str        # the columns the phrase stands in ("岗位描述、年龄要求"; "" when the finding predates `fields`)
    label: str         # the rule ("性别限制")
    excerpt: str       # the phrase as written
    laws: str          # the provisions cited, "；"-joined


def batch_flag_rows(*, batch: PostingImport, limit: int = FLAGGED_SHOWN) -> list[FlagRow]:
    """The findings of the discrimination check on a batch's postings, one row per finding, in the file's order
    (mend35 #4: the batch page counted 疑似歧视待核查 4 个 and named neither the postings nor the phrases). The batch comes
    from `postings.import_get`, already scoped."""
    from jianfu.employment.postings import COLUMNS

    rows: list[FlagRow] = []
    for posting in batch.postings.exclude(flags=[]).select_related("organisation").order_by("id")[:limit]:
        for flag in posting.flags:
            fields = "、".join(COLUMNS[f][0] if f in COLUMNS else f for f in flag.get("fields", []))
            rows.append(FlagRow(posting, fields, flag.get("label", ""), flag.get("excerpt", ""),
                                "；".join(flag.get("laws", []))))
    return rows


def import_list(*, user) -> QuerySet:
    scope = access.manage_scope(user)
    return scope.filter(PostingImport.objects.all()).order_by("-created_at", "-id")


RECENT_SEEKER_IMPORTS = 10


def seeker_import_list(*, user, limit: int = RECENT_SEEKER_IMPORTS) -> list[SeekerImportBatch]:
    """The most recent seeker uploads the account may open (its own, and those of the units whose people it reads:
    the rule of `seekerjobs.import_get`), newest first — the way back to a batch left interrupted (codereview16 #6)."""
    scope = access.read_scope(user)
    mine = Q(created_by_id=user.pk) | scope.q()
    return list(SeekerImportBatch.objects.filter(mine).order_by("-created_at", "-id")[:limit])


def visit_rules(*, user) -> list[VisitRule]:
    from jianfu.employment.postings import county_for
    from jianfu.employment.visits import rules_ensure

    access.county_scope(user)
    return rules_ensure(county_for(user))


def visit_rule_get(*, user, pk: int) -> VisitRule:
    scope = access.county_scope(user)
    rule = scope.filter(VisitRule.objects.all()).filter(pk=pk).first()
    if rule is None:
        raise NotFoundError(_("找不到该规则。"))
    return rule


# ---------------------------------------------------------------- suggestions from the registry

# registry flag → the key group it suggests (for a working-age person who is not employed)
REGISTRY_SUGGESTIONS = (("is_poverty_alleviated", "is_poverty_labour"), ("is_dibao", "is_dibao_labour"),
                        ("is_veteran", "is_veteran"))


def suggested_groups(person) -> list[str]:
    groups = [group for flag, group in REGISTRY_SUGGESTIONS if getattr(person, flag)]
    if person.disability_category:
        groups.append("is_disabled")
    if person.employment_status == "unemployed":
        groups.append("is_registered_unemployed")
    if person.residence_status == "huji" and not groups:
        groups.append("is_rural_labour")
    return groups


def registry_candidates(*, user, limit: int = 30) -> list[tuple]:
    """Working-age (16–59) registry persons in scope, not employed and not yet taken in, whose registry
    record already says they may need help (失业, 脱贫, 低保, 残疾, 退役军人): (person, suggested groups)."""
    import datetime as dt

    from jianfu.registry import selectors as registry_selectors
    from jianfu.registry.ledger.values import local_today

    today = local_today()
    oldest = dt.date(today.year - 60, today.month, 1)
    youngest = dt.date(today.year - 16, today.month, 1)
    qs = (registry_selectors.person_list(user=user).filter(status="active", key_person__isnull=True,
                                                           birth_date__gt=oldest, birth_date__lte=youngest)
          # 灵活就业 is work (the dashboard and its xlsx count it as 已就业): the list said 未就业 and offered people
          # in it for the cadre to check (tryout28 #6)
          .exclude(employment_status__in=["employed", "flexible", "student", "retired"])
          .filter(Q(employment_status="unemployed") | Q(is_poverty_alleviated=True) | Q(is_dibao=True)
                  | Q(is_veteran=True, employment_status="unemployed") | ~Q(disability_category="")))
    return [(p, suggested_groups(p)) for p in qs.order_by("org_code", "id")[:limit]]
