"""Session 32 (emp-left32): session 31's readings left over from blind31 — an age ceiling relaxed for a group
(`civil.relaxation_caps`, `civil.seeker_relax_groups`; `SeekerTable.relax_groups`, `JobTable.relax_caps`). Own sentences,
none of blind31's rows: a wording that must fire beside a look-alike that must not, in the kernel, the numpy path and
the oracle (`constraints.violations`) alike, with the reason shown for a pair kept."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from jianfu.employment.matching import Job, Seeker, civil, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import build_jobs, build_seekers
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths

pytestmark = pytest.mark.usefixtures("ages_in_2026")

TODAY = date(2026, 12, 7)


def offered(s: Seeker, jobs: list[Job], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    m = matcher.Matcher(jobs=jobs, seekers=[s], gazetteer=GAZ, today=TODAY)
    return sorted(r.job_id for r in m.jobs_for(s))


# ------------------------------------------------------------------------------------ 1. an age relaxed for a group


@pytest.mark.parametrize(("age", "description", "caps"), [
    ("18-30周岁；退役军人放宽至35周岁", "", (35, 0, 0)),
    ("35周岁以下（硕士研究生、退役军人放宽至40周岁）", "", (40, 40, 0)),
    ("35周岁以下", "具有中级职称的可放宽至40周岁。", (0, 0, 40)),
    ("18-28周岁", "退役士兵放宽至30岁；博士研究生放宽至45周岁", (30, 45, 0)),
    # look-alikes: a relaxation naming no group, a group named without a relaxation
    ("18-60岁", "身体好可放宽到63岁", (0, 0, 0)),
    ("18-35周岁", "退役军人优先", (0, 0, 0)),
])
def test_a_postings_relaxed_ceilings(age: str, description: str, caps: tuple[int, ...]) -> None:
    assert civil.relaxation_caps(age, description) == caps


@pytest.mark.parametrize(("education", "group_text", "certificates", "bits"), [
    ("大专", "退役军人", "", 1),
    ("高中", "农村劳动力 2015年退伍", "", 1),
    ("硕士研究生（全日制，2024届）", "", "", 2),
    ("本科", "", "中级会计职称", 4),
    ("本科", "", "主管护师", 4),
    # look-alikes: still studying, still sitting, a skill grade (中级工), nothing stated
    ("硕士研究生在读", "", "", 0),
    ("本科", "", "中级会计职称在考", 0),
    ("高中", "", "电工中级工", 0),
    ("本科", "", "", 0),
])
def test_a_seekers_relax_groups(education: str, group_text: str, certificates: str, bits: int) -> None:
    assert civil.seeker_relax_groups(education, group_text, certificates) == bits


def veteran(sid: str, age: int, category: str) -> Seeker:
    return Seeker(id=sid, age=age, gender="男", residence="廉州镇", desired="辅警", places="县城", category=category,
                  education="高中", wage="3000")


AUXILIARY = Job(id="J-aux", title="勤务辅警", employer="合浦县公安局", place="廉州镇", age="18-30周岁；退役军人放宽至35周岁",
                education="高中及以上", wage="3500", description="参与巡逻防控，实行轮班。", certificates="", benefits="五险一金")
PLAIN = Job(id="J-plain", title="勤务辅警", employer="合浦县公安局", place="廉州镇", age="18-30周岁",
            education="高中及以上", wage="3500", description="参与巡逻防控，实行轮班。", certificates="", benefits="五险一金")


def test_the_tables_carry_the_groups_and_the_ceilings() -> None:
    S = build_seekers([veteran("v", 34, "退役军人"), veteran("n", 34, "农村劳动力")], GAZ)
    J = build_jobs([AUXILIARY, PLAIN], GAZ)
    assert S.relax_groups.tolist() == [1, 0]
    assert J.relax_caps.tolist() == [[35, 0, 0], [0, 0, 0]]
    assert (J.age_max.tolist(), J.relax_caps.dtype, S.relax_groups.dtype) == ([30, 30], np.int16, np.int8)


@both_paths
def test_a_veteran_of_34_meets_the_relaxed_ceiling_and_no_other(kernel: bool,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert offered(veteran("v", 34, "退役军人"), [AUXILIARY, PLAIN], kernel=kernel, monkeypatch=monkeypatch) == ["J-aux"]


@both_paths
def test_the_relaxation_takes_nobody_without_the_fact_nor_past_its_ceiling(kernel: bool,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert offered(veteran("n", 34, "农村劳动力"), [AUXILIARY, PLAIN], kernel=kernel, monkeypatch=monkeypatch) == []
    assert offered(veteran("o", 36, "退役军人"), [AUXILIARY, PLAIN], kernel=kernel, monkeypatch=monkeypatch) == []
    assert offered(veteran("y", 29, "农村劳动力"), [AUXILIARY, PLAIN], kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-aux", "J-plain"]


def test_the_oracle_reads_the_relaxation_alike() -> None:
    assert violations(veteran("v", 34, "退役军人"), AUXILIARY, GAZ, today=TODAY) == []
    assert violations(veteran("v", 34, "退役军人"), PLAIN, GAZ, today=TODAY) == ["age"]
    assert violations(veteran("n", 34, "农村劳动力"), AUXILIARY, GAZ, today=TODAY) == ["age"]
    assert violations(veteran("o", 36, "退役军人"), AUXILIARY, GAZ, today=TODAY) == ["age"]


def test_the_reason_says_the_relaxation() -> None:
    s = veteran("v", 34, "退役军人")
    [result] = matcher.Matcher(jobs=[AUXILIARY], seekers=[s], gazetteer=GAZ, today=TODAY).jobs_for(s)
    assert "年龄34岁，超过18–30岁，但属退役军人，放宽至35岁" in result.met
    [young] = matcher.Matcher(jobs=[AUXILIARY], seekers=[veteran("y", 29, "退役军人")], gazetteer=GAZ,
                              today=TODAY).jobs_for(veteran("y", 29, "退役军人"))
    assert "年龄29岁符合18–30岁" in young.met


# ---------------------------------------------------------------------------------------------- 2. heights by sex


@pytest.mark.parametrize(("text", "least"), [
    ("限本县户籍；男性身高170cm以上、女性160cm以上；双眼裸眼视力4.8以上", (170, 160, 160)),
    ("限男性；身高172cm以上；体能测评", (172, 172, 172)),
    ("男性身高176cm以上；裸露部位无文身", (176, 0, 0)),
    ("身高：男1.70米以上，女1.60米以上", (170, 160, 160)),
    ("商场巡逻，身高170以上", (170, 170, 170)),
    # look-alikes: preferred, a ceiling, a figure outside a 身高 clause
    ("身高170cm以上优先", (0, 0, 0)),
    ("身高165cm以下，适合在机舱内作业", (0, 0, 0)),
    ("体能测评：1000米跑、立定跳远，满分170", (0, 0, 0)),
])
def test_a_postings_least_heights(text: str, least: tuple[int, int, int]) -> None:
    assert civil.posting_heights(text) == least


@pytest.mark.parametrize(("notes", "height"), [
    ("户籍白沙镇；身高168cm；裸眼5.0", 168), ("身高1.72米", 172), ("身高：175", 175), ("裸眼5.0；无纹身", 0),
])
def test_a_seekers_stated_height(notes: str, height: int) -> None:
    assert civil.seeker_height(notes) == height


def applicant(sid: str, gender: str, notes: str) -> Seeker:
    return Seeker(id=sid, age=24, gender=gender, residence="廉州镇", desired="辅警", places="县城", notes=notes,
                  education="高中", wage="3000")


PATROL = Job(id="J-patrol", title="勤务辅警", employer="合浦县公安局", place="廉州镇", age="18-30周岁",
             education="高中及以上", wage="3500", description="男性身高170cm以上、女性160cm以上。参与巡逻防控。",
             certificates="", benefits="五险一金")
TALL = Job(id="J-tall", title="勤务辅警", employer="合浦县公安局", place="廉州镇", age="18-30周岁",
           education="高中及以上", wage="3500", description="男性身高176cm以上。参与巡逻防控。", certificates="",
           benefits="五险一金")


GUIDE = Job(id="J-guide", title="商场导购", employer="合浦某商场", place="廉州镇", age="18-35周岁", education="不限",
            wage="3000", description="身高160cm以上，形象好。", certificates="", benefits="")


@pytest.mark.parametrize(("title", "employer", "binds"), [
    ("勤务辅警", "合浦县公安局", True), ("政府专职消防员", "北海市消防救援支队", True),
    ("森林消防队员（北部片区）", "合浦县林业局", True), ("商场保安", "北海某商业广场", True),
    # elsewhere a height line is one the office questions (possibly discriminating): it binds nothing here
    ("商场导购", "合浦某商场", False), ("前台接待", "合浦某酒店", False),
])
def test_the_work_a_height_binds(title: str, employer: str, binds: bool) -> None:
    assert civil.height_binds(title, employer) is binds


def test_the_tables_carry_the_heights() -> None:
    S = build_seekers([applicant("m", "男", "身高168cm"), applicant("w", "女", "身高162cm"),
                       applicant("u", "", "身高165cm"), applicant("x", "男", "")], GAZ)
    J = build_jobs([PATROL, TALL, GUIDE], GAZ)
    assert S.height.tolist() == [[168, 999, 999], [999, 162, 999], [999, 999, 165], [999, 999, 999]]
    assert J.height_min.tolist() == [[170, 160, 160], [176, 0, 0], [0, 0, 0]]


@both_paths
def test_each_sex_by_its_own_figure(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [PATROL, TALL]
    assert offered(applicant("m", "男", "身高168cm"), jobs, kernel=kernel, monkeypatch=monkeypatch) == []
    assert offered(applicant("m", "男", "身高170cm"), jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J-patrol"]
    assert offered(applicant("m", "男", "身高176cm"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-patrol", "J-tall"]
    assert offered(applicant("w", "女", "身高162cm"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-patrol", "J-tall"]
    assert offered(applicant("w", "女", "身高158cm"), jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J-tall"]
    # unknown breaks nothing: no height stated; no sex stated, above the lower figure
    assert offered(applicant("x", "男", "裸眼5.0"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-patrol", "J-tall"]
    assert offered(applicant("u", "", "身高165cm"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-patrol", "J-tall"]


def test_the_oracle_reads_the_heights_alike() -> None:
    assert violations(applicant("m", "男", "身高168cm"), PATROL, GAZ, today=TODAY) == ["height"]
    assert violations(applicant("w", "女", "身高162cm"), PATROL, GAZ, today=TODAY) == []
    assert violations(applicant("m", "男", "身高175cm"), TALL, GAZ, today=TODAY) == ["height"]
    assert violations(applicant("x", "男", ""), TALL, GAZ, today=TODAY) == []
    assert violations(applicant("w", "女", "身高158cm"), GUIDE, GAZ, today=TODAY) == []


@both_paths
def test_a_height_outside_such_work_refuses_nobody(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    assert offered(applicant("w", "女", "身高158cm"), [GUIDE], kernel=kernel, monkeypatch=monkeypatch) == ["J-guide"]


def test_the_reason_says_the_height() -> None:
    def reasons(s: Seeker, j: Job) -> tuple[list[str], list[str]]:
        [r] = matcher.Matcher(jobs=[j], seekers=[s], gazetteer=GAZ, today=TODAY).jobs_for(s)
        return r.met, r.unmet
    met, _ = reasons(applicant("w", "女", "身高162cm"), PATROL)
    assert "身高162cm符合女性160cm以上" in met
    met, _ = reasons(applicant("m", "男", "身高171cm"), PATROL)
    assert "身高171cm符合男性170cm以上" in met
    _, unmet = reasons(applicant("x", "男", ""), PATROL)
    assert "身高未填，岗位要求男性170cm以上" in unmet      # his own sex's figure alone (fixcr32c)


# ----------------------------------------------------------------------------- 3. a minimum term against a window


@pytest.mark.parametrize(("text", "months"), [
    ("服务期2年，2027年7月上岗。", 24),
    ("服务期1年，可续1—2年。", 12),
    ("须做满6个月，中途离职不结算奖金", 6),
    ("最低服务期5年", 60),
    ("须在本单位工作满3年", 36),
    # look-alikes: a bonus for a stay, experience asked, a term not asked, a contract's dates, 服务期满
    ("做满3个月返费500元", 0),
    ("要求2年以上工作经验", 0),
    ("不要求做满", 0),
    ("聘期一年（2027年1月至12月），期满可续聘", 0),
    ("服务期满后可优先录用", 0),
    # the same with 须/需/要求 before them: test_fixcr32c's PREFIXED_TERM_LOOKALIKES (one list, session 33)
])
def test_a_postings_stated_term(text: str, months: int) -> None:
    from jianfu.employment.matching import seasons
    assert seasons.posting_term_months(text) == months


@pytest.mark.parametrize(("text", "window"), [
    ("准备考公务员，最多做到2027年12月", (20261207, 20271231)),
    ("2027年9月入学读研，只能做到2027年8月", (20261207, 20270831)),
    ("只干到8月底", (20261207, 20270831)),
    # look-alikes: no last day, a last day past, a time away
    ("想找长期稳定的", (0, 0)),
    ("只做到2026年10月", (0, 0)),
])
def test_a_window_stated_by_its_last_day(text: str, window: tuple[int, int]) -> None:
    from jianfu.employment.matching import seasons
    assert seasons.seeker_window(text, TODAY) == window


def graduate(sid: str, notes: str) -> Seeker:
    return Seeker(id=sid, age=23, gender="女", residence="廉州镇", desired="社区工作者", places="县城", notes=notes,
                  education="本科", wage="2800")


def community(jid: str, description: str) -> Job:
    return Job(id=jid, title="社区工作者", employer="合浦县廉州镇人民政府", place="廉州镇", age="18-35周岁",
               education="大专及以上", wage="3000", description=description, certificates="", benefits="五险")


SCHEME = community("J-scheme", "服务期2年，2027年7月上岗。居民服务。")
SIX = community("J-six", "须做满6个月。居民服务、台账整理。")
SILENT = community("J-silent", "居民服务、台账整理。")


def test_the_table_carries_a_terms_last_day() -> None:
    J = build_jobs([SCHEME, SIX, SILENT], GAZ, today=TODAY)
    assert J.stay_to.tolist() == [20290630, 20270606, 0]


@both_paths
def test_a_window_shorter_than_the_term_refuses_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [SCHEME, SIX, SILENT]
    assert offered(graduate("a", "只能做到2027年8月"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-silent", "J-six"]
    assert offered(graduate("b", "只能做到2027年3月"), jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J-silent"]
    assert offered(graduate("c", "想稳定，服务期几年都行"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-scheme", "J-silent", "J-six"]


def test_the_oracle_reads_the_term_alike() -> None:
    assert violations(graduate("a", "只能做到2027年8月"), SCHEME, GAZ, today=TODAY) == ["term"]
    assert violations(graduate("a", "只能做到2027年8月"), SIX, GAZ, today=TODAY) == []
    assert violations(graduate("b", "只能做到2027年3月"), SIX, GAZ, today=TODAY) == ["term"]
    assert violations(graduate("c", "想稳定"), SCHEME, GAZ, today=TODAY) == []


def test_the_reason_says_the_term_met() -> None:
    s = graduate("a", "只能做到2027年8月")
    [r] = matcher.Matcher(jobs=[SIX], seekers=[s], gazetteer=GAZ, today=TODAY).jobs_for(s)
    assert "本人可做到2027年8月31日，满足岗位服务期（至2027年6月6日）" in r.met
