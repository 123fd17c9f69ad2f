"""The worker's own vehicle and its terms, and a stated record (session 22, emp-dev22): levels carried as certificates
(`parse.VEHICLE_AND_RECORD`, bits 0–12 of the third certificate word), so the kernel, the numpy path and the oracle
check them as they check any certificate — a seeker holds every level but those their words rule out, a posting
requires those it states. Unknown breaks nothing.

- **An e-bike the rider must bring** ("自备电动车", "电动车自备", "需自己有电动车"; not "…优先", not "自备电动车或小车" — a
  car does as well): refuses a seeker who says they have none ("没有电动车", "回来没有电动车，想租一辆"); a bare "没车" is
  a car (a driver without a car may ride an e-bike to 代驾). A post that lends or rents one ("站点可借", "没有电动车的可租车",
  "无车可租") asks nothing — unless the rental takes a deposit ("租车押金800元"): then the seeker who needs it is refused
  and the one with a bike of their own is not (the writer's conventions 1 and 7 of blind21).
- **The kind and age of a car a 带车 post asks** (only where `parse.needs_own_vehicle`): "5座"/"7座"/"轿车"/"非面包车"/
  "面包车"/"4.2米厢货" name one kind ("7座优先、5座也可" is any car; "面包车、小货车或厢货均可" names none); "车龄8年以内",
  "2018年以后的车" an age, rounded up to the next of `parse.CAR_AGE_LIMITS` (never stricter than written). A seeker's
  car is read where they say they own it ("家里有辆2019年的5座轿车", "自己的7座车，2022年买的", "五菱面包车，2017年的");
  "有车" with no kind or year meets every term (convention 2).
- **Records** (convention 5): a 网约车/代驾/出租车 post — and any post writing "无酒驾/醉驾/吸毒记录" — refuses a seeker
  stating drink- or drug-driving or a violent crime ("以前醉驾被判过", "吸过毒"), whether or not it writes 无犯罪记录 (the
  licence itself is refused: 《网络预约出租汽车经营服务管理暂行办法》第十四条); a "无犯罪记录" line refuses only a seeker
  stating a record ("刑满释放", "坐过牢"); a silent row meets both.
"""

from __future__ import annotations

import re

from jianfu.employment.matching import parse, records
from jianfu.employment.matching.parse import normalise_text

EBIKE, CAR, SEAT5, SEAT7, VAN, TRUCK = parse.OWN_EBIKE, *parse.CAR_KINDS
_EBIKE_WORD = r"(?:电动自行车|电动车|电瓶车)"
_NEEDS_EBIKE = re.compile(
    r"(?:自备|自带|自有|(?:需|须|要)(?:自己)?有|需自备|须自备|需自带)(?:自己的)?(?:一辆)?"
    + _EBIKE_WORD
    + r"|"
    + _EBIKE_WORD
    + r"[^，。；,;]{0,4}?[（(]?(?:需|须)?自备|车辆自备[（(]电动车|自己"
    + _EBIKE_WORD
)
_EBIKE_NOT_NEEDED = re.compile(r"(?:不|无|免|不用|不需|无需|不需要)$")
_CAR_ALTERNATIVE = re.compile(r"[或/、](?:自备)?(?:小车|汽车|小汽车|轿车|私家车)")
_EBIKE_LENT = re.compile(
    r"(?:可|免费)?(?:租车|租赁|借(?:用)?(?:电动)?车|配(?:电动)?车|提供电动车|借电动车)|电动车可(?:租|借)|无车可租"
    r"|没(?:有)?(?:电动)?车的?[^，。；,;]{0,8}?(?:租|借|配)"
)
_RENTAL_DEPOSIT = re.compile(r"(?:租车|租赁|车辆|电动车)押金|押金[^，。；,;]{0,4}?(?:租|车)")
_DEPOSIT_WAIVED = re.compile(r"(?:不收|无需|无|没有|免|不用交|不交|不需要|无任何|不收任何|不收取)$")

