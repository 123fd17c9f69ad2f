"""Session 18 (branch review-new18): three things a new user's pasted county draft was not told. Each reading with
sentences written here (not the user's), a sentence that must fire and its look-alike. docs/review.md "Session 18
(branch review-new18)"."""

import pytest

from jianfu.review.engine import review_text

# a county office's notice to its townships
TITLE = "关于开展2028年村庄清洁行动考核验收的通知\n各乡镇人民政府，县直有关单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) village or township cadres kept beside an upper level's inspection for its length (P8, BR-INS-09)
        ("县考核组入村检查期间，村“两委”干部须全程陪同，不得外出。", ["BR-INS-09"]),
        ("县农业农村局到村督导时，各村须安排2名村干部全程陪同并介绍情况。", ["BR-INS-09"]),
        ("村组干部要全程陪同县验收组逐户查看改厕情况。", ["BR-INS-09"]),
        ("迎检期间，社区干部须全程在岗陪同。", ["BR-INS-09"]),
        ("县检查组入村时，乡镇须安排专人全程陪同。", ["BR-INS-09"]),
        # look-alikes: the inspection team's own staff accompany it; the demand forbidden or waived
        ("验收组由县农业农村局2名工作人员全程陪同，自行入户查看。", []),
        ("县直部门到村检查一律不得要求村干部全程陪同。", []),
        ("考核组到村后自行察看现场，村干部无需陪同。", []),
        # cadres sent with enforcement officers or a firm's staff into homes help that work, not an inspection of
        # the village (a grid worker with the gas company is a duty pushed down, not this rule)
        ("开展燃气安全检查时，村干部要陪同执法人员入户。", []),
        ("冬季消防检查期间，社区干部陪同消防救援人员逐户检查。", []),
    ],
)
def test_cadres_made_to_accompany_an_inspection(sentence, expected):
    assert rules_fired(sentence) == expected


def test_the_principals_reading_is_unchanged():
    assert rules_fired("督导组到乡镇检查时，乡镇党委书记须全程陪同。") == ["BR-INS-09"]
    assert rules_fired("督导组到乡镇检查，不要求乡镇主要负责同志陪同。") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (c) a 示范 title of a village hung, conferred or named is a creation (创建示范活动管理办法: approval needed);
        # hung in the villages it is also the plaque pushed down (BR-DUTY-02), conferred with its plaque the
        # appraisal's alone
        ("各村须在村部外墙悬挂“乡村振兴示范村”标牌。", ["BR-DEMO-01", "BR-DUTY-02"]),
        ("对验收排名前五的村，由县委农办授予“清洁家园示范村”称号并挂牌。", ["BR-DEMO-01"]),
        ("县文明办将年度测评得分最高的10个村命名为“移风易俗示范村”。", ["BR-DEMO-01"]),
        ("在社区服务中心门口悬挂示范社区牌子。", ["BR-DEMO-01", "BR-DUTY-02"]),
        # look-alikes: a title approved or on the retained list; a national title; a party member's post; a model
        # text; a firm's title
        ("列入省级创建示范活动保留项目目录的“和美乡村示范村”，由省里统一授牌。", []),
        ("经省委、省政府批准的“省级美丽乡村示范村”，由省委农办统一授牌，县里不另行挂牌。", []),
        ("获评国家级“美丽休闲乡村”的村，县财政给予一次性奖励。", []),
        ("本方案附件为示范文本，供各乡镇参考。", []),
        ("对新认定为“省级农业产业化示范企业”的，县里给予一次性奖励。", []),
    ],
)
def test_a_model_village_title_is_a_creation(sentence, expected):
    assert rules_fired(sentence) == expected


def test_a_party_members_model_post_is_no_creation():
    # 党员示范岗 / 党员示范户 are party work, not a 创建示范 title; the plaque hung in every village stays the plaque's
    assert rules_fired("各村设立党员示范岗并统一挂牌。") == ["BR-DUTY-02"]


def test_one_report_in_paper_and_electronic_copies_is_one_filing():
    # (b) the same report on paper (several copies) and electronically: session 18 read it as one filing in two forms;
    # session 22 (review-fix22, newuser22's county office adding the finding by hand) reads the second copy as BR-APP-07
    # when nothing else in the sentence is a finding — beside a report found as such (a rhythm, an account, evidence:
    # blind5, blind8, blind9) the copies stay that report's form, as the writers label them (test_review_fix22_copies)
    assert rules_fired("验收结束后，各乡镇将验收报告纸质版一式三份报县农业农村局，同时报送电子版。") == ["BR-APP-07"]
    assert rules_fired("各乡镇将验收报告报县农业农村局，电子版可自愿同时发送至邮箱。") == []
    assert rules_fired("各乡镇在验收系统中填报数据后，还需打印纸质版加盖公章报送。") == ["BR-APP-07"]


def test_the_rules_files_read_by_libyaml_are_what_safe_load_reads():
    # the catalogue is parsed by libyaml where PyYAML has it (0.4 s of a process's first review was the pure-Python
    # parse): every rules file gives the same data either way
    import yaml

    from jianfu.review.engine.rules import RULES_DIR, read_yaml

    files = sorted(RULES_DIR.glob("*.yaml"))
    assert len(files) == 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert read_yaml(text) == yaml.safe_load(text), path.name
