"""Session 14: a major a posting requires (issue 8). "XX相关专业" / "XX类专业" / "XX专业" (not 优先, not "或…经验") is a hard
constraint on a seeker whose major is stated and of another family; a seeker whose major is unknown is let through and
told to check; majors of one family meet it (护理 meets 医学相关). Own sentences, none taken from the evaluation splits."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import required_major, seeker_major

GAZ = Gazetteer.builtin()


@pytest.mark.parametrize(("text", "family", "phrase"), [
    ("要求护理专业，持护士资格证", "医药", "护理专业"),
    ("临床医学或药学相关专业，大专以上", "医药", "临床医学或药学相关专业"),
    ("中药、康复相关专业", "医药", "中药、康复相关专业"),
    ("财务管理相关专业，熟悉用友软件", "财会", "财务管理相关专业"),
    ("任职要求：1.建筑工程、工程造价类专业", "土建", "建筑工程、工程造价类专业"),
    ("数控技术或模具专业中专以上", "机电", "数控技术或模具专业"),
    ("限汽车检测与维修专业", "汽车", "汽车检测与维修专业"),
    ("食品检验或生物技术相关专业", "化工环境", "食品检验或生物技术相关专业"),   # 检验 is medicine too: 生物 decides
    ("幼儿教育专业，有保育员证", "教育", "幼儿教育专业"),
    ("商务英语专业", "外语", "商务英语专业"),
    # not required
    ("会计专业优先", "", ""),
    ("有护理专业背景者更好", "", ""),
    ("畜牧兽医专业或3年以上养猪经验", "", ""),
    ("机械专业或者持电工证", "", ""),
    ("专业不限", "", ""),
    ("不限专业，会电脑", "", ""),
    ("体育或学前教育专业", "", ""),                # two families: not one to require
    ("考古专业", "", ""),                         # no family knows it
    ("合浦某养殖专业合作社招饲养员", "", ""),       # a 专业合作社 is an employer, not a major
])
def test_a_required_major_is_read(text, family, phrase):
    assert required_major(text) == (family, phrase)


@pytest.mark.parametrize(("text", "education", "families", "word"), [
    ("读的护理专业，去年毕业", "中专", {"医药"}, "护理"),
    ("2023届财务管理专业", "", {"财会"}, "财务管理"),
    ("中职学的数控专业，在厂里实习过", "", {"机电"}, "数控"),
    ("", "大专 市场营销", {"商贸"}, "市场营销"),
    ("", "中专（电子商务）", {"商贸"}, "电子商务"),
    ("", "本科-土木工程", {"土建"}, "土木工程"),
    ("", "大专会计", {"财会"}, "会计"),
    ("", "职高(烹饪)毕业", {"旅游酒店"}, "烹饪"),
    ("动画设计专业", "", {"设计"}, "动画设计"),
    ("", "初中", set(), ""),
    ("在电子厂做过三年", "高中", set(), ""),
    ("专业不限都行", "", set(), ""),
])
def test_a_seeker_s_major_is_read(text, education, families, word):
    assert seeker_major(text, education) == (frozenset(families), word)


JOB = Job(id="J1", title="药房营业员", description="负责药品销售、陈列。要求药学或医学相关专业，中专以上学历。",
          place="廉州镇", wage="3500-4500")
OTHER = Job(id="J2", title="超市营业员", description="负责商品销售、陈列、收银。", place="廉州镇", wage="3500-4500")


def seeker(sid: str, **kw: str) -> Seeker:
    return Seeker(id=sid, age=22, residence="廉州镇", **({"desired": "营业员"} | kw))


def test_a_major_of_another_family_breaks_the_pair_and_one_of_the_family_meets_it():
    nurse = seeker("S1", education="中专（护理）")
    clerk = seeker("S2", education="大专 会计")
    unknown = seeker("S3", education="中专")
    m = Matcher(jobs=[JOB, OTHER], seekers=[nurse, clerk, unknown], gazetteer=GAZ)
    assert violations(nurse, JOB, GAZ) == []
    assert violations(clerk, JOB, GAZ) == ["major"]
    assert violations(unknown, JOB, GAZ) == []
    assert m.violates(clerk, JOB) and not m.violates(nurse, JOB) and not m.violates(unknown, JOB)
    assert [r.job_id for r in m.jobs_for(clerk)] == ["J2"]
    assert {r.seeker_id for r in m.seekers_for(JOB)} == {"S1", "S3"}


def test_the_reasons_say_which_major_was_asked_and_met():
    nurse = seeker("S1", experience="护理专业毕业，在诊所实习半年")
    unknown = seeker("S3", education="中专")
    m = Matcher(jobs=[JOB], seekers=[nurse, unknown], gazetteer=GAZ)
    [met] = m.jobs_for(nurse)
    assert "所学专业（护理）符合岗位要求（药学或医学相关专业）" in met.met
    [open_] = m.jobs_for(unknown)
    assert "岗位要求药学或医学相关专业，未写明所学专业，请核实" in open_.unmet


def test_a_preferred_major_binds_nobody():
    job = Job(id="J3", title="出纳", description="会计相关专业优先", place="廉州镇")
    cook = seeker("S4", education="中专（烹饪）", desired="出纳")
    assert violations(cook, job, GAZ) == []
    assert not Matcher(jobs=[job], seekers=[cook], gazetteer=GAZ).violates(cook, job)