_NO_EBIKE = re.compile(
    r"(?:没有|没|无)(?:自己的)?" + _EBIKE_WORD + r"|" + _EBIKE_WORD + r"(?:也)?(?:没有|没)(?!问题|关系)"
)
_HAS_TWO_WHEELER = re.compile(
    r"(?<![没无])有(?:一辆|辆|台)?(?:自己的)?(?:电动自行车|电动车|电瓶车|电动三轮|三轮车|摩托车|摩托)"
)

# the kinds of car, as a post or a seeker names them
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (VAN, re.compile(r"(?<!非)(?:面包车|小面(?!积|包)|微面|五菱)")),
    (TRUCK, re.compile(r"厢货|厢式货车|4\.2米|4米2|小货车")),
    (SEAT7, re.compile(r"[7七]座|商务车|MPV")),
    (SEAT5, re.compile(r"[5五]座")),
    (CAR, re.compile(r"轿车|私家车|非面包车|轴距|小车")),
)
_ANY_CAR = re.compile(r"[5五]座(?:及)?以上|[5五]座(?:也可|也行|均可|都行)|[5五]座或[7七]座|[7七]座或[5五]座")
_CAR_AGE = re.compile(
    r"车龄(?:须|需|要求|在)?(\d{1,2}|[一二两三四五六七八九十])年(?:以内|内|以下|之内)|车龄不(?:超过|超|大于|高于)"
    r"(\d{1,2}|[一二两三四五六七八九十])年|(\d{1,2}|[一二两三四五六七八九十])年(?:以内|内)(?:的)?车龄"
)
_CAR_SINCE = re.compile(r"((?:19|20)\d\d)年(?:及)?(?:以后|之后|后)(?:上牌|购买|出厂)?的?(?:车|车辆)")

_OWNED_CUE = re.compile(r"有|自己的|自家|家里|我的")
_NEGATED = re.compile(r"(?:没有|没|无|不)$")
_CAR_THING = r"(?:(?<![动瓶轮托行])车|五菱|面包车|轿车)"  # not an e-bike's, a tricycle's or a motorbike's
_SEEKER_CAR_YEAR = re.compile(
    _CAR_THING + r"[^。；;]{0,4}?((?:19|20)\d\d)年(?!领|考|拿|取|出生|生|毕业)"
    r"|((?:19|20)\d\d)年(?:的|买的|买|款|上牌的?)?[^。；;，,]{0,6}?" + _CAR_THING
)
_SEEKER_CAR_AGE = re.compile(r"车龄(\d{1,2}|[一二两三四五六七八九十])年")
_LICENCE_BEFORE = re.compile(r"(?:驾照|驾驶证|驾龄|[ABC][12]证?)[^，。；,;]{0,3}$")

# records (convention 5): drink- or drug-driving and violent crime bar the driving platforms; any record a "无犯罪记录" line
_DRIVING_RECORD = re.compile(
    r"醉驾|酒驾|醉酒驾驶|酒后驾驶|饮酒驾驶|毒驾|(?<!他人)(?<!别人)吸毒|吸过毒|贩毒|涉毒|戒毒|暴力犯罪|故意伤害|抢劫|杀人|危险驾驶罪"
    r"|交通肇事罪"
)
_ANY_RECORD = re.compile(
    r"醉驾|醉酒驾驶|毒驾|贩毒|暴力犯罪|故意伤害|抢劫|杀人|危险驾驶罪|交通肇事罪|刑满释放|刑释|坐过牢|坐牢|服刑|服过刑|判过刑"
    r"|被判(?:过)?(?:刑|缓刑|[一二两三四五六七八九十半\d]+年)|有案底|有前科|(?<![无没])有犯罪记录|劳改|蹲过|出狱|缓刑|假释"
)
_RECORD_NEGATED = re.compile(r"(?:没有|没|无|不是|未|从无|从没|从未|不)$")
_DRIVING_POST = re.compile(
    r"网约车|网络预约|代驾|(?<!租)出租车(?!辆)|巡游出租|出租汽车|滴滴|快车司机|专车司机"
)
# Session 25 (emp-read25, blind25 read): a line naming only drugs or only drink-driving ("无吸毒史、无酒驾记录") asks what it
# names (`records`: `parse.NO_DRUG_RECORD`, `parse.NO_DRINK_DRIVING`), not the ride-hailing bar's whole list — a
# 交通肇事 or a theft breaks no such line
_DRIVING_RECORD_LINE = re.compile(r"无(?:毒驾|交通肇事|暴力犯罪)")
_RECORD_LINE = re.compile(r"无(?:违法)?犯罪(?:记录|证明)|无刑事(?:犯罪)?记录|无前科|开具?无犯罪")
_RECORD_LINE_WAIVED = re.compile(r"(?:不要求|不需|无需|不需要|不限)[^，。；,;]{0,2}$")


