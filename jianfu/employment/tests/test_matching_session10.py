"""Session 10 (issue 8): the trade vocabulary written from the occupation classification (`matching/classification.py`),
the readings added after measuring, and the hard constraints over every development split."""

import pytest

from jianfu.employment.matching import Job, Matcher, Seeker
from jianfu.employment.matching import evaluate as ev
from jianfu.employment.matching.classification import (
    CLASSIFICATION_WORDS,
    NEW_CLASSES,
    NEW_ENTRY_LEVEL,
    NEW_FACTORY_LINE,
    NEW_MIDDLE_CLASSES,
    NEW_RELATIONS,
    READ_AFTER_MEASURING,
)
from jianfu.employment.matching.features import seeker_occupations
from jianfu.employment.matching.occupations import (
    BY_CODE,
    ENTRY_LEVEL,
    FACTORY_LINE,
    MIDDLE_CLASSES,
    OCCUPATIONS,
    OPEN_CODE,
    RELATED,
)
from jianfu.employment.matching.parse import ages_counted_in, infer_job_demands, normalise_occupation
from jianfu.employment.matching.places import Gazetteer

GAZ = Gazetteer.builtin()


# ------------------------------------------------------------------------------ the classes and their place

def test_the_new_classes_sit_in_known_middle_classes_in_code_order():
    # session 20: 6-12, 6-22, 6-24; 21: 6-15; 22: 4-01-08 团长, 4-02-10 代驾, 4-02-11 跑腿 (no new middle class)
    assert len(NEW_CLASSES) == 57 and len(NEW_MIDDLE_CLASSES) == 17
    assert len(OCCUPATIONS) == 119 and len(MIDDLE_CLASSES) == 44     # session 20: 制药, 汽配, 电池 plants; 21: 橡胶; 22: 团长, 代驾, 跑腿
    codes = [o.code for o in OCCUPATIONS]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert all(o.middle in MIDDLE_CLASSES for o in OCCUPATIONS)
    assert MIDDLE_CLASSES["6-30"] == "工程机械操作人员" and MIDDLE_CLASSES["4-05"] == "金融服务人员"
    assert BY_CODE["4-10-06"].name == "殡葬服务员"
    assert BY_CODE["6-30-01"].skills == ("挖掘机操作证",) and BY_CODE["6-30-01"].demands == frozenset({"DRIVING"})
    assert BY_CODE["6-01-03"].demands == frozenset({"STANDING", "HEAVY"})
    # forestry holds picking (八角, 松脂) as well as felling: no lifting demand by the trade, as 5-01-01
    assert BY_CODE["5-02-01"].demands == frozenset()


def test_every_word_table_names_a_known_class():
    for table in (CLASSIFICATION_WORDS, READ_AFTER_MEASURING):
        assert set(table) <= set(BY_CODE)
        for code, words in table.items():
            assert all(w in BY_CODE[code].synonyms for w in words.split()), code


def test_no_word_names_two_trades():
    seen: dict[str, str] = {}
    for o in OCCUPATIONS:
        for word in o.synonyms:
            assert seen.setdefault(word.upper(), o.code) == o.code, word


