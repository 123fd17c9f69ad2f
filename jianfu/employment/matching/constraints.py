"""The hard constraints of one pair, checked field by field in plain Python: the oracle the evaluation
and the tests hold the vectorised matcher to ("no top-10 ever breaks a hard constraint")."""

from __future__ import annotations

from datetime import date

from jianfu.employment.matching import (
    civil,
    crews,
    graduates,
    hours,
    languages,
    minors,
    parse,
    pensions,
    records,
    seasons,
    vehicles,
    venues,
)
from jianfu.employment.matching.features import (
    PLACE_SLOTS,
    job_group_text,
    job_major_text,
    job_occupations,
    seeker_group_text,
    seeker_language_text,
    seeker_major_text,
    seeker_record_text,
)
from jianfu.employment.matching.places import Gazetteer, distance_level, fit_named
from jianfu.employment.matching.types import Job, Seeker


def _t(value: object) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(map(str, value))
    return parse.normalise_text(value)


def violations(seeker: Seeker, job: Job, gazetteer: Gazetteer, *, today: date | None = None) -> list[str]:
    """The hard constraints `job` breaks for `seeker` (empty when the pair is allowed). Unknown values
    (no age given, a place that cannot be resolved) break nothing. `today`: the day a date written without its year
    is read from (`Matcher(today=…)`)."""
    broken = []
    try:
        age = seeker.age if isinstance(seeker.age, int) else parse.parse_age(seeker.age)
    except ValueError:
        age = None
    try:
        lo, hi = parse.statutory_age_range(job.title, parse.parse_age_range(job.age))   # a 校车 driver 25–60 (session 27)
    except ValueError:
        lo = hi = None
    # Session 27 (emp-fix27): the age on the posting's stated start, from the birth date the row states (`minors.age_on`)
    birth = minors.seeker_birth(seeker.born, _t(seeker.age), _t(seeker.notes), today)
    on_start = minors.age_on(age, birth,
                             minors.start_date(parse.conditions_text(job.title, job.description, _t(job.benefits)), today))
    # Session 32 (emp-left32): a ceiling relaxed for a group the seeker states ("退役军人放宽至35周岁", `civil.relaxed_for`)
    relaxed = on_start is not None and hi is not None and civil.relaxed_for(
        on_start, hi, civil.seeker_relax_groups(_t(seeker.education), seeker_group_text(seeker),
                                                f"{_t(seeker.certificates)} {_t(seeker.notes)}"),
        civil.relaxation_caps(_t(job.age), _t(job.description)[:2000]))
    if on_start is not None and ((lo is not None and on_start < lo) or (hi is not None and on_start > hi and not relaxed)):
        broken.append("age")
    # Session 24 (emp-read24, blind24 read): a cap of the seeker's own sex below the post's widest ("男≤60周岁，女≤55周岁",
    # "法定退休年龄以下": women 54), at the level the features carry (`parse.AGE_CAP_LEVELS`, the next one up)
    elif age is not None and (caps := parse.sex_age_caps(job.age)):
        sex = parse.sex_of(seeker.gender)          # as the features read it (fix-match24: one reading of 性别)
        widest = max(caps.values())
        level = next((c for c in parse.AGE_CAP_LEVELS if c >= caps.get(sex, widest)), widest)
        if sex in caps and caps[sex] < widest and level < widest and age > level:
            broken.append("age")
    required, optional = parse.machine_licence(job.title, job.certificates,
                                               *parse.parse_required_certificates(_t(job.certificates)))
    later = parse.optional_in_description(_t(job.description)) & required     # got after joining (session 21, emp-read21)
    required, optional = required - later, optional | later
    if parse.asks_residency_training(f"{_t(job.experience)} {_t(job.description)[:2000]}"):   # 规培 (session 36)
        required |= {parse.RESIDENCY_TRAINED}
    # emp-mend27: a certificate with an issue age the employer has the worker sit, obtainable only by one who may sit it
    if parse.sat_through_employer(optional, f"{_t(job.certificates)} {_t(job.description)[:2000]}") and \
            not parse.can_sit(age, parse.held_certificates(_t(seeker.certificates))):
        broken.append("certificate:sittable")
    # a ride-hailing post naming its licence asks three years of driving (session 21, emp-read21, `parse.RIDE_HAIL_YEARS`)
    if parse.asks_ride_hailing_licence(f"{_t(job.title)} {_t(job.description)[:2000]} {_t(job.certificates)}"):
        required |= {parse.RIDE_HAIL_YEARS}
    # of either issuer where none is named (session 22); an A or B licence drives as C1 from 63 (session 27)
    held = parse.licences_at_age(parse.held_certificates(_t(seeker.certificates)), age)
    if parse.residency_done(f"{_t(seeker.experience)} {_t(seeker.notes)}"):     # "规培结业考核过了" (session 36)
        held |= {parse.RESIDENCY_TRAINED}
    record = seeker_record_text(seeker)
    if records.licence_void(record):           # a licence a drug measure voids (session 25, emp-read25)
        held -= records.DRIVING_LICENCES
    if not parse.below_mid_level(_t(seeker.certificates)):      # a level, held unless stated lower (session 18)
        held |= {parse.MID_LEVEL}
    driven = parse.licence_years(f"{_t(seeker.certificates)} {_t(seeker.experience)} {_t(seeker.notes)}")
    if driven is None or driven >= 3:
        held |= {parse.RIDE_HAIL_YEARS}
    # Session 22 (emp-dev22): an e-bike, a car's kind and age, a record (`vehicles`), levels held but where ruled out
    said = _t(seeker.notes) + " " + _t(seeker.desired) + " " + _t(seeker.places)
    needs = vehicles.posting_needs(
        f"{parse.conditions_text(job.title, job.description, _t(job.benefits))} {_t(job.certificates)}")
    held |= set(parse.VEHICLE_LEVELS) - vehicles.seeker_lacks(said, seeker_record_text(seeker))
    # Session 27 (emp-fix27): a lapsed certificate meets a posting that takes one for renewal (`parse.renewal_taken`)
    if required and parse.renewal_taken(f"{_t(job.certificates)} {_t(job.description)[:2000]}"):
        held |= parse.lapsed_certificates(_t(seeker.certificates))
    # Session 30 (emp-bits30): a post naming the 健康证 against a seeker who cannot get one (`parse.HEALTH_CARD_OBTAINABLE`)
    if parse.names_health_card(required, optional) and parse.health_card_refused(f"{said} {_t(seeker.certificates)}"):
        broken.append("certificate:health")
    # Session 31 (emp-lang31): a language asked as a must against one the seeker states (`languages`)
    required |= languages.posting_languages(_t(job.certificates), _t(job.description)[:2000])[0]
    held |= languages.seeker_languages(seeker_language_text(seeker))
    # … and the employer's kind a seeker refuses ("只去酒店，不去民宿", "只做饮品店": `venues`)
    if venues.posting_kind(_t(job.employer)) & venues.seeker_refuses(said):
        broken.append("venue")
    if required - held:
        broken.append("certificate")
    if needs - held:
        broken.append("vehicle:" + ",".join(sorted(needs - held)))
    # Session 25 (emp-read25, blind25 read): records, statutory bars, 禁止令, the county bound (`records`)
    asked = records.posting_needs(job.employer, job.title, job.description, _t(job.certificates), job.benefits)
    if short := asked - (set(parse.RECORD_LEVELS) - records.seeker_lacks(record)):
        broken.append("record:" + ",".join(sorted(short)))
    # Session 26 (emp-read26, blind26 read): the workplace and the work a 未成年工 may not take, a student's 实习 (`minors`)
    if short := minors.posting_needs(job.employer, job.title, job.description, _t(job.wage)) & minors.seeker_lacks(
            on_start, _t(seeker.education), _t(seeker.category), _t(seeker.desired)):
        broken.append("minor:" + ",".join(sorted(short)))
    # Session 27 (emp-read27, blind27 read): a labour contract or a pensioner's post against the row's pension and age
    if short := pensions.posting_needs(job.title, job.description, _t(job.age), _t(job.benefits)) & pensions.seeker_lacks(
            _t(seeker.gender), age, _t(seeker.category), _t(seeker.notes), _t(seeker.experience)):
        broken.append("pension:" + ",".join(sorted(short)))
    # Session 31 (emp-read31, blind31 read): a notice's 政治面貌, 全日制 and 户籍 conditions against the row's words (`civil`)
    if short := civil.posting_needs(job.title, job.description, _t(job.education), _t(job.certificates),
                                    _t(job.benefits)) & civil.seeker_lacks(
            _t(seeker.notes), _t(seeker.category), _t(seeker.education),
            civil.hukou_outside(_t(seeker.notes), _t(seeker.residence), gazetteer), _t(seeker.certificates),
            _t(seeker.experience)):
        broken.append("civil:" + ",".join(sorted(short)))
    # emp-mend27: the statutory retirement date (the reform's, by the birth date the row states) reached by the day the
    # posting's work starts, where it states the retirement-age condition or asks a labour contract
    retire = parse.retirement_date(parse.sex_of(seeker.gender) or "", birth)
    if retire and pensions.states_retirement_age(_t(job.title), _t(job.description), _t(job.age), _t(job.benefits)):
        start = minors.start_date(parse.conditions_text(job.title, job.description, _t(job.benefits)), today)
        on = max(start, today.year * 10000 + today.month * 100 + today.day if today is not None else 0)
        if on and on >= retire:
            broken.append("retirement")
    # Session 32 (emp-left32): a stated height below the posting's least height for the seeker's sex (`civil`)
    if civil.height_binds(_t(job.title), _t(job.employer)) and civil.too_short(
            civil.height_slots(civil.seeker_height(_t(seeker.notes)), parse.sex_of(seeker.gender)),
            civil.posting_heights(f"{_t(job.certificates)}；{_t(job.description)[:2000]}")):
        broken.append("height")
    # Session 31 (emp-window31): a posting's stated period outside the seeker's dated window (`seasons`)
    window = seasons.seeker_window(said, today)
    if window[0]:
        posted = parse.conditions_text(job.title, job.description, _t(job.benefits))
        if seasons.outside_window(*window, minors.start_date(posted, today), seasons.posting_end(posted, today)):
            broken.append("window")
        # Session 32 (emp-left32): a window ending before the last day a stated term reaches ("服务期2年", "须做满6个月")
        elif seasons.short_stay(window[1], seasons.stay_to(minors.start_date(posted, today),
                                                          seasons.posting_term_months(posted), today)):
            broken.append("term")
    if seasons.only_stated_period(said) and not seasons.states_period(
            parse.conditions_text(job.title, job.description, _t(job.benefits)), today):
        broken.append("period")       # "只找写明寒假期间的短期工" against a post silent on its term (`parse.PERIOD_UNSTATED_OK`)
    # a major required (session 14): broken only by a seeker whose major is stated and of another family
    family, _ = parse.required_major(job_major_text(job))
    studied, _ = parse.seeker_major(seeker_major_text(seeker), _t(seeker.education))
    if family and studied and family not in studied:
        broken.append("major")
    try:
        # Session 27 (emp-fix27): a seeker still 在读 has finished the stage below, unless the posting takes students or
        # starts on or after the graduation (`minors.education_on`)
        if _t(seeker.education) and minors.education_on(
                parse.parse_education(seeker.education), minors.studying(_t(seeker.education), _t(seeker.category)),
                minors.takes_students(_t(job.title), _t(job.description)),
                minors.start_date(parse.conditions_text(job.title, job.description, _t(job.benefits)), today),
        ) < parse.parse_required_education(job.education):
            broken.append("education")
    except ValueError:
        pass
    # a posting listed at several places ("党江镇、沙田镇") may be taken at any of them
    places = gazetteer.resolve_each(_t(job.place)) if _t(job.place) else []
    if places:
        resolved = gazetteer.resolve(_t(seeker.residence)) if _t(seeker.residence) else None
        home = resolved or gazetteer.home_county
        level, named = gazetteer.acceptable(_t(seeker.places), home=resolved, intent=_t(seeker.desired),
                                            notes=_t(seeker.notes))
        if records.county_bound(record):       # a 社区矫正对象 stays in the county (session 25, emp-read25)
            level, named = records.county_cap(gazetteer, level, named, home=resolved, record_text=record,
                                              places_text=_t(seeker.places))
        level, named = fit_named(level, named, PLACE_SLOTS)       # as the features' slots hold them (fixcr34c)
        # home outwork at one place ("可在家做"): a seeker living inside it works at home; only at a county or finer
        at_home = len(places) == 1 and len(places[0]) >= 6 and home.startswith(places[0]) and \
            parse.works_at_home(_t(job.title) + " " + _t(job.description)[:2000])
        if not at_home and not any(distance_level(home, p) <= level or any(p.startswith(c) for c in named)
                                   for p in places):
            broken.append("place")
        # a posting open only to its own village, town or county's people ("限本乡脱贫劳动力"): an unknown home
        # (or one known less precisely than the limit) breaks nothing
        local = parse.local_restriction(_t(job.title) + " " + _t(job.description)[:2000] + " " + _t(job.benefits)[:500],
                                        _t(job.place))
        # (nor one at a place too vague to check: the features apply the limit at the place `resolve` chose)
        chosen = gazetteer.resolve(_t(job.place))
        if local < parse.NO_LOCAL_LIMIT and resolved and len(resolved) >= parse.LOCAL_PRECISION[local] and \
                chosen and len(chosen) >= parse.LOCAL_PRECISION[local] and \
                min(distance_level(resolved, p) for p in places) > local:
            broken.append("local")
    text = _t(job.title) + " " + _t(job.description)[:2000]
    # the conditions of the work wherever the posting writes them, its benefits included (session 19)
    stated_text = parse.conditions_text(job.title, job.description, _t(job.benefits))
    # a posting of two trades asks what either trade asks (`parse.infer_job_demands`)
    demands = parse.infer_job_demands(stated_text, job_occupations(job))
    if not parse.houses_worker(text, _t(job.benefits)[:500]):
        demands |= {"NO_HOUSING"}
    said = _t(seeker.notes) + " " + _t(seeker.desired) + " " + _t(seeker.places)
    limits = parse.infer_seeker_limits(said)
    if parse.is_female(seeker.gender):
        limits |= {"MEN_ONLY_LAWFUL"}
    # stated hours (a full day's among them) against the hours the seeker cannot work
    stated = hours.job_hours(stated_text)
    if stated.slots and len(stated.ranges) and bin(stated.slots).count("1") >= hours.FULL_DAY_SLOTS:
        demands |= {"FULL_DAY"}
    if demands & limits:
        broken.append("limits:" + ",".join(sorted(demands & limits)))
    # emp-mend27: a night more than an evening to 23:00 against a seeker who must sleep at home (`parse.NIGHTS_AWAY`)
    if parse.overnight(stated_text, job_occupations(job)) and parse.sleeps_at_home(said):
        broken.append("limits:OVERNIGHT")
    # Session 27 (emp-fix27): an evening to 22:00, no night, against a seeker kept to day work (`parse.EVENING_TO_TEN`)
    if parse.evening_to_ten(stated_text, job_occupations(job)) and parse.day_work_only(said):
        broken.append("limits:EVENING")
    # a plain wish to be housed ("要包住") against a posting saying it houses nobody (session 16); a firm one is NO_HOUSING
    if "NO_HOUSING" not in limits and parse.housing_wish(said) and parse.states_no_housing(text, _t(job.benefits)[:500]):
        broken.append("limits:NO_HOUSING")
    # a health or ability limit against a condition the posting states (session 19, `parse.BODY_CONDITIONS`)
    # (session 31, emp-read31: a stated naked-eye figure decides against a notice's figure, not the word 近视: `civil`)
    figure_said = civil.naked_eye_figure(_t(seeker.notes)) is not None
    if body := parse.body_conditions(stated_text) & (parse.body_limits(said) - ({"NAKED_EYE"} if figure_said else set())):
        broken.append("body:" + ",".join(sorted(body)))
    # the terms of the hire against the seeker's window (session 20, `parse.TERM_CONDITIONS`)
    if terms := parse.term_conditions(stated_text) & parse.term_limits(said):
        broken.append("terms:" + ",".join(sorted(terms)))
    # Session 34 (emp-read34, blind34 read): a post to be joined before 春节 against a seeker who goes only after it
    if parse.posting_starts_before_spring(stated_text) and parse.seeker_starts_after_spring(said):
        broken.append("start")
    # … and a couple's room asked against a post that has none (session 34)
    if parse.posting_has_no_couple_room(stated_text) and parse.seeker_needs_couple_room(said):
        broken.append("couple_room")
    # Session 35 (emp-read35, blind35 read): selling work refused, and a 就业见习 place out of the seeker's reach (`graduates`)
    if graduates.sells(_t(job.title), stated_text) and graduates.refuses_selling(said):
        broken.append("selling")
    if graduates.traineeship_post(_t(job.title), stated_text) and \
            graduates.out_of_traineeship(graduates.schooling_text(seeker), age, today):
        broken.append("traineeship")
    if graduates.asks_degree(_t(job.education), stated_text) and \
            graduates.lacks_degree(f"{_t(seeker.education)} {_t(seeker.experience)} {_t(seeker.notes)}"):
        broken.append("degree")
    # … and a couple who go only together against a post that takes no couples (session 35, emp-left35)
    if parse.posting_takes_no_couples(stated_text) and parse.seeker_goes_only_with_spouse(said):
        broken.append("couples")
    # Session 36 (emp-left36): social insurance a must against a post paying none, building sites refused, another 届
    if parse.posting_pays_no_insurance(stated_text) and parse.seeker_needs_insurance(said):
        broken.append("insurance")
    if parse.works_on_site(stated_text) and parse.refuses_sites(said):
        broken.append("site")
    if graduates.class_refused(graduates.posting_classes(f"{_t(job.education)} {stated_text}"),
                               graduates.seeker_class(graduates.schooling_text(seeker))):
        broken.append("class")
    # Session 21 (emp-read21, blind21 read): a post asking for the worker's own vehicle against a seeker who has none
    if parse.needs_own_vehicle(stated_text) and parse.lacks_own_vehicle(said):
        broken.append("vehicle")
    if parse.charges_worker(stated_text):       # a deposit or fee charged to start (session 21, `parse.CHARGES_WORKER`)
        broken.append("fee")
    # Session 22 (emp-read22, blind22 read): wages held back to the year's or the project's end (`parse.withholds_wages`)
    if parse.withholds_wages(f"{_t(job.wage)} {stated_text}"):
        broken.append("wages")
    if parse.cold_wet_work(stated_text) and (parse.cold_store_refused(said) if parse.cold_now_and_then(stated_text)
                                             else parse.cold_water_limited(said) or     # cold water (session 15)
                                             (parse.cold_store_work(stated_text) and parse.cold_store_refused(said))):
        broken.append("limits:COLD_WATER")     # a cold store now and then: only its refusal (session 23)
    # Session 24 (emp-read24, blind24 read): the household rule of a 公益性岗位 against a household member already on one
    if parse.household_rule(f"{_t(job.description)[:2000]} {_t(job.benefits)[:500]}") and \
            parse.household_on_public_post(f"{_t(seeker.notes)} {_t(seeker.category)}"):
        broken.append("household")
    # a posting open only to groups the seeker's stated category is none of (session 15); no category breaks nothing
    wanted, held = parse.posting_groups(job_group_text(job)), parse.seeker_groups(seeker_group_text(seeker))
    if wanted and (held or _t(seeker.category)) and not wanted & held:
        broken.append("group")
    if stated.slots & hours.seeker_busy(said):
        broken.append("hours")
    # a crew against the group range and headcount the posting takes (session 21)
    lo, hi = crews.posting_crew(_t(job.title), _t(job.description)[:2000] + " " + _t(job.benefits)[:500], job.headcount)
    if not crews.crew_fits(crews.seeker_crew(said), lo, hi):      # a led crew is one man on an ordinary post (session 22)
        broken.append("crew")
    return broken
