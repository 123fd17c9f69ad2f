"""The app's side of matching: database rows → the core's `Seeker` / `Job`, the referral outcomes → `Outcome`
(what the matcher learns from), and the recommendations back as (posting, recommendation) or
(key person, recommendation) pairs. No scoring happens here.

The posting side (every open posting) is the same for everyone, so one `Matcher` over it is kept per process
and rebuilt when postings or outcomes change (a cheap fingerprint query decides). The seeker side of
`seekers_for` is the account's own scope only: a village sees candidates from its village, never others'.
"""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from jianfu.employment import access
from jianfu.employment.matching import Gazetteer, Job, Matcher, Outcome, Seeker
from jianfu.employment.models import KeyPerson, Limit, Place, Posting, PostingStatus, Referral
from jianfu.employment.places import county_gazetteer
from jianfu.employment.workflow import ACTIVE_STATUSES
from jianfu.registry.ledger.values import age_on, local_today
from jianfu.registry.models import Education

EDUCATION_WORDS = {v: str(label) for v, label in Education.choices}
EDUCATION_WORDS[Education.SENIOR] = "高中"
EDUCATION_WORDS[Education.POSTGRADUATE] = "硕士"
PLACE_WORDS = {v: str(label) for v, label in Place.choices}
LIMIT_WORDS = {v: str(label) for v, label in Limit.choices}

_lock = threading.Lock()
_cache: dict[str, object] = {}


def gazetteer(county: str = "450521") -> Gazetteer:
    """The county's gazetteer, the one the posting import reads places through (`places.county_gazetteer`)."""
    return county_gazetteer(county)


def _age(birth) -> int | None:
    if birth is None:
        return None
    return age_on(birth, local_today())


def seeker_of(kp: KeyPerson) -> Seeker:
    person = kp.person
    profile = getattr(kp, "profile", None)
    notes = []
    if profile is not None:
        notes += [LIMIT_WORDS.get(x, x) for x in profile.limits]
        if profile.limits_note:
            notes.append(profile.limits_note)
    if kp.is_disabled or person.disability_category:
        notes.append(person.get_disability_category_display() or "残疾")
        if kp.work_capacity:
            notes.append(f"能做：{kp.work_capacity}")
    wage = ""
    if profile is not None and (profile.wage_min or profile.wage_max):
        wage = f"{profile.wage_min or ''}-{profile.wage_max or ''}".strip("-")
    education = (profile.education if profile is not None and profile.education else person.education) or ""
    return Seeker(
        id=str(kp.pk), age=_age(person.birth_date), education=EDUCATION_WORDS.get(education, ""),
        residence=kp.org_code, desired=profile.desired_text if profile else "",
        certificates=list(profile.certificates) if profile else "", experience=profile.experience if profile else "",
        wage=wage, places="、".join(PLACE_WORDS.get(p, p) for p in profile.places) if profile else "",
        notes="，".join(notes), name="", gender=person.gender, category="、".join(kp.groups),
        occupation_codes=(profile.occupation_code,) if profile and profile.occupation_code else ())


def _place(p: Posting, gaz: Gazetteer | None) -> str:
    """The posting's place as the core reads it: the stored code for one place; the words as written when they
    list several ("党江镇、沙田镇"), so that the posting may be taken at either, as in the batch run (the stored
    code holds the first place only)."""
    if gaz is not None and p.place_text and len(gaz.resolve_each(p.place_text)) > 1:
        return p.place_text
    return p.place_code or p.place_text


def job_of(p: Posting, gaz: Gazetteer | None = None) -> Job:
    # the stored bounds in the words the core reads, an open bound left open (as an imported "18岁以上" is)
    age = f"{p.age_min}-{p.age_max}岁" if p.age_min and p.age_max else \
        f"{p.age_min}岁以上" if p.age_min else f"{p.age_max}岁以下" if p.age_max else ""
    wage = p.wage_text
    if not wage and (p.wage_min or p.wage_max):
        wage = f"{p.wage_min or ''}-{p.wage_max or ''}".strip("-")
    description = p.description if not p.shifts else f"{p.description}。班次：{p.shifts}"
    return Job(id=str(p.pk), title=p.title, employer=p.organisation.name, headcount=p.headcount,
               education=EDUCATION_WORDS.get(p.education_min, ""), age=age,
               experience=f"{p.experience_years}年以上" if p.experience_years else "", certificates=list(p.certificates),
               wage=wage, place=_place(p, gaz), description=description, benefits=p.benefits)
    # no occupation_codes: the stored code is the core's own reading of these words, kept for lists and figures;
    # passed back it would count as chosen on a form and pin a posting stored before a reading improved


def outcomes() -> list[Outcome]:
    rows = Referral.objects.values_list("key_person_id", "posting_id", "status", "refusal_reason", "refused_by")
    return [Outcome(seeker_id=str(k), job_id=str(j), stage=s, reason=r or "", by=b or "") for k, j, s, r, b in rows]


def _open_postings():
    from django.db.models import Q

    return Posting.objects.filter(status=PostingStatus.OPEN).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=local_today())).select_related("organisation")


def _job_matcher() -> tuple[Matcher, dict[str, Posting]]:
    """The matcher over every open posting, cached per process until postings or referrals change."""
    stamp = (_open_postings().aggregate(n=Count("id"), t=Max("updated_at")),
             Referral.objects.aggregate(n=Count("id"), t=Max("updated_at")), local_today().year)
    with _lock:
        if _cache.get("stamp") == stamp:
            return _cache["matcher"], _cache["postings"]
    postings = {str(p.pk): p for p in _open_postings()}
    gaz = gazetteer()
    matcher = Matcher(jobs=[job_of(p, gaz) for p in postings.values()], gazetteer=gaz, outcomes=outcomes(),
                      year=local_today().year)     # a seeker's "2018年至今" runs to this year
    with _lock:
        _cache.update(stamp=stamp, matcher=matcher, postings=postings)
    return matcher, postings


def jobs_for(key_person: KeyPerson, *, top: int = 10) -> list[tuple[Posting, object]]:
    matcher, postings = _job_matcher()
    if not postings:
        return []
    recs = matcher.jobs_for(seeker_of(key_person), top=top)
    return [(postings[r.job_id], r) for r in recs if r.job_id in postings]


def seekers_for(user, posting: Posting, *, top: int = 10) -> list[tuple[KeyPerson, object]]:
    """Candidates for a posting among the people the account may see (and who still look for work)."""
    people = {str(kp.pk): kp for kp in access.scoped(user, KeyPerson.objects.filter(status__in=ACTIVE_STATUSES)
                                                      .select_related("person", "profile"))}
    if not people:
        return []
    gaz = gazetteer()
    matcher = Matcher(seekers=[seeker_of(kp) for kp in people.values()], gazetteer=gaz, outcomes=outcomes(),
                      year=local_today().year)
    return [(people[r.seeker_id], r) for r in matcher.seekers_for(job_of(posting, gaz), top=top)
            if r.seeker_id in people]