def _count(word: str) -> int:
    value = parse.cn_number(word)
    return int(value) if value is not None else 0


def _kinds_named(s: str) -> set[str]:
    return {kind for kind, pattern in _KIND_WORDS if pattern.search(s)}


def posting_kind(s: str) -> str | None:
    """The one kind of car a 带车 post's words (`s`, normalised) name, or None (none, several, or any car)."""
    if _ANY_CAR.search(s):
        return CAR
    named = _kinds_named(s)
    if "非面包车" in s:
        named.discard(VAN)
    if named & {VAN, TRUCK} and named - {VAN, TRUCK}:
        return None  # a van or a car: no one kind
    if named == {VAN} or named == {TRUCK}:
        return next(iter(named))
    if named & {SEAT5, SEAT7} == {SEAT5, SEAT7}:
        return CAR
    if SEAT5 in named:
        return SEAT5
    if SEAT7 in named:
        return SEAT7
    return CAR if CAR in named else None


def posting_car_age(s: str, *, year: int | None = None) -> int | None:
    """The oldest car a 带车 post takes, in whole years ("车龄8年以内" → 8; "2018年以后的车" → year − 2018), or None."""
    if m := _CAR_AGE.search(s):
        return _count(next(g for g in m.groups() if g))
    if m := _CAR_SINCE.search(s):
        return (year or parse.reference_year()) - int(m.group(1))
    return None


def posting_needs(text: object, *, year: int | None = None) -> frozenset[str]:
    """The levels of `parse.VEHICLE_AND_RECORD` a posting's words require: `text` is its title, description, benefits
    (`parse.conditions_text`) and its certificate column."""
    s = normalise_text(text)
    needs: set[str] = set()
    # an e-bike of one's own, unless lent or rented without a deposit
    for m in _NEEDS_EBIKE.finditer(s):
        if _EBIKE_NOT_NEEDED.search(s[max(0, m.start() - 3) : m.start()]) or re.match(
            r"[^，。；,;]{0,6}?优先", s[m.end() :]
        ):
            continue
        lent = _EBIKE_LENT.search(s)
        deposit = any(
            not _DEPOSIT_WAIVED.search(s[max(0, d.start() - 6) : d.start()])
            for d in _RENTAL_DEPOSIT.finditer(s)
        )
        if not lent or deposit:
            # Session 23 (emp-read23): "自备电动车或小车" — either vehicle does (`parse.EBIKE_OR_CAR`)
            needs.add(parse.EBIKE_OR_CAR if _CAR_ALTERNATIVE.match(s, m.end()) else EBIKE)
        break
    # the kind and age of the car a 带车 post asks for
    if parse.needs_own_vehicle(s):
        if kind := posting_kind(s):
            needs.add(kind)
        oldest = posting_car_age(s, year=year)
        if oldest is not None and (limits := [n for n in parse.CAR_AGE_LIMITS if n >= oldest]):
            needs.add(parse.CAR_AGES[parse.CAR_AGE_LIMITS.index(limits[0])])
    # records
    if _DRIVING_POST.search(s) or _DRIVING_RECORD_LINE.search(s):
        needs.add(parse.NO_DRIVING_RECORD)
    if any(
        not _RECORD_LINE_WAIVED.search(s[max(0, m.start() - 6) : m.start()]) for m in _RECORD_LINE.finditer(s)
    ):
        needs.add(parse.NO_RECORD)
    return frozenset(needs)


