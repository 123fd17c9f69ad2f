"""Records, the statutory bars of a job, 禁止令 and 从业禁止, and the county a 社区矫正对象 may not leave (session 25,
emp-read25, blind25 read) — carried as the levels `parse.RECORD_LEVELS` (the third certificate word's bits 38–52), so the
kernel, the numpy path and the oracle check them as they check any certificate: every seeker holds each level but
those their own record, as their row states it, rules out; a posting requires those its own words set.

Fairness first (the desk exists to place these people): a record is never a soft penalty, and it breaks only what a
posting's own words or the statute of the work it names bar. Every other posting is open to every record. What a row
does not state breaks nothing: a row silent on a record, a relative's record ("刑满释放人员家属（丈夫…）"), a record whose
offence is not named ("刑满释放，2023年出狱") against a bar that turns on the offence.

- **The statute of the work** (whether or not the posting writes it; the work read from the posting's own title, unit
  and duties): 保安/门卫/巡逻/押运, or a 保安员证 asked (《保安服务管理条例》第十七条: a 故意 crime — 过失 ones such as
  交通肇事, 失火 are not —, 强制隔离戒毒 ever, three or more 行政拘留); a 幼儿园, every post in it (《学前教育法》: 虐待,
  性侵害, 性骚扰, 拐卖, 暴力伤害, any drug record, 赌博); a school, a 校外培训, 托管 or 托育 unit (《未成年人保护法》第六十二
  条: 性侵害, 虐待, 拐卖, 暴力伤害); a KTV, 歌舞厅, 夜总会 or 迪厅 (《娱乐场所管理条例》第五条: drug trafficking, 卖淫 and
  淫秽, 强奸/强制猥亵, 赌博, 洗钱, 黑社会, 剥夺政治权利, 强制隔离戒毒 ever — not 网吧, 足浴, 台球, not 社区戒毒 alone);
  会计/出纳/财务 (《会计法》第四十条: 职务侵占, 挪用, 贪污, 做假账); food management — a 食品安全管理员, a kitchen's or a
  food plant's 主管/经理 (《食品安全法》第一百三十五条: a food-safety crime; a 普工 or 帮厨 on a food line is not barred).
- **A line the posting writes**: "无犯罪记录" stays `vehicles` (any conviction; a sealed juvenile record meets it, 刑事
  诉讼法 第二百八十六条); "无违法犯罪记录", "无违法记录", "无不良记录", "政审" also refuse a drug measure and a 行政拘留;
  "无吸毒史/记录", "尿检", "有吸毒史的不要" refuse a drug record (a 社区戒毒/康复 row, a row stating 吸毒) and no other
  crime ("运输毒品…自己不吸毒" meets it); "无酒驾/醉驾记录" refuses drink-driving only.
- **禁止令 and 从业禁止** as the row writes them: "禁止进入夜总会、酒吧、迪厅、网吧等娱乐场所" refuses a posting whose unit is
  one of them (a KTV, a bar, a 网吧/网咖 — not a hotel or a restaurant in a building that also holds a KTV, not a 台球
  hall or an 电竞酒店); "禁止进入中小学校区、幼儿园园区" one whose work is inside a school or kindergarten (not a 午托 in a
  street); "禁止从事食品…" every food post; "禁止从事药品…" every medicine post.
- **社区矫正 and the county** (《社区矫正法》第二十七条): a 社区矫正对象 whose term runs (or a row saying "出县要请假",
  "现在出不了县") may not leave the county: a posting stating regular work out of it ("经常出差", "外派", "驻外", "一趟七到
  十天") refuses them, and their acceptable places stop at the county (`county_cap`) — but for places an approval in the
  row names ("司法所已批准经常去北海市区上班") and places they name for after the term ("矫正结束后去广东也可以": the
  posting's start is not read, 粗略). 刑满释放人员 and people in 社区戒毒 have no such limit.
- **A licence a drug measure voids** (《机动车驾驶证申领和使用规定》): a row now in 社区戒毒 or 社区康复, or whose 强制隔离
  戒毒 ended less than three years ago, holds no driving licence whatever it lists (`licence_void`).
"""

