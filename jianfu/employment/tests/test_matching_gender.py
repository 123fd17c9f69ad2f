"""ADR 0027 (issue 8, session 9): a posting's gender requirement is neither a filter nor a score, except where the law
closes the work to women (《女职工劳动保护特别规定》附录); elsewhere the explanation says it binds nobody."""

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.batch import batch_top
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import gender_requirement, men_only_lawful, women_barred_by_law

GAZ = Gazetteer.builtin()
NOTICE = "该岗位写有性别要求（“限男性”），用人单位不得以性别为由拒绝录用；求职者不受此限制，可照常报名，遇到拒绝可向人社部门反映"


def _seekers() -> tuple[Seeker, Seeker, Seeker]:
    kw = dict(age=35, residence="廉州镇", desired="搬运、装卸、保安都行")
    return (Seeker(id="W", gender="女", **kw), Seeker(id="M", gender="男", **kw), Seeker(id="U", **kw))


def test_what_a_posting_says_about_gender():
    assert gender_requirement("小区门岗和巡逻，限男性，18-50岁") == "男"
    assert gender_requirement("剥虾仁、去头，限女工") == "女"
    assert gender_requirement("不招女工") == "男"
    assert gender_requirement("女性优先，有健康证") == "女"
    assert gender_requirement("男女不限，限男性") == ""          # opened anywhere in the text
    assert gender_requirement("统一发工装，限男装尺码") == ""       # clothing, not a requirement
    assert gender_requirement("搬运、装卸") == ""
    # session 9 diff review: children are no gender; a colon after the word still states one
    assert gender_requirement("脱贫户子女优先录用") == ""
    assert gender_requirement("军烈属子女优先") == ""
    assert gender_requirement("性别要求：男") == "男"
    assert gender_requirement("要求：男性，能吃苦") == "男"


def test_only_the_appendix_of_the_special_rules_closes_work_to_women():
    assert women_barred_by_law("煤矿井下作业")
    assert women_barred_by_law("体力劳动强度四级")
    assert women_barred_by_law("搬运每袋30公斤饲料")
    assert women_barred_by_law("扛一百斤的袋子")                  # 50 kg
    assert women_barred_by_law("每小时搬运8次，每次22公斤")       # more than 20 kg, 6 times an hour or more
    assert not women_barred_by_law("每小时搬运3次，每次22公斤")
    assert not women_barred_by_law("每次搬25公斤")                # not more than 25 kg
    assert not women_barred_by_law("搬运冰块，重体力")              # the words must say what makes it so
    assert men_only_lawful("限男性，搬运50公斤水泥")
    assert not men_only_lawful("限女性，搬运50公斤水泥")            # the appendix never closes work to men
    assert not men_only_lawful("小区门岗，限男性")
    # session 9 diff review: a body weight or a day's output is no load lifted
    assert not men_only_lawful("小区门岗，限男性，身高165cm以上，体重120斤以上")
    assert not men_only_lawful("限男，体重55kg以上")
    assert not men_only_lawful("果园采摘，日采摘300斤，限男性")


def test_the_lawful_restriction_is_a_hard_constraint_for_women_only():
    women, men, unknown = _seekers()
    lawful = Job(id="L", title="装卸工", place="廉州镇", description="水泥装卸，每袋50公斤，限男性")
    other = Job(id="O", title="装卸工", place="廉州镇", description="快递包裹装卸")
    assert violations(women, lawful, GAZ) == ["limits:MEN_ONLY_LAWFUL"]
    assert violations(men, lawful, GAZ) == [] and violations(unknown, lawful, GAZ) == []
    m = Matcher(jobs=[lawful, other], seekers=[women, men, unknown], gazetteer=GAZ)
    assert [r.job_id for r in m.jobs_for(women)] == ["O"]
    assert {r.job_id for r in m.jobs_for(men)} == {"L", "O"}
    assert [r.seeker_id for r in m.seekers_for(lawful)] in (["M", "U"], ["U", "M"])
    assert m.violates(women, lawful) and not m.violates(men, lawful)
    # the batch path reads the same bits
    result = batch_top(m, k=3, exact_below=0, processes=1)
    assert sorted(int(j) for j in result.seeker_jobs[0] if j >= 0) == [1]
    # a man is told nothing about it: the restriction is the law's, not a finding
    assert all(not r.notes for r in m.jobs_for(men))
    # a registry seeker ("F") is a woman too
    assert violations(Seeker(id="F", gender="F", age=35, residence="廉州镇", desired="装卸"), lawful, GAZ)


def test_an_unlawful_requirement_neither_filters_nor_scores_and_is_explained():
    women, men, _unknown = _seekers()
    guard = Job(id="G", title="保安", place="廉州镇", description="小区门岗和巡逻，限男性，白班")
    assert violations(women, guard, GAZ) == []
    m = Matcher(jobs=[guard], seekers=[women, men], gazetteer=GAZ)
    for_women, for_men = m.jobs_for(women), m.jobs_for(men)
    assert [r.job_id for r in for_women] == ["G"] and for_women[0].score == for_men[0].score
    assert for_women[0].notes == [NOTICE] and for_men[0].notes == [NOTICE]
    assert for_women[0].reasons.endswith("。提示：" + NOTICE + "。")
    assert [r.seeker_id for r in m.seekers_for(guard)] in (["W", "M"], ["M", "W"])
    # a posting without a gender requirement has no notice
    plain = Matcher(jobs=[Job(id="P", title="保安", place="廉州镇", description="小区门岗和巡逻")], seekers=[women],
                    gazetteer=GAZ)
    assert plain.jobs_for(women)[0].notes == [] and "提示" not in plain.jobs_for(women)[0].reasons