def lacks_ebike(s: str) -> bool:
    """Whether a seeker's words say they have no e-bike (and name none they have)."""
    return bool(_NO_EBIKE.search(s)) and not _HAS_TWO_WHEELER.search(s)


def seeker_car(s: str, *, year: int | None = None) -> tuple[frozenset[str], int | None]:
    """(kinds, age in years) of the car a seeker's words say they own; (∅, None) when none is named."""
    kinds: set[str] = set()
    seats = False
    for kind, pattern in _KIND_WORDS:
        for m in pattern.finditer(s):
            before = s[max(0, m.start() - 10) : m.start()]
            before = re.split(r"[。；;]", before)[-1]
            if _NEGATED.search(s[max(0, m.start() - 3) : m.start()]) or "没" in before[-4:]:
                continue
            near_year = re.search(r"(?:19|20)\d\d年", s[max(0, m.start() - 8) : m.end() + 8])
            if _OWNED_CUE.search(before) or near_year:
                kinds.add(kind)
                seats |= kind in (SEAT5, SEAT7)
    held: set[str] = set()
    for kind in kinds:
        if kind in (VAN, TRUCK):
            held.add(kind)
        elif kind == SEAT5:
            held |= {SEAT5, CAR}
        elif kind == SEAT7:
            held |= {SEAT7, CAR}
        elif not seats:  # a car named without its seats: a sedan, seats unknown
            held |= {CAR, SEAT5, SEAT7}
    age = None
    for m in _SEEKER_CAR_YEAR.finditer(s):
        at = m.start(1) if m.group(1) else m.start(2)
        if _LICENCE_BEFORE.search(s[max(0, at - 6) : at]):
            continue
        age = (year or parse.reference_year()) - int(m.group(1) or m.group(2))
        break
    if age is None and (said := _SEEKER_CAR_AGE.search(s)):
        age = _count(said.group(1))
    return frozenset(held), age


def seeker_lacks(vehicle_text: object, record_text: object, *, year: int | None = None) -> frozenset[str]:
    """The levels of `parse.VEHICLE_AND_RECORD` a seeker's words rule out: `vehicle_text` is what they say of themselves
    (notes, wish, places: where "有电动车", "家里车是2014年的" are written), `record_text` that and their 工作经历 and
    人员类别 ("刑满释放人员")."""
    s = normalise_text(vehicle_text)
    lacks: set[str] = set()
    if lacks_ebike(s):
        lacks.add(EBIKE)
        if parse.lacks_own_vehicle(s) and not _HAS_TWO_WHEELER.search(s):     # neither (session 23, emp-read23)
            lacks.add(parse.EBIKE_OR_CAR)
    if not parse.lacks_own_vehicle(s):
        kinds, age = seeker_car(s, year=year)
        if kinds:
            lacks |= set(parse.CAR_KINDS) - kinds
        if age is not None:
            lacks |= {name for n, name in zip(parse.CAR_AGE_LIMITS, parse.CAR_AGES, strict=True) if age > n}
    # Session 25 (emp-read25, blind25 read): the seeker's own record, not a relative's ("刑满释放人员家属（丈夫…）"); a
    # violent crime said in plain words ("打架致人轻伤"); a conviction however written ("暂予监外执行", "…罪") — and a
    # sealed one answers 无 on the 无犯罪记录证明 (刑事诉讼法 第二百八十六条)
    r = records.own_record(record_text)
    kinds = records.offences(r)
    if "VIOLENT" in kinds or any(
        not _RECORD_NEGATED.search(r[max(0, m.start() - 3) : m.start()]) for m in _DRIVING_RECORD.finditer(r)
    ):
        lacks.add(parse.NO_DRIVING_RECORD)
    convicted = "CONVICTED" in kinds or any(
        not _RECORD_NEGATED.search(r[max(0, m.start() - 3) : m.start()]) for m in _ANY_RECORD.finditer(r)
    )
    if convicted and "SEALED" not in kinds:
        lacks.add(parse.NO_RECORD)
    return frozenset(lacks)