from __future__ import annotations

import re

from jianfu.employment.matching import parse
from jianfu.employment.matching.parse import normalise_text
from jianfu.employment.matching.places import Gazetteer

# ------------------------------------------------------------------------------------------ a seeker's own record

_B = r"(?<![^,，。;；:：(（)）\s、])"      # at the start of a clause
# a relative's status ("刑满释放人员家属（丈夫2024年刑满）", "戒毒人员家属(儿子在强制隔离戒毒所)") and a clause about a
# relative ("他在矫正，我也不想走远", "丈夫缓刑，在司法所矫正") — not the seeker's own record
_RELATIVE_CELL = re.compile(r"[^,，。;；:：(（)）\s]*家属(?:[(（][^)）]*[)）])?")
_RELATIVE = re.compile(_B + r"(?:丈夫|老公|爱人|妻子|老婆|儿子|女儿|父亲|爸爸|母亲|妈妈|哥哥|弟弟|姐姐|妹妹|家里人|家人|亲戚)"
                       r"[^,，。;；)）]*")
# "他"/"她" begins a clause about the relative only in a relative's row (an officer may write the seeker's own row so)
_HE_OR_SHE = re.compile(_B + r"[他她][^,，。;；)）]*")


def own_record(text: object) -> str:
    """The seeker's words about their own record: `text` (`features.seeker_record_text`) less what it says of a relative."""
    s = normalise_text(text)
    relative_row = "家属" in s
    s = _RELATIVE.sub(" ", _RELATIVE_CELL.sub(" ", s))
    return _HE_OR_SHE.sub(" ", s) if relative_row else s


_NEGATED = re.compile(r"(?:没有|没|无|不是|未|从无|从没|从未|不|自己不|从来不)$")


def _said(pattern: re.Pattern[str], s: str) -> bool:
    """Whether `pattern` occurs in `s` other than negated right before it ("没有吸毒", "自己不吸毒")."""
    return any(not _NEGATED.search(s[max(0, m.start() - 4):m.start()]) for m in pattern.finditer(s))


# a crime's name ends at a clause's end or at the sentence ("盗窃罪，判三年", "盗窃罪判一年") — not "得罪人", "罪犯"
_NAME_END = r"(?=[,，。;；:：)）(（\s、判被]|$)"
# a conviction stated (the offence named or not)
_CONVICTED = re.compile(
    r"刑满释放|刑释|出狱|服刑|服过刑|坐过牢|坐牢|判过刑|被判|判了|缓刑|假释|暂予监外执行|监外执行|社区矫正对象|入矫|矫正期"
    r"|有前科|有案底|(?<![无没])有犯罪记录|劳改|拘役|判(?:处)?管制|免予刑事处罚|(?<!犯)罪" + _NAME_END)
# crimes named "…罪" (the leftmost start of a clause): "盗窃罪", "帮助信息网络犯罪活动罪", "生产、销售有毒、有害食品罪"
_CRIME_NAME = re.compile(r"[\u4e00-\u9fff、]{2,24}?(?<!犯)罪" + _NAME_END)
_NEGLIGENT = re.compile(r"交通肇事|失火|过失|重大责任事故|玩忽职守|重大劳动安全事故")
# offences said in plain words ("偷电动车判的", "打架把人打伤了被判"): intentional wherever a conviction is stated
_PLAIN_OFFENCE = re.compile(r"偷|盗|抢|骗|打伤|砍伤|捅伤|打人|贩|卖淫|赌|强奸|猥亵|拐|虐待|侵占|挪用|贪污|醉驾|酒驾")
_VIOLENT = re.compile(r"故意伤害|故意杀人|杀人|抢劫|强奸|绑架|聚众斗殴|暴力|(?:打|砍|捅|刺)伤|致人(?:轻|重)?(?:伤|死)")
_HURT_NEGATED = re.compile(r"(?:无人|没人|没有人|未|未致人|无人员|没有)(?:受伤|伤亡)")
_SEXUAL = re.compile(r"强奸|强制猥亵|猥亵|性侵|性骚扰|卖淫|嫖娼|淫秽")
_ABUSE = re.compile(r"虐待")
_TRAFFICKING = re.compile(r"拐卖|拐骗|收买被拐")
_DRUG_USE = re.compile(r"(?<!他人)(?<!别人)吸毒(?!罪)|吸过毒|社区戒毒|强制隔离戒毒|强戒|戒毒人员|戒过毒|毒驾"
                       r"|吸食(?:毒品|冰毒|K粉|海洛因|大麻)")
