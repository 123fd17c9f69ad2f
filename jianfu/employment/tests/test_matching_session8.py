"""Session 8 (issue 8): the towns of the prefecture's other districts, "分拣" read by what is sorted, the trades'
job-board words, and the seeker sheet's experience column parsed once."""

import csv

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, semantic, sheets
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import seeker_occupations
from jianfu.employment.matching.occupations import (
    APPRENTICE_CODE,
    APPRENTICE_TRADES,
    ENTRY_LEVEL,
    OCCUPATIONS,
    RELATED,
)
from jianfu.employment.matching.parse import normalise_occupation

GAZ = Gazetteer.builtin()


# ------------------------------------------------------------------------------ 1. the prefecture's other towns

def test_a_district_and_its_town_written_together_is_the_town():
    assert GAZ.resolve("铁山港区南康镇") == "450512100"
    assert GAZ.resolve("南康镇") == "450512100"
    assert GAZ.resolve("铁山港区营盘镇") == "450512101"
    assert GAZ.resolve("银海区侨港镇") == "450503103"
    assert GAZ.resolve("涠洲岛") == "450502100"
    assert GAZ.resolve("铁山港区") == "450512"            # a district named without a town stays the district
    assert GAZ.resolve("北海市合浦县廉州镇") == "450521100"


def test_a_street_is_known_by_its_full_name_only():
    # 廉州镇 has communities named like 海城区's streets: "东街社区" is no street of 海城区
    assert GAZ.resolve_each("廉州镇东街社区") == ["450521100"]
    assert GAZ.resolve_each("廉州镇海角社区") == ["450521100"]
    assert GAZ.resolve("海城区东街街道") == "450502002"
    assert GAZ.resolve("东街") is None


def test_own_town_in_tieshangang_district_is_a_place_constraint_by_the_town():
    seeker = Seeker(id="S", age=45, residence="铁山港区南康镇", desired="虾厂", places="本镇")
    here = Job(id="J1", title="对虾分级包装工", age="18-55岁", place="铁山港区南康镇")
    there = Job(id="J2", title="对虾分级包装工", age="18-55岁", place="铁山港区营盘镇")
    assert violations(seeker, here, GAZ) == []
    assert violations(seeker, there, GAZ) == ["place"]
    m = Matcher(jobs=[here, there], seekers=[seeker], gazetteer=GAZ)
    assert [r.job_id for r in m.jobs_for(seeker)] == ["J1"]
    assert not m.violates(seeker, here) and m.violates(seeker, there)


def test_a_gazetteer_from_division_rows_adds_the_prefecture_towns_after_its_own_names():
    rows = [("450521000000", "合浦县"), ("450521100000", "廉州镇"), ("450521100201", "营盘村")]
    g = Gazetteer.from_rows(rows, home_county="450521", source="test")
    assert g.resolve("铁山港区南康镇") == "450512100"
    assert g.resolve("营盘") == "450521100201"          # the county's own village keeps the short name
    assert g.resolve("营盘镇") == "450512101"
    # another prefecture's county gets none of them
    other = Gazetteer.from_rows([("450721000000", "灵山县")], home_county="450721", source="test")
    assert other.resolve("南康镇") is None


# ------------------------------------------------------------------------------ 2. 分拣 by what is sorted

@pytest.mark.parametrize(("title", "code"), [
    ("荔枝分拣工", "5-05-02"), ("龙眼分拣包装", "5-05-02"), ("鸭蛋分拣包装工", "5-05-02"), ("水果分拣", "5-05-02"),
    ("冻品分拣工", "6-01-01"), ("沙虫清洗分拣工", "6-01-01"), ("海货分拣", "6-01-01"),
    ("快递分拣员（夜班）", "4-02-03"), ("仓库分拣员", "4-02-03"), ("分拣员", "4-02-03"), ("分拣", "4-02-03"),
    ("垃圾分拣", "4-09-02"), ("废品分拣", "4-09-02"),
])
def test_sorting_is_the_trade_of_what_is_sorted(title, code):
    assert normalise_occupation(title)[0] == code


def test_farm_produce_sorting_is_entry_level_work_beside_packing_and_picking():
    assert "5-05-02" in ENTRY_LEVEL
    assert RELATED["5-05-02"] == {"6-28-02": 0.6, "5-01-01": 0.5, "6-01-02": 0.5}


def test_a_lychee_sorting_posting_ranks_the_fruit_sorter_above_the_parcel_sorter():
    job = Job(id="J", title="荔枝分拣工", age="18-55岁", place="廉州镇", description="荔枝按大小分拣、装筐")
    fruit = Seeker(id="S1", age=40, residence="廉州镇", desired="水果分拣")
    parcels = Seeker(id="S2", age=40, residence="廉州镇", desired="快递分拣")
    m = Matcher(jobs=[job], seekers=[fruit, parcels], gazetteer=GAZ)
    assert [r.seeker_id for r in m.seekers_for(job)] == ["S1", "S2"]


