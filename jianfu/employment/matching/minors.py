"""What a 未成年工 (16–17) may not do, as the law bars it and a posting's own words show it (session 26, emp-read26,
blind26 read) — carried as two levels of the third certificate word (`parse.MINOR_LEVELS`), so the kernel, the numpy
path and the oracle check them as they check any certificate: every seeker holds both but one whose age is stated
below 18; a posting requires a level only where its own words name the workplace or the work.

Fairness first: a minor's age is never a soft penalty; these levels break a pair only where a statute bars a minor from
what the posting itself states, and every other posting stays open to a 16–17-year-old exactly as to an adult (a post
writing no age floor admits 16: the law's floor). What the posting does not state breaks nothing; a negation right
before the word ("不上外墙", "无需焊接", "不喷漆") is no statement of the work.

- **The workplace** (《未成年人保护法》第六十一条第二款: 营业性娱乐场所、酒吧、互联网上网服务营业场所 "不得招用已满十六周岁
  的未成年人"; 《娱乐场所管理条例》第二条 and 第二十四条: 歌舞、游艺 places): a posting whose unit or title is a KTV,
  歌舞厅, 夜总会, 迪厅, 酒吧/清吧, 网吧/网咖 or a 游艺 hall (电玩城, 游戏厅) — whatever the post (收银, 保洁, 网管). Not a
  hotel or a restaurant whose building holds one (the post's own unit decides), not a 足浴 or 洗浴 shop (no statute names
  them; a desk may still), not a 台球 hall.
- **The work** (《未成年工特殊保护规定》第三条, 劳动法第六十四条), read from the posting's title and description as
  stated: 喷漆/喷涂/油漆/电镀/酸洗/打农药 (有毒作业), 焊接/电焊/气割 (热烧伤, and a 特种作业 that needs 18 anyway), 烟花爆竹,
  加油站/加气站, 锅炉/司炉, 熔炼/压铸/炉前, 冷库/冰库/速冻库 (低温), 高空/外墙/脚手架/吊篮/塔吊 (高处 二级 and above), 井下/
  矿山/采石, 伐木, 潜水, 放射/探伤, 凿岩机/捣固机/气镐/气铲/铆钉机/电锤, and a stated load of more than 25 kg a lift
  ("水泥一包50公斤", "每袋60斤"). Night work and overtime are not here: no statute names them for a 未成年工 outside a
  student's 实习 (a desk may keep its minors off them; the matcher does not refuse on a desk's reading).
"""

from __future__ import annotations

import re

from jianfu.employment.matching import hours, parse
from jianfu.employment.matching.parse import normalise_text

ADULT_AGE = 18

_ADULT_PLACE_UNIT = re.compile(r"KTV|歌舞厅|歌厅|舞厅|夜总会|迪厅|迪吧|卡拉OK|歌城|夜场|演艺吧|慢摇吧|酒吧|清吧|网吧|网咖|网络会所"
                               r"|上网服务|电玩城|电玩厅|游戏厅|游艺厅|游戏机厅|电子游戏(?:厅|室|城|机厅|场所)")
_ADULT_WORK = re.compile(r"喷漆|喷涂|喷油漆|刷油漆|油漆工|电镀|酸洗|打农药|喷农药|施药|焊接|电焊|气焊|氩弧焊|二保焊|气割|切割焊"
                         r"|烟花|爆竹|加油站|加气站|加油员|锅炉|司炉|熔炼|压铸|炉前|冷库|冰库|速冻库|高空作业|高空|高处作业|登高作业"
                         r"|外墙|脚手架|吊篮|塔吊|井下|矿山|采石|伐木|潜水|放射|探伤|凿岩机|捣固机|气镐|气铲|铆钉机|电锤")
_LOAD = re.compile(r"(?:一|每)(?:包|袋|箱|件|桶|捆|块)[^,，。;；\d]{0,4}?(\d+(?:\.\d+)?)\s*(公斤|千克|KG|斤)")
_MAX_LIFT_KG = 25.0
_BUILDING_NOTE = re.compile(r"[(（][^)）]*(?:楼|层|隔壁|对面|旁边)[^)）]*[)）]")