_FORCED_REHAB = re.compile(r"强制隔离戒毒|强戒")
_DRUG_TRADE = re.compile(r"(?:走私|贩卖|运输|制造|贩运)(?:毒品|冰毒|海洛因)|贩毒|运毒|制毒|带(?:冰毒|毒品|海洛因|K粉)"
                         r"|卖(?:冰毒|毒品|K粉)")
_GAMBLING = re.compile(r"赌博|赌场|六合彩|聚众赌")
_ENTERTAINMENT_CRIME = re.compile(r"洗钱|黑社会|剥夺政治权利")
_ADMIN_DETENTION = re.compile(r"行政拘留|被拘留|拘留过|被拘(?:了)?")
_THREE_DETENTIONS = re.compile(r"拘留(?:过)?(?:[三四五六七八九]|[3-9]|多|好几)次|(?:[三四五六七八九]|[3-9]|多|好几)次(?:被)?(?:行政)?拘留")
_ACCOUNTING_CRIME = re.compile(r"职务侵占|挪用资金|挪用公款|贪污|做假账|假账|伪造[^,，。;；]{0,6}(?:会计|账)"
                               r"|(?:隐匿|销毁)[^,，。;；]{0,6}会计")
_FOOD_CRIME = re.compile(r"有毒、?有害食品|不符合(?:食品)?安全标准的食品|病死(?:猪|牛|羊|畜|禽)|地沟油|食品安全(?:犯罪|罪)"
                         r"|(?:生产|销售)[^,，。;；]{0,4}(?:有毒|有害|不安全|假冒伪劣)[^,，。;；]{0,4}食品")
_DRINK_DRIVING = re.compile(r"醉驾|酒驾|醉酒驾驶|饮酒(?:后)?驾驶|酒后驾驶|喝(?:了)?酒(?:后)?开车")
_SEALED = re.compile(r"封存")


def _intentional(s: str) -> bool:
    """Whether the record states an intentional crime: one named that is not 过失, or an act in plain words beside a
    conviction (`_PLAIN_OFFENCE`)."""
    names = [m.group() for m in _CRIME_NAME.finditer(s)]
    if any(not _NEGLIGENT.search(n) for n in names):
        return True
    return bool(_said(_CONVICTED, s) and not names and _PLAIN_OFFENCE.search(s))


def _violent(s: str) -> bool:
    return bool(_VIOLENT.search(s)) and not _HURT_NEGATED.search(s)


# what was done to the seeker, not by them ("被人打伤过", "遭受过性骚扰", "被骗了钱"): a victim's words are no record
_VICTIM = re.compile(r"(?:遭受|遭到|受到|被)(?:了)?(?:人|别人|他人|老板|对方)?(?:性骚扰|猥亵|强奸|虐待|拐卖|拐骗|打伤|砍伤|殴打|打|抢劫|抢|骗|诈骗)")
_REHAB_WORDS = re.compile(r"社区康复")
_DRUG_CONTEXT = re.compile(r"戒毒|吸毒|禁毒")
# the kinds read only where a record is stated (a conviction, a 行政拘留 or a drug measure): an offence's word alone
# ("怕得罪人", a victim's "被骗") is none
_CRIME_KINDS = (("SEXUAL", _SEXUAL), ("ABUSE", _ABUSE), ("TRAFFICKING", _TRAFFICKING), ("DRUG_TRADE", _DRUG_TRADE),
                ("GAMBLING", _GAMBLING), ("ENTERTAINMENT_CRIME", _ENTERTAINMENT_CRIME), ("ACCOUNTING", _ACCOUNTING_CRIME),
                ("FOOD", _FOOD_CRIME))