# ------------------------------------------------------------------------------ 3. the trades' job-board words

@pytest.mark.parametrize(("text", "codes"), [
    ("幼儿园阿姨", ["2-08-01"]), ("保育老师", ["2-08-01"]),
    ("管护工", ["5-01-01"]), ("果园管护工", ["5-01-01"]), ("林木管护员", ["4-09-04"]),   # not 护工, the carer
    ("护工", ["4-10-04"]), ("医疗护理员", ["4-10-04"]), ("陪诊", ["4-10-04"]),
    ("开自卸车", ["4-02-01"]), ("泥头车司机", ["4-02-01"]), ("甘蔗卸车", ["4-02-06"]),
    ("秩序维护员", ["4-07-01"]), ("押运员", ["4-07-01"]),
    ("楼面服务员", ["4-03-02"]), ("砧板", ["4-03-03"]), ("钣金学徒", ["4-12-01"]),
    ("小时工", ["4-10-01"]), ("开荒保洁", ["4-09-01"]), ("剪线头", ["6-05-01"]), ("作业员", ["6-28-01"]),
    ("机修工", ["6-18-02"]),       # a factory's machine fitter as before: the word alone does not say a garage
    ("角雕学徒", ["6-08-01"]), ("贝雕", ["6-08-01"]), ("裁缝", ["6-05-01"]), ("改衣服", ["6-05-01"]),
])
def test_job_board_words_name_their_trade(text, codes):
    assert normalise_occupation(text) == codes


def test_no_word_names_two_trades():
    seen: dict[str, str] = {}
    for o in OCCUPATIONS:
        for word in o.synonyms:
            assert seen.setdefault(word.upper(), o.code) == o.code, word


def test_nurse_and_elder_carer_are_neighbouring_trades():
    assert RELATED["2-05-01"]["4-10-04"] == RELATED["4-10-04"]["2-05-01"] == 0.5


def test_an_apprenticeship_wished_for_without_a_trade_is_related_to_the_trades_that_take_apprentices():
    assert seeker_occupations(Seeker(id="S", desired="想学门手艺，不想进厂")) == [(APPRENTICE_CODE, 1.0)]
    # a trade named beside the wish is read too
    assert [c for c, _ in seeker_occupations(Seeker(id="S", desired="想学门手艺，修车、理发都可以"))] == [
        APPRENTICE_CODE, "4-10-05", "4-12-01"]
    assert normalise_occupation("学徒") == []                 # a posting's "学徒" alone is no trade: its words decide
    assert normalise_occupation("汽修学徒") == ["4-12-01"]
    assert all(RELATED[APPRENTICE_CODE][c] == 0.7 for c in APPRENTICE_TRADES)
    assert set(RELATED[APPRENTICE_CODE]) == set(APPRENTICE_TRADES)
    seeker = Seeker(id="S", age=18, residence="廉州镇", desired="想学门手艺，不想进厂", places="本镇")
    jobs = [Job(id="J1", title="普工", place="廉州镇", description="流水线"),
            Job(id="J2", title="钣金喷漆学徒", age="18-28岁", place="廉州镇", description="跟师傅学钣金修复"),
            Job(id="J3", title="角雕学徒", age="18-40岁", place="廉州镇", description="牛角雕刻、打磨抛光")]
    ranked = [r.job_id for r in Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)]
    assert ranked[:2] in (["J2", "J3"], ["J3", "J2"])


def test_the_apprenticeship_wish_is_never_guessed_by_the_embedding():
    loaded = semantic._model()
    assert loaded is not None                                  # the packaged model runs in the tests
    assert APPRENTICE_CODE not in loaded[0]


# ------------------------------------------------------------------------------ 4. the experience column, once

def test_the_seeker_sheet_parses_the_experience_column_once(tmp_path, monkeypatch):
    path = tmp_path / "s.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["编号", "年龄", "求职意向", "工作经历"])
        w.writerows([["S1", "40", "保安", "做保安5年"], ["S2", "30", "保安", "做保安40年"], ["S3", "30", "保安", "100年"]])
    calls: list[str] = []
    real = sheets._strict_years
    monkeypatch.setattr(sheets, "_strict_years", lambda text: calls.append(text) or real(text))
    result = sheets.read_sheet(path, "seekers")
    assert calls == ["做保安5年", "做保安40年", "100年"]
    assert [s.id for s in result.items] == ["S1"]
    assert [str(e) for e in result.errors] == [
        "第 3 行“工作经历”列：工作年限 40 年超过年龄 30 岁，请核实。",
        "第 4 行“工作经历”列：“100年”不是可能的工作年限（最多 60 年），请核实。"]