# ------------------------------------------------------------------------------------ a student's 岗位实习
# 《职业学校学生实习管理规定》 (2021) binds a 职业学校's students (中职, 技工学校, 高职) and whoever takes them on 实习:
# 第十六条 (五) no 酒吧, 夜总会, 歌厅, 洗浴中心, 电子游戏厅, 网吧 "等营业性娱乐场所"; (六) no 中介机构 or paid agent; (三)
# the 未成年工 list for a minor student (the levels above); 第十七条 no 夜班, no 加班, no 法定节假日 — "除相关专业和实习岗位
# 有特殊要求，并报上级主管部门备案" (a hospital ward's rota the school has filed: the 规定's own exception); 第十八条 an 实习
# pay "原则上不低于本单位相同岗位工资标准的80%" where the posting states both. The national working time (《国务院关于职工
# 工作时间的规定》 第三条: 8 hours a day, 40 a week) makes a stated six-day week or a day longer than it overtime.
# A pair is a student's 实习 when the seeker is such a student who seeks 实习, or the posting calls its hire 实习 and the
# seeker is such a student; a graduate, an adult worker, a university student (other rules) are not bound.
_VOCATIONAL = re.compile(r"中职|中专|职高|技校|技工|高职|职业(?:技术)?学校|职教|职业教育|技师学院")
_AT_SCHOOL = re.compile(r"在读|在校(?!期间|时)")
# a graduation stated ("中专毕业（在校期间获奖学金）") is no student's — not one to come ("2027届毕业", "预计6月毕业")
_GRADUATED = re.compile(r"(?<!届)(?<!年)(?<!月)(?<!将)(?<!预计)毕业")
_SEEKS_INTERNSHIP = re.compile(r"实习|跟岗|顶岗")
_INTERN_POST = re.compile(r"实习生|岗位实习|顶岗实习|跟岗实习|顶岗|跟岗|学生实习|接收[^,，。;；]{0,12}实习")
_STUDENT_PLACE_UNIT = re.compile(_ADULT_PLACE_UNIT.pattern + r"|洗浴|足浴|桑拿|汗蒸|沐足")
# "中介勿扰"/"中介免谈" turn agencies away, as "谢绝中介" does (the negation before the word)
_AGENCY = re.compile(r"劳务(?:派遣|服务|公司|中介)|人力资源(?:服务|公司|有限)|中介(?!勿扰|免谈|勿进|请绕)|职业介绍"
                     r"|人力(?:服务|外包)")
# 第十六条 (六) bars an agency arranging the 实习, not a business whose own trade is an agent's (a 房产中介 hiring 实习置业顾问)
_TRADE_AGENCY = re.compile(r"(?:房产|房屋|房地产|地产|二手房|租房|租赁|婚姻|婚恋|留学|出国|二手车|汽车|车辆|贷款|金融|保险|商标"
                           r"|知识产权|专利|票务|旅游)中介")
_NIGHT = re.compile(r"夜班|通宵|凌晨|[两二三四]班[两二三四]?倒|倒班|大小夜|值夜|上夜")
_OVERTIME = re.compile(r"加班|做六休一|上六休一|六天班|单休|月休[1-4一二三四两]天|每周休(?:息)?一天|一周休一天|春节不休|节假日(?:正常)?上班"
                       r"|过年不休|全年无休")