def offences(record_text: object) -> frozenset[str]:
    """The kinds of record a seeker's own words state (`own_record`): CONVICTED, INTENTIONAL, VIOLENT, SEXUAL, ABUSE,
    TRAFFICKING, DRUG_USE, FORCED_REHAB, DRUG_TRADE, GAMBLING, ENTERTAINMENT_CRIME, ADMIN_DETENTION, THREE_DETENTIONS,
    ACCOUNTING, FOOD, DRINK_DRIVING, SEALED. Empty for a row silent on records."""
    s = _VICTIM.sub(" ", own_record(record_text))
    kinds = {name for name, pattern in (
        ("CONVICTED", _CONVICTED), ("DRUG_USE", _DRUG_USE), ("FORCED_REHAB", _FORCED_REHAB),
        ("ADMIN_DETENTION", _ADMIN_DETENTION), ("THREE_DETENTIONS", _THREE_DETENTIONS), ("DRINK_DRIVING", _DRINK_DRIVING),
        ("SEALED", _SEALED)) if _said(pattern, s)}
    if _REHAB_WORDS.search(s) and _DRUG_CONTEXT.search(s):      # 社区康复 of a drug measure (not a disability's)
        kinds.add("DRUG_USE")
    if kinds - {"SEALED", "DRINK_DRIVING"}:
        kinds |= {name for name, pattern in _CRIME_KINDS if _said(pattern, s)}
        if _intentional(s):
            kinds.add("INTENTIONAL")
        if _violent(s):
            kinds.add("VIOLENT")
    return frozenset(kinds)


# the kinds of record each level is ruled out by
_RULED_OUT_BY: dict[str, frozenset[str]] = {
    parse.BAR_SECURITY: frozenset({"INTENTIONAL", "FORCED_REHAB", "THREE_DETENTIONS"}),
    parse.BAR_KINDERGARTEN: frozenset({"ABUSE", "SEXUAL", "TRAFFICKING", "VIOLENT", "DRUG_USE", "DRUG_TRADE", "GAMBLING"}),
    parse.BAR_MINORS: frozenset({"SEXUAL", "ABUSE", "TRAFFICKING", "VIOLENT"}),
    parse.BAR_ENTERTAINMENT: frozenset({"DRUG_TRADE", "SEXUAL", "GAMBLING", "ENTERTAINMENT_CRIME", "FORCED_REHAB"}),
    parse.BAR_ACCOUNTING: frozenset({"ACCOUNTING"}),
    parse.BAR_FOOD_MANAGEMENT: frozenset({"FOOD"}),
    parse.NO_OFFENCE_RECORD: frozenset({"CONVICTED", "DRUG_USE", "ADMIN_DETENTION"}),
    parse.NO_DRUG_RECORD: frozenset({"DRUG_USE"}),
    parse.NO_DRINK_DRIVING: frozenset({"DRINK_DRIVING"}),
}

# ------------------------------------------------------------------------------------------ 禁止令 and 从业禁止

_ORDER_ENDED = re.compile(r"已(?:解除|到期|结束|期满|撤销)")
_BANNED_FROM = re.compile(r"禁止(?:其)?(?:进入|出入)([^;；。]*)")
_BANNED_WORK = re.compile(r"禁止(?:其)?从事([^;；。]*)")
_ENTERTAINMENT_WORDS = re.compile(r"娱乐场所|夜总会|酒吧|迪厅|迪吧|KTV|歌舞厅|歌厅|舞厅|夜场")
_NETBAR_WORDS = re.compile(r"网吧|网咖|上网服务")
_SCHOOL_WORDS = re.compile(r"中小学|小学|中学|学校|校区|校园|幼儿园|园区")
_FOOD_WORDS = re.compile(r"食品|餐饮")
_DRUG_WORDS = re.compile(r"药品|药物|医药")