@pytest.mark.parametrize(("text", "codes"), [
    # the brief's examples of what a county employs
    ("殡仪馆、公墓都行", ["4-10-06"]), ("公墓管理员", ["4-10-06"]), ("管道工", ["6-29-07"]), ("水暖工", ["6-29-07"]),
    ("打磨工", ["6-18-04"]), ("抛光", ["6-18-04"]), ("喷涂工", ["6-18-03"]), ("化验员", ["4-08-01"]),
    ("印刷厂", ["6-07-01"]), ("纸箱厂", ["6-07-02"]), ("屠宰场杀猪", ["6-01-03"]), ("珍珠插核工", ["5-04-01"]),
    ("药店营业员", ["4-01-05"]), ("大药房营业员", ["4-01-05"]), ("医药代表", ["4-01-05"]), ("银行柜员", ["4-05-01"]),
    ("保险代理人", ["4-05-02"]), ("卖保险", ["4-05-02"]), ("物业管家", ["4-06-01"]), ("房产中介", ["4-06-02"]),
    ("消控室值班", ["4-07-02"]), ("电梯维保", ["6-31-02"]), ("摄影师", ["4-08-02"]), ("婚庆", ["4-13-03"]),
    ("社工", ["2-07-01"]), ("小学语文老师", ["2-08-02"]), ("挖机司机", ["6-30-01"]), ("铲车司机", ["6-30-01"]),
    ("塔吊司机", ["6-30-02"]), ("门窗安装工", ["6-29-08"]), ("修路", ["6-29-09"]), ("桉树", ["5-02-01"]),
    ("兽医", ["5-05-03"]), ("兽医师", ["5-05-03"]), ("饲料厂", ["6-01-04"]), ("胶合板", ["6-06-01"]), ("砖厂", ["6-13-01"]),
    ("足浴技师", ["4-10-08"]), ("修脚", ["4-10-08"]), ("洗衣工", ["4-10-07"]), ("加油员", ["4-01-07"]), ("海员", ["4-02-09"]),
    ("宽带安装工", ["4-04-02"]), ("救生员", ["4-13-04"]), ("网吧网管", ["4-13-05"]), ("辅警", ["3-02-02"]),
    ("消防员", ["3-02-01"]), ("施工员", ["2-02-01"]), ("农技员", ["2-03-01"]), ("乡村医生", ["2-05-02"]), ("药剂师", ["2-05-03"]),
    ("美工", ["4-08-03"]), ("电商美工", ["4-08-03"]), ("社区专干", ["3-01-02"]), ("采购员", ["4-01-06"]),
    # formal titles and job-board titles of classes the list had
    ("中式面点师", ["4-03-01"]), ("糕点师", ["4-03-01"]), ("茶艺师", ["4-03-02"]), ("汽车喷漆", ["4-12-01"]),
    ("洗衣机维修", ["4-12-02"]), ("南珠养殖", ["5-04-01"]), ("鱼片", ["6-01-01"]), ("熨烫", ["6-05-01"]),
    ("防盗网", ["6-18-01"]), ("配电房", ["6-31-01"]), ("无人机打药", ["5-05-01"]),
    # a short word of one trade does not take over another trade's phrase
    ("物业保安", ["4-07-01"]), ("保险公司保安", ["4-07-01"]), ("保安领班", ["4-07-01"]), ("洗衣做饭", ["4-10-01"]),
    ("发型设计师", ["4-10-05"]), ("甘蔗卸车", ["4-02-06"]), ("车工", []), ("拉网线", []),
    # read after measuring (development readings)
    ("想开公交车", ["4-02-01"]), ("开大巴、公交", ["4-02-01"]), ("公交乘务员", ["4-02-08"]), ("守押队员", ["4-07-01"]),
    ("夜间看守员", ["4-07-01"]), ("新媒体运营", ["4-01-03"]), ("配班老师", ["2-08-01"]), ("英语助教", ["2-08-03"]),
    ("鸭蛋厂", ["6-01-02"]), ("物业维修工", ["6-31-01"]), ("水库大坝巡查员", ["4-09-04"]),
])
def test_words_of_the_classification_name_their_trade(text, codes):
    assert normalise_occupation(text) == codes


# ------------------------------------------------------------------------------ relations, entry level, factories

def test_relations_of_the_new_classes_are_symmetric_and_exact():
    assert len(NEW_RELATIONS) == 26     # session 20: battery ~ electronics, auto parts ~ machining and painting; 21:
    # rubber ~ auto parts and machining; 22: 代驾 ~ 汽车驾驶员, 跑腿 ~ 外卖, 团长 ~ 直播 and 客服, 宽带装维 ~ 家电维修
    for a, b, sim in NEW_RELATIONS:
        assert RELATED[a][b] == RELATED[b][a] == sim
    assert RELATED["4-07-02"] == {"4-07-01": 0.6}
    assert RELATED["6-30-02"] == {"4-02-02": 0.6} and RELATED["6-30-01"] == {"4-02-02": 0.4}


def test_new_entry_level_and_factory_line_classes():
    assert set(NEW_ENTRY_LEVEL) <= set(ENTRY_LEVEL) and set(NEW_FACTORY_LINE) <= set(FACTORY_LINE)
    assert RELATED[OPEN_CODE]["4-10-07"] == 1.0                 # a laundry is work for someone who "can do anything"
    assert "6-01-03" not in RELATED[OPEN_CODE]                  # slaughtering is a trade, not entry-level work
    for code in NEW_FACTORY_LINE:
        assert RELATED["6-28-01"][code] == 0.75                 # "进厂" is any line work in any factory


