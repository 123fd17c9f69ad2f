"""Session 22 (branch review-read22): blind19 read after its one blind run. General readings for the kinds of its errors,
each with short sentences written here (not the split's rows) and the look-alikes that must stay silent or keep their
finding. docs/review.md "Session 22 (branch review-read22): blind19 read after its one run"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate

# a county coordinating body's notice to its townships
TITLE = "关于做好2028年下半年生态环境和应急管理工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # practices named as formalism are the problem described, not demanded
        (
            "文件重申，“一刀切”式停产、运动式整治和层层加码属于必须坚决纠正的形式主义问题，各地要分类处置。",
            [],
        ),
        ("层层签订责任书是典型的形式主义，各乡镇不再签订。", []),
        # …the demand itself, a demand after the verdict, and a measure against formalism stay findings
        ("各乡镇要层层加码，将完成时限提前至9月底。", ["BR-INS-13"]),
        ("凡属于形式主义问题的整改事项，各乡镇须每周报送整改进展。", ["BR-INS-08"]),
        ("各乡镇每月报送整改台账是纠正形式主义的重要措施。", ["BR-INS-08"]),
        # a coordinating body's meeting of its own member units; the townships named beside them, or meeting themselves
        ("县防指办每月召开一次成员单位联络员会议，分析研判汛情，会议由防指办主任主持。", []),
        ("县防指办每月召开一次成员单位和各乡镇联席会议。", ["BR-MTG-05"]),
        ("各乡镇每季度召开一次安全生产工作例会。", ["BR-MTG-05"]),
    ],
)
def test_described_practices_and_member_units(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the upper level's deadline moved forward for the localities; moved back, or by the county on its own, is not
        (
            "县农业农村局将耕地“非粮化”问题整改期限由省定的12月底前提前至11月15日，要求各乡镇按期销号。",
            ["BR-INS-13"],
        ),
        ("县住建局将市里规定的自建房排查完成时限提前到8月底。", ["BR-INS-13"]),
        ("省里将整改时限由10月底延后至年底，各乡镇按新时限完成。", []),
        ("县里将整改时限由年底前调整至次年3月底。", []),
        # points docked from a township's assessment with the figure after it; an enterprise's credit score is no assessment
        ("未完成整改的问题按每处扣减乡镇年度考核1分。", ["BR-INS-12"]),
        ("未完成整改的企业按每处扣减其信用评分1分。", []),
    ],
)
def test_escalated_deadlines_and_docked_points(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the papers of the work as its proof: their lack docked or refused, the whole process's papers, files scored
        (
            "林长制工作实行包片责任制，巡林记录和包片台账由乡镇统一归档，县林长办每季度抽查，资料缺失的按每项扣0.5分。",
            ["BR-INS-05"],
        ),
        (
            "各村申请黑臭水体治理验收时，须提交治理前后对比、会议记录、群众测评等全过程资料，资料不全的不予验收。",
            ["BR-INS-05"],
        ),
        ("各村须建立河长制工作档案，县河长办每半年对各村档案进行评比打分。", ["BR-INS-05"]),
        # an applicant's papers, a file kept, a body's own archive work: none
        ("申请人提交的资料不全的，不予受理。", []),
        ("企业申请排污许可时资料不全的，不予通过。", []),
        ("各乡镇要做好巡林记录，做到记录完整。", []),
        ("县档案馆每年对各乡镇档案工作进行业务指导。", []),
        ("县生态环境分局对企业环境档案进行检查。", []),
        # photos of the work named first and sent up; localities circulated by a measure said first
        (
            "县林长办要求各乡镇在防火宣传月期间每村张贴宣传标语不少于20幅，张贴照片于10月底前报县林长办，县林长办按宣传完成情况通报各乡镇。",
            ["BR-INS-04", "BR-INS-05"],
        ),
        ("县林长办按各乡镇宣传完成情况拨付宣传经费。", []),
        ("县禁烧办向各乡镇发放宣传横幅，每村10条。", []),
        # a county bureau's branch named by its own word as the receiver of a regular report; its own report up is none
        (
            "县生态环境分局要求各乡镇对辖区内规模以下养殖场建立“一场一档”，档案每季度更新一次并于季度末报分局。",
            ["BR-INS-08"],
        ),
        ("县生态环境分局每季度向县政府报告辖区环境质量状况。", []),
    ],
)
def test_papers_photos_and_circulation(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # on a safety or emergency regime: a group photo with the person checked is added evidence; a hazard's photo is not
        (
            "各乡镇每月对辖区加油站开展安全生产检查，检查时须拍摄检查人员与站长合影并报县应急管理局。",
            ["BR-INS-05", "BR-INS-08"],
        ),
        ("各乡镇每月对辖区加油站开展安全生产检查，发现隐患的拍照上报县应急管理局。", []),
        # a group photo uploaded through an app is the app's demand
        ("各村网格员入户走访时，须通过“网格通”小程序上传与走访对象的合影。", ["BR-APP-04"]),
        # papers graded by completeness make them the issuer's evidence anywhere in the sentence; a drill's plan filed is not
        (
            "县应急管理局要求各村每季度开展一次防汛应急演练，演练须形成方案、签到表、照片和总结，季末报县应急管理局，并按资料完整度对乡镇评分。",
            ["BR-INS-05", "BR-INS-08"],
        ),
        ("县应急管理局要求各村每季度开展一次防汛应急演练，演练方案报乡镇备案。", []),
        # the progress of a rectification sent up weekly in a flood season is the guide's progress report
        ("汛期内，各乡镇每周一报送一次隐患整改进展。", ["BR-INS-08"]),
        ("汛期内，各乡镇每日17时前报送雨情、水情和险情。", []),
        # a sentence with no subject of its own takes it from the sentence before: the townships'; a county bureau's own
        # account (named before, or in its own sentence) and the watch's daily report stay exempt
        ("县防指要求各乡镇汛前开展山塘隐患排查；汛期内每周一报送一次隐患整改进展。", ["BR-INS-08"]),
        ("县水利局牵头开展山塘整治；汛期内每周一向县防指报告一次整治进展。", []),
        ("各乡镇汛前开展山塘隐患排查；汛期内县水利局每周一向县防指报告一次整治进展。", []),
        ("各乡镇汛前开展山塘隐患排查；汛期内每日17时前报送雨情、水情和险情。", []),
    ],
)
def test_evidence_added_on_an_emergency_regime(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # photos sent to a township with no app named (photos first): evidence, not an app's demand
        ("各村须拍摄河道保洁照片上传乡镇。", ["BR-INS-05"]),
        ("各村须通过“河长通”APP拍摄巡河照片上传乡镇。", ["BR-APP-04"]),
        ("汛期各村须拍摄群测群防员巡查照片上传乡镇。", []),
        ("各村须拍摄公开栏照片上传至乡镇监督群。", ["BR-APP-04"]),
        # one's location sent in a work group daily is a check-in in the group; photos alone there are the report's
        ("各村河长每天在镇河长工作群发送巡河定位和照片。", ["BR-APP-06"]),
        ("各村网格员每天在镇网格工作群发送走访照片。", ["BR-INS-08"]),
        # the villages' counts gathered then circulated at a meeting; counted for someone's pay, no circulation
        ("镇河长办每周统计各村发送次数并在镇村干部会上通报。", ["BR-INS-04"]),
        ("镇林长办每周统计各村巡山次数，作为护林员报酬发放依据。", []),
        # the same patrol recorded in the system and again by hand on a printed log; the system alone, or no paper again
        (
            "村级林长除在省林长制信息系统记录巡林情况外，还须在县林长办印制的巡林台账上逐次手工填写巡林时间和路线。",
            ["BR-APP-07"],
        ),
        ("村级林长在省林长制信息系统记录巡林情况，不再另行填写纸质台账。", []),
        ("村级林长巡林情况在省林长制信息系统中记录。", []),
    ],
)
def test_apps_groups_and_second_entries(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_blind19_after_its_reading() -> None:
    """blind19 after the readings: 84/1/1 at group level; the two clauses left are disputed labels of the docs (B19017's
    daily 零报告 through a 防火期, B19128's located photos read as an app's). Session 34 (review-read34) follows the
    session-33 adjudication's line 10, which kept B19017 INS: 85/1/0, B19128 left."""
    scores = evaluate(load_split("blind19"), load_catalogue())
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (85, 1, 0)
    assert sorted(item.id for item, _gold, _pred in scores.errors) == ["B19128"]
    assert sum(scores.trap_fp.values()) == 0