def _sentence(s: str, at: int) -> str:
    """The sentence of `s` (between ；/。) around position `at`."""
    start = max(s.rfind(c, 0, at) for c in ";；。") + 1
    ends = [e for e in (s.find(c, at) for c in ";；。") if e >= 0]
    return s[start:min(ends) if ends else len(s)]


def banned(record_text: object) -> frozenset[str]:
    """The `NOT_BANNED_*` levels a seeker's own 禁止令 or 从业禁止 rules out (not one said to be over: "禁止令已到期")."""
    s = own_record(record_text)
    out: set[str] = set()
    for m in _BANNED_FROM.finditer(s):
        where = m.group(1)
        if _ORDER_ENDED.search(_sentence(s, m.start())):
            continue
        if _ENTERTAINMENT_WORDS.search(where):
            out.add(parse.NOT_BANNED_ENTERTAINMENT)
        if _NETBAR_WORDS.search(where):
            out.add(parse.NOT_BANNED_NETBAR)
        if _SCHOOL_WORDS.search(where):
            out.add(parse.NOT_BANNED_SCHOOL)
    for m in _BANNED_WORK.finditer(s):
        what = m.group(1)
        if _ORDER_ENDED.search(_sentence(s, m.start())):
            continue
        if _FOOD_WORDS.search(what):
            out.add(parse.NOT_BANNED_FOOD)
        if _DRUG_WORDS.search(what):
            out.add(parse.NOT_BANNED_DRUGS)
    return frozenset(out)


# ------------------------------------------------------------------------------------------ 社区矫正 and the county

_SUPERVISED = re.compile(r"社区矫正|缓刑|假释|暂予监外执行|监外执行|入矫|矫正期|考验期")
_SUPERVISION_PAST = re.compile(r"(?:以前|曾经|曾)[^,，。;；]{0,4}(?:缓刑|假释|社区矫正)|矫正(?:已|已经)?(?:结束|期满|解除)"
                               r"|解除(?:社区)?矫正")
_TERM_END = re.compile(r"(?:矫正期|考验期|假释考验期|缓刑考验期|矫正)(?:至|到)((?:19|20)\d\d)年")
_CANNOT_LEAVE = re.compile(r"出不了县|不能出县|不能离开(?:本县|县里|县城)|出县(?:要|需|需要|得|须)(?:请假|报备|批准|审批)"
                           r"|不能出(?:本)?县")
_APPROVAL = re.compile(r"(?:已|已经)?(?:批准|同意|审批)(?:了)?([^;；。]*)")
_AFTER_TERM = re.compile(r"(?:矫正|考验期|假释|缓刑)?(?:结束|期满|解除)(?:以)?后([^;；。]*)")


def county_bound(record_text: object, *, year: int | None = None) -> bool:
    """Whether a seeker may not leave the county: a 社区矫正 their own row states with its term running (no end, or an end
    after `year`), or their words say so ("出县要请假", "现在出不了县")."""
    s = own_record(record_text)
    if _said(_CANNOT_LEAVE, s):
        return True
    if not _said(_SUPERVISED, s) or _SUPERVISION_PAST.search(s):
        return False
    ends = [int(m.group(1)) for m in _TERM_END.finditer(s)]
    return not ends or max(ends) > (year or parse.reference_year())


def approved_places(record_text: object) -> str:
    """The words of an approval the row states ("司法所已批准经常去北海市区上班" → "经常去北海市区上班"): places named there
    stay open to a seeker bound to the county."""
    return " ".join(m.group(1) for m in _APPROVAL.finditer(own_record(record_text)))


