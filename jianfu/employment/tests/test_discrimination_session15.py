"""Session 15 (newuser15 F1): a posting listing several unlawful conditions is flagged for each, with its own law.

"限女性，25岁以下，未婚，身高160以上" was flagged for sex only, and "男性优先，需无乙肝" missed the hepatitis-B condition, so a
reviewer trusting the finding published "未婚" and "需无乙肝". An age limit alone is lawful and stays unflagged.
"""

from __future__ import annotations

import io

import pytest

from jianfu.employment.discrimination import check, questions

SEX_LAWS = ("《就业促进法》第三条", "《就业促进法》第二十七条", "《妇女权益保障法》第四十三条",
            "《就业服务与就业管理规定》（2018年修订）第二十条")
MARRIAGE_LAWS = ("《就业促进法》第二十七条", "《妇女权益保障法》第四十三条", "《就业服务与就业管理规定》（2018年修订）第二十条")
PATHOGEN_LAWS = ("《就业促进法》第三十条", "《就业服务与就业管理规定》（2018年修订）第十九条",
                 "《就业服务与就业管理规定》（2018年修订）第二十条")


def _found(*texts):
    return [(f.code, f.label, f.excerpt, f.laws) for f in check(*texts)]


def test_a_list_of_conditions_is_flagged_for_sex_and_marital_status_each_quoting_its_own_words():
    assert [(code, label, excerpt, laws) for code, label, excerpt, laws in _found("收银员", "限女性，25岁以下，未婚，身高160以上")
            if code != "height"] == [
        ("gender", "限定性别或性别优先", "限女性", SEX_LAWS),
        ("marriage", "以婚育状况为录用条件", "未婚", MARRIAGE_LAWS),
    ]
    # the height question quotes its own clause too, not the marital status before it
    assert [q.excerpt for q in questions("收银员", "限女性，25岁以下，未婚，身高160以上")] == ["身高160以上"]


def test_a_hepatitis_b_condition_is_flagged_beside_the_sex_preference():
    assert _found("普工", "男性优先，需无乙肝") == [
        ("gender", "限定性别或性别优先", "男性优先", SEX_LAWS),
        ("pathogen", "排斥传染病病原携带者", "需无乙肝", PATHOGEN_LAWS),
    ]


@pytest.mark.parametrize(("text", "excerpt"), [
    ("未婚", "未婚"),
    ("婚否：未婚", "婚否：未婚"),
    ("已婚已育者，工作稳定", "已婚已育者，工作稳定"),
    ("18-35岁，已婚，能长期做", "已婚，能长期做"),   # the age limit before it is not about marriage (F1)
    ("未婚女性优先", "未婚女性优先"),
])
def test_a_marital_status_as_a_condition_is_flagged(text, excerpt):
    assert [(f.code, f.excerpt, f.laws) for f in check("岗位", text) if f.code != "gender"] == [
        ("marriage", excerpt, MARRIAGE_LAWS)]


@pytest.mark.parametrize(("text", "excerpt"), [
    ("需无乙肝", "需无乙肝"),
    ("身体健康，无乙肝，能吃苦", "身体健康，无乙肝，能吃苦"),
    ("乙肝五项阴性", "乙肝五项阴性"),
    ("乙肝两对半须为阴性", "乙肝两对半须为阴性"),
    ("入职体检查乙肝", "入职体检查乙肝"),
    ("非大三阳", "非大三阳"),
    ("传染病病原携带者勿扰", "传染病病原携带者勿扰"),
])
def test_a_hepatitis_b_condition_is_flagged_with_the_pathogen_articles(text, excerpt):
    assert [(f.code, f.excerpt, f.laws) for f in check("岗位", text)] == [("pathogen", excerpt, PATHOGEN_LAWS)]


@pytest.mark.parametrize("text", [
    "25岁以下",                       # an age limit alone is lawful
    "18-45岁，包吃住",
    "已婚夫妻可提供夫妻房",
    "已婚员工可申请夫妻宿舍",
    "负责乙肝五项检测，检验科工作",      # a duty, not a condition on the applicant
    "协助医生开展乙肝疫苗接种",
    "婚育假按国家规定执行",
    "身体健康，持健康证",
])
def test_lawful_wording_stays_unflagged(text):
    assert check("岗位", text) == []


def test_an_imported_posting_is_held_with_every_finding(world):
    from jianfu.employment import postings
    from jianfu.employment.models import Posting, PostingStatus

    text = ("用人单位,岗位名称,工作地点,岗位要求\n合浦县某超市,收银员,廉州镇,限女性，25岁以下，未婚\n"
            "合浦县某电子厂,普工,廉州镇,男性优先，需无乙肝\n合浦县某物流公司,仓管员,廉州镇,25岁以下\n")
    result = postings.posting_import(actor=world.users["county_office"], file=io.BytesIO(text.encode()),
                                     filename="jobs.csv")
    assert result.errors == []
    rows = {p.title: (p.status, [(f["code"], f["excerpt"], f["laws"]) for f in p.flags])
            for p in Posting.objects.all()}
    assert rows == {
        "收银员": (PostingStatus.FLAGGED, [("gender", "限女性", list(SEX_LAWS)),
                                         ("marriage", "未婚", list(MARRIAGE_LAWS))]),
        "普工": (PostingStatus.FLAGGED, [("gender", "男性优先", list(SEX_LAWS)),
                                        ("pathogen", "需无乙肝", list(PATHOGEN_LAWS))]),
        "仓管员": (PostingStatus.OPEN, []),
    }