# overtime left to the worker ("周末加班自己选，不加班也可以", "加班自愿") is none the post asks
_OVERTIME_OPTIONAL = re.compile(r"加班(?:自愿|自己选|自选|可选|看个人|随意)|自愿加班|不加班也(?:可以|行)|可(?:以)?不加班")
# the 规定's exception is a night or overtime rota filed for the 实习 — a 备案 in the clause that names it or the school;
# an employer's own registration ("用工已在人社局备案") files no rota
_FILED = re.compile(r"(?:夜班|值夜|倒班|加班|学校|教育局|教育部门|主管部门)[^,，。;；]*备案|备案[^,，。;；]*(?:夜班|值夜|倒班|加班|学校)")
# a day's stated span beyond 10 hours is more than 8 hours' work whatever the meal breaks ("8:00-20:00", "早8点到晚7点");
# a span of 10 ("7:30-17:30", a kindergarten's day with its noon rest) is not read as overtime
_LONGEST_SPAN = 10.0
_PAY_PAIR = re.compile(r"实习(?:期|期间)?(?:补贴|工资|薪资|津贴)?(\d{3,5})元?(?:/月|每月)?[^\d]{0,12}?(?:同岗位|转正|正式员工|正式工)[^\d]{0,8}?"
                       r"(\d{3,5})")


def _stated(pattern: re.Pattern[str], s: str) -> bool:
    return any(not parse.negated(s, m.start()) for m in pattern.finditer(s))


def _internship_bars(unit: str, work: str, wage: str) -> bool:
    """Whether a posting's own words state what the 规定 bars in a student's 实习."""
    unit, work = _TRADE_AGENCY.sub(" ", unit), _TRADE_AGENCY.sub(" ", work)
    if _STUDENT_PLACE_UNIT.search(unit) or _stated(_AGENCY, unit) or _stated(_AGENCY, work):
        return True
    if not _FILED.search(work) and (_stated(_NIGHT, work) or parse.works_late(work) or _stated(_OVERTIME, _OVERTIME_OPTIONAL.sub(" ", work))
                                    or ((n := hours.day_length(work)) is not None and n > _LONGEST_SPAN)):
        return True
    pay = _PAY_PAIR.search(f"{wage} {work}")
    return pay is not None and int(pay.group(1)) < 0.8 * int(pay.group(2))


def posting_needs(employer: object, title: object, description: object, wage: object = "") -> frozenset[str]:
    """The levels of `parse.MINOR_LEVELS` a posting's own words require (its unit's name, title, description, wage)."""
    # a note on the building in brackets ("某大酒店（五楼为KTV）") is no post's own workplace
    unit = _BUILDING_NOTE.sub(" ", normalise_text(f"{normalise_text(employer)} {normalise_text(title)}").upper())
    work = normalise_text(f"{normalise_text(title)} {normalise_text(description)[:2000]}").upper()
    needs: set[str] = set()
    if _ADULT_PLACE_UNIT.search(unit):
        needs.add(parse.ADULT_PLACE)
    if _stated(_ADULT_WORK, work) or \
            any(float(m.group(1)) / (2 if m.group(2) == "斤" else 1) > _MAX_LIFT_KG for m in _LOAD.finditer(work)):
        needs.add(parse.ADULT_WORK)
    if _internship_bars(unit, work, normalise_text(wage).upper()):
        needs.add(parse.NOT_INTERN_SEEKER)
        if _INTERN_POST.search(work):
            needs.add(parse.NOT_VOCATIONAL_STUDENT)
    return frozenset(needs)


def seeker_lacks(age: int | None, education: object = "", category: object = "", desired: object = "") -> frozenset[str]:
    """The levels a seeker does not hold: the two of a minor where the age is stated below 18 (none where unknown);
    the two of a student's 实习 for a 职业学校 在校生 (the first only when they seek 实习)."""
    lacks: set[str] = set()
    if age is not None and age < ADULT_AGE:
        lacks |= {parse.ADULT_PLACE, parse.ADULT_WORK}
    status = normalise_text(f"{normalise_text(education)} {normalise_text(category)}")
    if _VOCATIONAL.search(status) and _AT_SCHOOL.search(status) and not _GRADUATED.search(status):
        lacks.add(parse.NOT_VOCATIONAL_STUDENT)
        if _SEEKS_INTERNSHIP.search(normalise_text(desired)):
            lacks.add(parse.NOT_INTERN_SEEKER)
    return frozenset(lacks)