def after_term_places(text: object) -> str:
    """The words a seeker ties to the end of their term ("矫正结束后去广东也可以" → "去广东也可以")."""
    return " ".join(m.group(1) for m in _AFTER_TERM.finditer(normalise_text(text)))


def county_cap(gazetteer: Gazetteer, level: int, named: tuple[str, ...], *, home: str | None, record_text: object,
               places_text: object) -> tuple[int, tuple[str, ...]]:
    """(level, named) of `Gazetteer.acceptable` for a seeker bound to the county: the level at most the county, the named
    places those inside it, those an approval in the row names and those named for after the term."""
    county = (home or gazetteer.home_county)[:6]
    kept: set[str] = set()
    for words in (approved_places(record_text), after_term_places(f"{normalise_text(places_text)} {own_record(record_text)}")):
        if words.strip():
            kept.update(gazetteer.acceptable(words, home=home)[1])
    return min(level, 2), tuple(c for c in named if c.startswith(county) or c in kept)


# ------------------------------------------------------------------------------------------ a voided licence

_IN_MEASURE = re.compile(r"社区戒毒|社区康复")
_MEASURE_ENDED = re.compile(r"(?:解除|完成|结束)[^,，。;；]{0,3}社区(?:戒毒|康复)|社区(?:戒毒|康复)[^,，。;；]{0,2}(?:已|已经)?"
                            r"(?:结束|期满|解除|完成)")
_REHAB_ENDED = re.compile(r"((?:19|20)\d\d)年(?:\d{1,2}月)?(?:解除|结束|出所)[^,，。;；]{0,3}强制隔离戒毒"
                          r"|强制隔离戒毒[^,，。;；]{0,8}?((?:19|20)\d\d)年(?:\d{1,2}月)?(?:解除|结束|出所)"
                          r"|解除强制隔离戒毒[^(（]{0,4}[(（]((?:19|20)\d\d)年")
DRIVING_LICENCES = frozenset({"A1", "A2", "A3", "B1", "B2", "C1", "C2", parse.MOTORCYCLE_LICENCE})


def licence_void(record_text: object, *, year: int | None = None) -> bool:
    """Whether a seeker's own record voids any driving licence they list: now in 社区戒毒 or 社区康复 (of a drug measure),
    or out of 强制隔离戒毒 less than three years (the licence is 注销 and cannot be applied for again within three years)."""
    s = own_record(record_text)
    if not _DRUG_CONTEXT.search(s):
        return False
    if _IN_MEASURE.search(s) and not all(
            _MEASURE_ENDED.search(s[max(0, m.start() - 5):m.end() + 6]) for m in _IN_MEASURE.finditer(s)):
        return True
    ended = [int(next(g for g in m.groups() if g)) for m in _REHAB_ENDED.finditer(s)]
    return any((year or parse.reference_year()) - y < 3 for y in ended)


# ------------------------------------------------------------------------------------------ the seeker's levels


def seeker_lacks(record_text: object, *, year: int | None = None) -> frozenset[str]:
    """The levels of `parse.RECORD_LEVELS` a seeker's own record rules out (`record_text`: `features.seeker_record_text`)."""
    kinds = offences(record_text)
    if "SEALED" in kinds:      # a sealed conviction: the 公安's certificate answers 无 (刑事诉讼法 第二百八十六条)
        kinds -= {"CONVICTED"}
    lacks = {level for level, by in _RULED_OUT_BY.items() if kinds & by}
    lacks |= banned(record_text)
    if county_bound(record_text, year=year):
        lacks.add(parse.FREE_TO_TRAVEL)
    return frozenset(lacks)


# ------------------------------------------------------------------------------------------ the posting's levels