def test_the_trade_gives_a_posting_its_usual_demands():
    assert infer_job_demands("屠宰工", ["6-01-03"]) == frozenset({"STANDING", "HEAVY"})
    assert infer_job_demands("屠宰工，可坐着分割", ["6-01-03"]) == frozenset({"HEAVY"})
    assert infer_job_demands("挖机司机", ["6-30-01"]) == frozenset({"DRIVING"})


def test_a_funeral_home_posting_finds_the_seeker_who_asked_for_it():
    jobs = [Job(id="J1", title="殡仪馆服务员", place="廉州镇"), Job(id="J2", title="酒店服务员", place="廉州镇")]
    seeker = Seeker(id="S", age=45, desired="殡仪馆、公墓都行", residence="廉州镇")
    assert seeker_occupations(seeker) == [("4-10-06", 1.0)]
    recs = Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    assert [r.job_id for r in recs][:1] == ["J1"]
    assert recs[0].reasons.startswith("为何推荐：求职意向相符（殡葬服务员）")


# ------------------------------------------------------------------------------ hard constraints, every split

@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
def test_no_top10_breaks_a_hard_constraint_on_any_development_split():
    checked = broken = 0
    for split in ev.DEV_SPLITS:
        seekers, jobs, _ = ev.load_split(split)
        with ages_counted_in(ev.EVAL_YEAR):     # the age cells read in the splits' year (session 27)
            c, b = ev.count_violations(Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, today=ev.EVAL_DATE), GAZ)
        checked, broken = checked + c, broken + b
    # fourteen splits (blind11 since session 11, blind12 since session 12); 10,897 before session 12 read night hours
    # and evening cut-offs, 10,886 before it read ladders and roofs as heights, 10,882 before it read a load stated per
    # piece, 10,880 before a stated load was heavy work, 10,879 before a certificate not held ("在考") was left out,
    # 10,877 before a 12-hour clock ("8点到5点半") and a start in the small hours were no longer read as overnight
    # (emp-dev): fewer postings open to some seekers, so fewer pairs in their top-10s. emp-dev drew heavy work at 10 kg
    # (blind12's writer's figure); the lead moved it to the law's 20 kg, which closes one posting fewer: 10,880
    # fifteen splits since blind13 joined (b3da1ac: 11,950, the pin not moved then); 11,978 since emp-read13 read home
    # outwork ("可在家做": M-J81 opens to the county's residents who stay home) and a load per "一袋/一包"; then
    # session 13 read working hours as a window (emp-dev13: stated hours against a seeker's, night-only, half a day): 11,966
    # session 14 (emp-dev14): 11,966 → 11,909 — a required major of another family now refuses (fewer pairs)
    # sixteen splits since dev4 joined (session 14, its first run: 1,004 pairs checked, 9 rows refused): 12,970 on main;
    # with emp-dev14's readings (every dev4 row loads; majors; dev4 read after): 13,041;
    # seventeen with dev5 (its first run: 1,011; 13,981 on main): 14,078 with emp-dev14's readings
    # eighteen with blind14 after its one run (session 14: 1,128 pairs checked): 15,206
    # nineteen with dev6 (session 15, a larger pool; its first run: 1,811 pairs checked): 17,017
    # session 15 (emp-dev15): a district outside the county named beside a town no longer opens the whole county
    # (县城、北海市区: fewer postings open, 17,017 → 16,767); hands that cannot touch cold water refuse iced or wet work
    # (16,763); a trade's usual standing is no long standing on a stated shift of four hours or less (16,764); a post
    # open only to a group (限本镇脱贫劳动力, 限就业困难人员) refuses a seeker of another stated category (16,666)
    # twenty with blind15 after its one run (session 15: 1,107 pairs checked): 17,773; emp-read15: a group limit with
    # an alternative of another kind ("限本镇休渔渔民或脱贫劳动力") refuses nobody by group (blind15 1,107 → 1,116)
    # session 16 (emp-dev16): a plain "要包住" refuses only a posting saying it houses nobody, so the postings silent on
    # beds open again to the five seekers who wrote it (dev3, blind7, blind8, blind13, dev4, dev6): 17,782 → 17,857
    # twenty-one with blind16 after its one run (session 16, a larger pool: 1,160 pairs checked): 19,017;
    # emp-read16: a health card got at the joining medical, a stool, home outwork fetched from a workshop, a child
    # fetched at a time, a window of hours and shifts written one or the other open blind16's postings to more of its
    # seekers (blind16 1,160 → 1,176; no other split moved): 19,033; then a scope said not to be left ("不能出远门")
    # caps the places beside it, and walking rounds ("入户走访", "走村") are standing for "走路不便" (blind16 1,176 → 1,128,
    # blind9 1,003 → 1,000: fewer postings open): 18,982
    # twenty-two with blind17 after its one run (session 17, a larger pool: 1,349 pairs checked): 20,331
    # blind17 read (session 17, emp-read17): "最好白班" no limit, typed customer service no hearing and a town's limit
    # bound to the people it stands before open pairs (blind17 1,349 → 1,362), "接电话" as hearing closes one (blind16
    # 1,128 → 1,127): 20,343
    # twenty-three with blind18 after its one run (session 18, a larger pool: 1,330 pairs checked): 21,673
    # blind18 read (session 18, emp-read18): 保育员, 面点师, 农机 (no longer a C1) and 挖掘机 certificates, a 中级 level
    # asked and a 24-hour shift as a night close more pairs than the grades and N1 read as held open (blind18 1,330 →
    # 1,291, blind9 1,000 → 974, dev4 1,129 → 1,111, blind13 1,083 → 1,069, blind12 1,063 → 1,051, blind17 1,362 →
    # 1,351, blind11 1,000 → 989, blind15 1,116 → 1,106, blind10 1,022 → 1,013, blind3 629 → 623, blind8 1,017 →
    # 1,012): 21,512
    # twenty-four with blind19 after its one run (session 19, 1,543 pairs checked): 23,055
    # session 19 (emp-wide19): 家政服务员证, 美发师证 and the 专项职业能力证书 are read (a second certificate word), so
    # blind18's postings requiring them (J033, J035, J092, J096, J101) refuse the seekers who lack them (blind18 1,291 →
    # 1,261): 23,025
    # blind19 read (session 19, emp-read19), first part: conditions written in a posting's benefits bind ("三班倒",
    # "需搬运" in 福利待遇), hearing stated as a check, the cold itself and a pregnancy close more pairs than 色盲 read as
    # no limit of fine sight and a 快递 post without a stated load open (blind19 1,543 → 1,539, blind16 1,127 → 1,128):
    # 23,022; second part: the health and ability conditions a posting states (色盲/色弱, 裸眼视力, 识字, APP, 纹身,
    # 粉尘/化学品, 高温, 无尘服 …, `parse.BODY_CONDITIONS`) refuse the seekers who state the limit (blind19 1,539 →
    # 1,521; no other split moves): 23,004
    # twenty-five with blind20 after its one run (session 20, 1,601 pairs checked): 24,605
    # blind20 read (session 20, emp-read20): a clock window said ("只能9点到4点"), the terms of a hire against a seeker's
    # window (a stated minimum, 春节 duty, a start after 春节, 劳务派遣, weekday work) close more pairs than "在家带老人"
    # read as no place limit and night posts "自愿" open (blind20 1,601 → 1,590, dev4 1,111 → 1,108): 24,591
    # session 20 (emp-wide20): 直播销售员证 and 电子商务师证 are read, so blind18's postings requiring them refuse the
    # seekers who lack them (blind18 1,261 → 1,251; the plants, trade words and soft wishes moved no count): 24,581
    # (22,994 before blind20 joined)
    # session 21 (emp-dev21): a crew against the group range and headcount a posting takes (`crews`: "我们4个人一起"
    # against "以组为单位（5-6人）", a lone worker against "只招班组") closes blind20's crew and group pairs (blind20
    # 1,590 → 1,509; no other split states a crew or a group): 24,500
    # twenty-six with blind21 after its one run (session 21, 1,334 pairs checked): 25,915
    # blind21 read (session 21, emp-read21): a post charging a deposit or fee is offered to nobody, a post needing the
    # worker's own car refuses a seeker without one, a ride-hailing post asks three years of driving, and a 网约车 licence
    # now read as a certificate leaves the C1 beside it required (its "可协助办" no longer reaches back to the licence):
    # blind21 1,334 → 1,227, blind9 974 → 962, blind11 989 → 980, blind12 1,051 → 1,039, dev4 1,108 → 1,101, blind17
    # 1,351 → 1,348; a 健康证 "入职后一个月内办好" optional opens blind14 1,107 → 1,114: 25,772
    # both merged (session 21): blind20's crews (−81) and blind21's readings together: 25,772 − 81 = 25,691
    # twenty-seven with blind22 after its one run (session 22, on the session's starting code: 1,385 pairs checked):
    # 25,691 + 1,385 = 27,076
    # blind22 read (session 22, emp-read22): wages held to the year's end offered to nobody, the building trades'
    # certificates read by issuer (应急管理 / 住建 / 市场监管, the 八大员's, the crane's), a crew the seeker leads and a
    # signaller's colour vision refuse pairs, a load carried by a crane and a certificate the employer takes the worker to
    # sit open some (blind22 1,385 → 1,125); the loader's 装载机操作证, read now, refuses the seekers without it on
    # B17-J100 and B18-J077 (blind17 1,348 → 1,343, blind18 1,251 → 1,242): 26,802
    # session 22 (emp-dev22): an e-bike the rider must bring (a rental's deposit binds who needs it), the kind and age of
    # a 带车 post's car, a drink-driving or violent record against 网约车/代驾/出租车 and a record against "无犯罪记录"
    # (`vehicles`) refuse more of blind21's pairs (blind21 1,227 → 1,202; no other split states them): 25,691 − 25 = 25,666 on its own
    # both merged (session 22, emp-merge22): each moves splits the other leaves alone (emp-read22 blind22, blind17,
    # blind18; emp-dev22 blind21): 26,802 − 25 = 26,777
    # twenty-eight with blind23 after its one run (session 23, on the session's starting code: 1,506 pairs checked):
    # 26,777 + 1,506 = 28,283
    # blind23 read (session 23, emp-read23): pay held to the end of a season longer than a month offered to nobody, the
    # 农机 licences by kind and the drone papers by issuer, pesticide against a pregnancy or an allergy, loads named by
    # the bundle and "只能干轻活" refuse pairs, a crew of "我们6个人一起" and "不去广东" beside "区内" open some (blind23
    # 1,506 → 1,427); the same readings move blind9 −1, blind11 −2, dev4 −1, blind18 −1 and blind22 +1: 28,200
    # twenty-nine with blind24 after its one run (session 24, on the session's starting code: 1,205 pairs checked):
    # 28,200 + 1,205 = 29,405
    # blind24 read (session 24, emp-read24): age caps by sex and the 法定退休年龄, a 户籍 named by the post's own town or
    # written in its benefits, who a post is for ("对象为已认定就业困难人员") against a seeker not yet 认定, and "每户限1人"
    # against a household already on a 公益岗 refuse pairs (blind24 1,205 → 1,018); "限廉州镇户籍" read as the post's own
    # town refuses dev5's seekers of other towns on P5-J31 (dev5 1,030 → 1,023): 29,211
    # fix-match24 (code review of emp-read24): a preference is no group limit, so B18-J112's "限本镇脱贫劳动力和监测对象
    # 优先" opens to the seekers of other categories (blind18 1,241 → 1,248); a named 户籍 read by its whole place names,
    # the longest first, reads B24-J088's "须为廉州镇城镇户籍居民" as the post's own town (blind24 1,018 → 1,015): 29,215
    # thirty with blind25 after its one run (session 25, on the session's starting code ab90df4a: 1,242 pairs checked):
    # 29,215 + 1,242 = 30,457
    # blind25 read (session 25, emp-read25): the statute of the work (保安, 幼儿园, minors, 娱乐场所, 会计, food management),
    # the record lines (无违法犯罪记录/政审, 无吸毒史/尿检), a 禁止令's places and trades, regular work out of the county
    # against a 社区矫正对象, a licence a drug measure voids refuse pairs (blind25 1,242 → 1,157); a motorcycle licence
    # is no C1 ("摩托车驾驶证（D或E）" was read as a bare 驾驶证), so blind15's Q-J16 refuses the C1 holders without one
    # (blind15 1,106 → 1,103): 30,369
    # thirty-one with blind26 after its one run (session 26, on the session's starting code c2f3750a: 1,654 pairs
    # checked): 30,369 + 1,654 = 32,023. emp-read26 (blind26 read): a 未成年工's barred workplaces and work, a student's
    # 岗位实习 bars, unpaid work (blind26 1,654 → 1,574); a 16-year-old's top-10 loses a 喷漆 post (blind13 1,069 →
    # 1,068): 31,942
    # emp-fix27: ages counted on a posting's stated start (dates without a year read from the splits' day, EVAL_DATE),
    # a shift ending at 22:00 no night, a lapsed certificate taken for renewal, 在读 against an education floor (blind15
    # 1,103 → 1,100: its 在读 rows lose posts that hire now asking 高中/中专以上; blind20 1,509 → 1,511): 31,941
    # thirty-two with blind27 after its one run (session 27, on the session's starting code 51d8ce90: 1,141 pairs
    # checked): 31,941 + 1,141 = 33,082. emp-read27 (blind27 read): a labour contract a pensioner or one past the
    # statutory retirement age cannot sign ("退休人员勿扰", "须签订劳动合同", 劳务派遣), a post for pensioners only
    # (blind27 1,141 → 1,136); "法定退休年龄以内" read at the 2025 reform's edge (a man of 60, a woman of 55 admitted: blind27
    # and blind24 +8), "B2驾照（A2也可）" one of them, an A or B licence driving as C1 from 63 and a 校车 driver's 25–60
    # (blind27 → 1,140, blind24 1,015 → 1,023): 33,089; with emp-fix27's ages on a posting's start merged (blind27 1,140 →
    # 1,143): 33,092. emp-mend27: the reform's retirement date against the start (blind27 1,143 → 1,141: two men born
    # 1966 past their date lose posts stating 法定退休年龄以内 or a contract), a night to 23:00 taken by one who sleeps at
    # home, an ache the reason of a wish to sit, a 叉车证 the employer has sat (blind27 → 1,150): 33,099
    # thirty-three with blind28 after its one run (session 28, on the session's starting code e4b9fe17: 1,455 pairs
    # checked): 33,099 + 1,455 = 34,554. emp-read28 (blind28 read: a deck officer's crew card, seasickness denied or mild,
    # cold water said fine, a forklift driver's loading, a trip of days, a place said too far, a port's desk work; blind28
    # 1,455 → 1,488, no other split moved): 34,587
    # thirty-four with blind29 after its one run (session 29, on the session's starting code 47c0f500: 1,083 pairs
    # checked): 34,587 + 1,083 = 35,670. emp-read29 (blind29 read: care certificates by trade and grade, a training card
    # as one of two, a carer lifting only where lifting care is named; blind29 1,083 → 1,079, blind26 1,574 → 1,565 (a
    # 保育师职业技能等级证书 asked), dev3 347 → 348, blind11 978 → 979, dev6 1,698 → 1,700, blind16 1,128 → 1,129, blind19
    # 1,521 → 1,523 (carers' posts silent on lifting)): 35,664
    # thirty-five with blind30 after its one run (session 30, on the session's starting code 6cad6afb: 1,540 pairs
    # checked): 35,664 + 1,540 = 37,204. emp-read30 (blind30 read: hours ending on the next day, a cut-off at 23:00 or
    # midnight, a child beside the hour the evening ends, the front office's names, a hotel as another trade's place, a
    # card never got, Mandarin as a must; blind30 1,540 → 1,536, blind27 1,150 → 1,148, blind14 1,114 → 1,113, blind24
    # 1,023 → 1,022 (nights "至次日" now read)): 37,196. emp-bits30 (the fourth certificate word: care training cards,
    # hospitality's and tourism's licences, a 健康证 that cannot be had; blind30 1,536 → 1,462, blind29 1,079 → 1,038,
    # blind28 1,488 → 1,471, blind15 1,100 → 1,085, blind12 1,039 → 1,026, blind10 961 → 960): 37,035
    # emp-window31: blind30 1,462 → 1,449 (postings outside a seeker's dated window, silent ones for "only a stated
    # period"): 37,022
    # thirty-six with blind31 after its one run (session 31, on the session's starting code 3bac1fb0: 1,399 pairs
    # checked): 37,022 + 1,399 = 38,421. emp-read31 (blind31 read: a notice's major class, 政治面貌, 全日制, a 户籍 from
    # outside the county, a 教师资格证's 学段 and 学科, 普通话 and 计算机 grades, a naked-eye figure, "具有X镇户籍", 药士 and
    # 检验士 titles; blind31 1,399 → 1,104, blind17 1,343 → 1,337 (posts asking a party member, a 学段 or a 学科 leave
    # some lists short)): 38,120. emp-lang31: blind30 1,449 → 1,410, blind28 1,471 → 1,465 (languages asked as a must:
    # English, 白话); blind30 1,410 → 1,394 (the employer's kind a seeker refuses: 民宿, 酒店, other than a 饮品店): 38,059
    # thirty-seven with blind32 after its one run (session 32, on the session's starting code 407008c9: 1,448 pairs
    # checked): 38,059 + 1,448 = 39,507. emp-read32 (blind32 read: the welding card in its own words, a card registered
    # for, an electrician's grade asked, the 高压 and R1 cards by 项目, an English test failed, a wage earned elsewhere,
    # an education or a qualification; blind32 1,448 → 1,382, blind26 1,565 → 1,549 (the welding card's own words, an electrician's grade asked),
    # blind28 1,465 → 1,464 (a 高压 card asked)): 39,424
    # emp-left32 (session 32): blind31 1,104 → 1,101 (heights by sex) → 1,099 (a term against a window): both: 39,419
    # thirty-eight with blind33 after its one run (session 33, on the session's starting code 9077f051: 1,336 pairs
    # checked): 39,419 + 1,336 = 40,755. emp-read33 (blind33 read: the 护士 exam passed, a family member at home, a doctor's
    # licences by level, a licence a post says not to do; blind33 1,336 → 1,268, blind31 1,099 → 1,093 (a 村医 post
    # asking 执业助理医师 "乡村医生执业证书不可")): 40,681
    # emp-left33 (session 33: the 低压, 防爆电气, G1 and Q2 cards by 项目): blind32 1,382 → 1,318, blind28 1,464 → 1,424
    # (a 高压 card alone no longer meets a 低压 post): 39,315
    # both merged (the lead): PINNED_AFTER_MERGE
    # thirty-nine with blind34 after its one run (session 34, on the session's starting code b1b572a1: 1,110 pairs
    # checked): 40,577 + 1,110 = 41,687
    # emp-read34 (blind34 read: 珠三角 and 省外 as places, a start after 春节, a couple's room, home for 春节 not each day's,
    # a labour company's placement): blind34 1,110 → 1,071, blind20 1,511 → 1,509 (a 年前急招 post against "过完年再出去"): 41,646
    # fixcr34c (code review: a place refused is no place wished): blind33 1,268 → 1,259 (B33-S09's "不想去县城" no longer
    # names 廉州镇, so fewer of its posts fill that seeker's top-10); emp-left34 (an end of work said alone past 22:00, a
    # start after 春节 preferred, the 执业药师's licence, a 护师's licence, "外出" alone outside the county): blind14
    # 1,113 → 1,056, blind15 1,085 → 1,075, blind33 → 1,236, blind34 1,071 → 1,048 …; both together:
    # forty with blind35 after its one run (session 35, on the session's starting code 62a3cede: 1,210 pairs checked):
    # 41,515 + 1,210 = 42,725
    # emp-read35 (blind35 read: selling refused, 就业见习 eligibility, the 学位, a part-time degree in the history, exams
    # half passed, weekends kept for study): blind35 1,210 → 1,192 (posts refused leave some lists short): 42,707
    # fixcr35a (refused places, past stays, 外出 capped at the county: blind3 623 → 608, blind17 1,337 → 1,329, blind30
    # 1,394 → 1,381 …: −36) and emp-left35 (a nurse's title, a pharmacist's category: blind33 1,227 → 1,218) merged
    # beside it, on the committed vectors (ADR 0049), with codereview35c's two readings: 42,662 (the lead's dev-all run
    # on the merged main)
    # emp-left36 ("只去外地", "本镇或外出", the 主管 titles, the 届, social insurance, building sites, 放射/规培/法律职业资格:
    # blind14 1,056 → 1,030, blind15 1,075 → 1,066, blind17 1,329 → 1,327, blind26 1,549 → 1,534, blind33 1,218 → 1,190,
    # blind35 1,192 → 1,160): 42,550
    assert (checked, broken) == (42550, 0)
