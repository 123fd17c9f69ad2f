"""Session 28 (fix-disc28): postings that discriminate as employers really word it, each beside a look-alike.

An attacker found "只要小伙子", "只招帅哥", "女士勿扰", "不招已婚", "拒绝乙肝携带者" and "不招河南人" unflagged. The flag sends the
posting to the office's review; it refuses nobody. Protections ("孕期女职工不安排夜班") and lawful preferences
("退伍军人优先") stay unflagged.
"""

from __future__ import annotations

import io

import pytest

from jianfu.employment.discrimination import check

SEX_LAWS = (
    "《就业促进法》第三条",
    "《就业促进法》第二十七条",
    "《妇女权益保障法》第四十三条",
    "《就业服务与就业管理规定》（2018年修订）第二十条",
)
MARRIAGE_LAWS = (
    "《就业促进法》第二十七条",
    "《妇女权益保障法》第四十三条",
    "《就业服务与就业管理规定》（2018年修订）第二十条",
)
ETHNIC_LAWS = (
    "《就业促进法》第三条",
    "《就业促进法》第二十八条",
    "《就业服务与就业管理规定》（2018年修订）第二十条",
)
HUKOU_LAWS = (
    "《就业促进法》第三条",
    "《就业促进法》第三十一条",
    "《就业服务与就业管理规定》（2018年修订）第二十条",
)
PATHOGEN_LAWS = (
    "《就业促进法》第三十条",
    "《就业服务与就业管理规定》（2018年修订）第十九条",
    "《就业服务与就业管理规定》（2018年修订）第二十条",
)
ORIGIN_LAWS = (
    "《就业促进法》第三条",
    "《就业促进法》第二十六条",
    "《就业服务与就业管理规定》（2018年修订）第二十条",
)


def _found(text):
    return [(f.code, f.excerpt, f.laws) for f in check("岗位", text)]


# (flagged wording, code, excerpt, laws, look-alike that must not fire)
CASES = [
    ("只要小伙子，能吃苦", "gender", "只要小伙子，能吃苦", SEX_LAWS, "小伙子们干劲足，团队氛围好"),
    ("只招帅哥", "gender", "只招帅哥", SEX_LAWS, "只招帅哥美女，形象好"),  # both named: looks, not one sex
    ("只招美女，前台接待", "gender", "只招美女，前台接待", SEX_LAWS, "美女装导购，会搭配"),
    ("小伙子优先", "gender", "小伙子优先", SEX_LAWS, "帅哥美女优先"),
    ("女士勿扰", "gender", "女士勿扰", SEX_LAWS, "夜班岗位，孕期女工除外"),  # a protection
    ("女生勿扰，夜班", "gender", "女生勿扰，夜班", SEX_LAWS, "女工不要求上夜班"),
    ("男士优先（女士勿扰）", "gender", "男士优先（女士勿扰）", SEX_LAWS, "拒绝性别歧视，男女同工同酬"),
    ("拒绝女性", "gender", "拒绝女性", SEX_LAWS, "拒绝男女差别待遇"),
    ("不招已婚", "marriage", "不招已婚", MARRIAGE_LAWS, "已婚员工可申请夫妻宿舍"),
    ("已婚者勿扰", "marriage", "已婚者勿扰", MARRIAGE_LAWS, "已婚夫妻可提供夫妻房"),
    ("已婚已育优先", "marriage", "已婚已育优先", MARRIAGE_LAWS, "婚育假按国家规定执行"),
    ("限未婚", "marriage", "限未婚", MARRIAGE_LAWS, "未婚先孕不影响产假待遇"),
    ("孕妇勿扰", "marriage", "孕妇勿扰", MARRIAGE_LAWS, "接触苯作业，孕妇除外"),  # the appendix's protection
    ("不招孕妇", "marriage", "不招孕妇", MARRIAGE_LAWS, "孕期女职工不安排夜班"),
    ("限汉族", "ethnicity", "限汉族", ETHNIC_LAWS, "汉族、少数民族均可"),
    ("不要少数民族", "ethnicity", "不要少数民族", ETHNIC_LAWS, "拒绝少数民族歧视"),
    (
        "限本地人",
        "hukou",
        "限本地人",
        HUKOU_LAWS,
        "公益性岗位，限本地人",
    ),  # reserved by policy for local residents
    ("外地人勿扰", "hukou", "外地人勿扰", HUKOU_LAWS, "负责外地客户接待"),
    ("不招外地人", "hukou", "不招外地人", HUKOU_LAWS, "外地员工提供住宿"),
    ("乙肝勿扰", "pathogen", "乙肝勿扰", PATHOGEN_LAWS, "协助医生开展乙肝疫苗接种"),
    ("拒绝乙肝携带者", "pathogen", "拒绝乙肝携带者", PATHOGEN_LAWS, "拒绝乙肝歧视，携带者可报名"),
    ("拒绝病毒携带者", "pathogen", "拒绝病毒携带者", PATHOGEN_LAWS, "负责病毒检测"),
    ("不招河南人", "origin", "不招河南人", ORIGIN_LAWS, "河南人民医院护士"),
    ("河南籍勿扰", "origin", "河南籍勿扰", ORIGIN_LAWS, "不要求河南户口"),
    ("新疆人勿扰，包吃住", "origin", "新疆人勿扰，包吃住", ORIGIN_LAWS, "新疆棉田采摘，包吃住"),
    ("东北人除外", "origin", "东北人除外", ORIGIN_LAWS, "退伍军人优先"),  # a lawful preference
]


@pytest.mark.parametrize(("text", "code", "excerpt", "laws", "lookalike"), CASES)
def test_an_employers_wording_is_flagged_with_its_law_and_its_lookalike_is_not(
    text, code, excerpt, laws, lookalike
):
    assert _found(text) == [(code, excerpt, laws)]
    assert _found(lookalike) == []


def test_the_origin_finding_is_labelled_and_stands_beside_the_others():
    findings = check("普工", "只要小伙子，不招河南人，拒绝乙肝携带者")
    assert [(f.code, f.label, f.excerpt) for f in findings] == [
        ("gender", "限定性别或性别优先", "只要小伙子"),
        ("origin", "排斥特定地域的求职者", "不招河南人"),
        ("pathogen", "排斥传染病病原携带者", "拒绝乙肝携带者"),
    ]


def test_an_imported_posting_in_employers_words_is_held_and_a_protection_stays_public(world):
    from jianfu.employment import postings
    from jianfu.employment.models import Posting, PostingStatus

    text = (
        "用人单位,岗位名称,工作地点,岗位要求\n合浦县某酒店,服务员,廉州镇,女士勿扰，不招河南人\n"
        "合浦县某电子厂,质检员,廉州镇,孕期女职工不安排夜班，退伍军人优先\n"
    )
    result = postings.posting_import(
        actor=world.users["county_office"], file=io.BytesIO(text.encode()), filename="jobs.csv"
    )
    assert result.errors == []
    rows = {
        p.title: (p.status, [(f["code"], f["excerpt"], f["laws"]) for f in p.flags])
        for p in Posting.objects.all()
    }
    assert rows == {
        "服务员": (
            PostingStatus.FLAGGED,
            [("gender", "女士勿扰", list(SEX_LAWS)), ("origin", "不招河南人", list(ORIGIN_LAWS))],
        ),
        "质检员": (PostingStatus.OPEN, []),
    }