_NOT_ASKED = re.compile(r"(?:不需要?|无需|不要求|不用|不限|不需要提供|免)[^,，。;；]{0,3}$")
_SECURITY_TITLE = re.compile(r"保安|门卫|门岗|秩序维护|秩序员|巡逻|押运|守押|护卫|安保|巡防")
_SECURITY_DUTY = re.compile(r"巡逻|门岗|押运|(?:大门|门口)值守|值守(?:大门|门口)")
_SECURITY_CERT = re.compile(r"保安员证|保安证")
_KINDERGARTEN = re.compile(r"幼儿园|幼稚园")
_MINORS_UNIT = re.compile(r"小学|中学|初中|高中|中小学|幼儿园|幼稚园|学校|校区|校外培训|培训学校|培训机构|培训中心|教育培训|托管"
                          r"|托育|托儿所|午托|晚托|课后托|早教|辅导班|补习班|少年宫")
_ADULT_SCHOOL = re.compile(r"驾驶员培训|驾校|驾驶培训|技能培训|职业培训|职业技能|成人|老年大学|技工学校|技校")
_ENTERTAINMENT_UNIT = re.compile(r"KTV|歌舞厅|歌厅|舞厅|夜总会|迪厅|迪吧|卡拉OK|歌城|娱乐城|夜场|演艺吧|慢摇吧")
_BAR_UNIT = re.compile(r"酒吧|清吧")
_NETBAR_UNIT = re.compile(r"网吧|网咖|网络会所|上网服务")
_ACCOUNTING_TITLE = re.compile(r"会计|出纳|财务|记账")
_FOOD_MANAGER = re.compile(r"食品安全管理(?:员|人员)|食品安全负责人|食品安全员")
_FOOD_MANAGER_TITLE = re.compile(r"(?:厨房|后厨|餐饮|食品|餐厅|食堂|饭堂|酒楼|饭店|中央厨房)[^,，、/]{0,4}?(?:主管|经理|店长|负责人|总监)"
                                 r"|厨师长|行政总厨|总厨")
_TRAINING = re.compile(r"培训|辅导|补习|托管|午托|晚托")       # a 校外培训 or 托管 shop in a street is no school's premises
_SCHOOL_UNIT = re.compile(r"小学|中学|初中|高中|中小学|幼儿园|幼稚园|学校|校区|校园")
_INTO_SCHOOL = re.compile(r"进(?:入)?(?:学校|校园|校区|校内)|(?:在|到)(?:各)?(?:学校|校园|小学|中学|幼儿园)(?:里|内)?(?:面)?"
                          r"(?:工作|上班|分餐|服务|值守)")
_FOOD_TRADE = re.compile(r"食品|腊味|腊肠|腊肉|米粉|腐竹|豆腐|糕点|面点|月饼|肉类|屠宰|杀猪|猪肉|卤味|熟食|餐饮|饭店|酒楼|快餐|食堂"
                         r"|饭堂|厨房|后厨|厨师|帮厨|配餐|餐厅|传菜|点菜|海产品加工|水产品加工|水产加工|剥虾|虾仁|鱼干|干货|烘焙|面包(?!车)"
                         r"|奶茶|饮品|咖啡")
# a plant's own floor posts: at a food plant ("某米粉厂" 普工) they are food production; its guard or driver is not
_PLANT_POST = re.compile(r"普工|操作工|包装|杂工|帮工|学徒|工人|生产|车间|分拣|质检|品控|打包|装箱|流水线")
_DRUG_TRADE_POST = re.compile(r"药品|药房|药店|卖药|售药|药师|医药(?:销售|代表)|中药|西药")
_OFFENCE_LINE = re.compile(r"无(?:违法犯罪|违法|不良)(?:记录|行为|证明)?|无违法违纪|政审")
_DRUG_LINE = re.compile(r"无(?:吸毒|涉毒)(?:史|记录|经历|行为|证明)?|尿检|毛发检测|(?:有)?吸毒(?:史|记录)?(?:的|者|人员)?(?:不要|不录用|不考虑|勿扰)")
_DRINK_LINE = re.compile(r"无(?:酒驾|醉驾|饮酒(?:后)?驾驶|酒后驾驶)")
_AWAY_OFTEN = re.compile(r"(?:经常|常|频繁|长期)出差|出差(?:较多|多|频繁)|一半时间在外|长期在外|外派|派驻|驻外|常驻外地|跨省|跑长途"
                         r"|一趟[^,，。;；]{0,6}?(?:[二两三四五六七八九十\d]+|几)天")


def _asked(pattern: re.Pattern[str], s: str) -> bool:
    """Whether `pattern` occurs in `s` other than said not to be asked right before it ("无需政审", "不用外派")."""
    return any(not _NOT_ASKED.search(s[max(0, m.start() - 6):m.start()]) and
               not re.search(r"(?:不|无|没有|非)$", s[max(0, m.start() - 1):m.start()]) for m in pattern.finditer(s))


def posting_needs(employer: object, title: object, description: object, certificates: object,
                  benefits: object = "") -> frozenset[str]:
    """The levels of `parse.RECORD_LEVELS` a posting's own words require (its unit's name, title, description,
    certificates and benefits)."""
    unit = normalise_text(f"{normalise_text(employer)} {normalise_text(title)}").upper()
    title_s = normalise_text(title).upper()
    work = normalise_text(f"{normalise_text(title)} {normalise_text(description)[:2000]}").upper()
    lines = normalise_text(f"{normalise_text(description)[:2000]} {normalise_text(benefits)[:500]} "
                           f"{normalise_text(certificates)}").upper()
    needs: set[str] = set()
    # the statute of the work
    if _SECURITY_TITLE.search(title_s) or _asked(_SECURITY_DUTY, normalise_text(description)[:2000]) or \
            _asked(_SECURITY_CERT, normalise_text(certificates)):
        needs.add(parse.BAR_SECURITY)
    if _KINDERGARTEN.search(unit):
        needs.add(parse.BAR_KINDERGARTEN)
    if _MINORS_UNIT.search(unit) and not _ADULT_SCHOOL.search(unit):
        needs.add(parse.BAR_MINORS)
    if _ENTERTAINMENT_UNIT.search(unit):
        needs.add(parse.BAR_ENTERTAINMENT)
    if _ACCOUNTING_TITLE.search(title_s):
        needs.add(parse.BAR_ACCOUNTING)
    if _FOOD_MANAGER.search(work) or _FOOD_MANAGER_TITLE.search(title_s):
        needs.add(parse.BAR_FOOD_MANAGEMENT)
    # the lines it writes
    if _asked(_OFFENCE_LINE, lines):
        needs.add(parse.NO_OFFENCE_RECORD)
    if _asked(_DRUG_LINE, lines):
        needs.add(parse.NO_DRUG_RECORD)
    if _asked(_DRINK_LINE, lines):
        needs.add(parse.NO_DRINK_DRIVING)
    # the workplaces and trades a 禁止令 or 从业禁止 names
    if _ENTERTAINMENT_UNIT.search(unit) or _BAR_UNIT.search(unit):
        needs.add(parse.NOT_BANNED_ENTERTAINMENT)
    if _NETBAR_UNIT.search(unit):
        needs.add(parse.NOT_BANNED_NETBAR)
    if (_SCHOOL_UNIT.search(unit) and not _ADULT_SCHOOL.search(unit) and not _TRAINING.search(unit)) or \
            _asked(_INTO_SCHOOL, work):
        needs.add(parse.NOT_BANNED_SCHOOL)
    if _FOOD_TRADE.search(work) or (_FOOD_TRADE.search(normalise_text(employer)) and _PLANT_POST.search(title_s)):
        needs.add(parse.NOT_BANNED_FOOD)
    if _DRUG_TRADE_POST.search(work):
        needs.add(parse.NOT_BANNED_DRUGS)
    # regular work out of the county
    if _asked(_AWAY_OFTEN, work + " " + normalise_text(benefits)[:500]):
        needs.add(parse.FREE_TO_TRAVEL)
    return frozenset(needs)
