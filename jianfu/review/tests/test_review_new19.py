"""Session 19 (branch review-new19): a new user's three review misses. Each reading with sentences written here (not
the user's draft), a sentence that must fire and its look-alikes. docs/review.md "Session 19 (branch review-new19)"."""

import pytest

from jianfu.core.formtokens import token_new
from jianfu.review.engine import review_text
from jianfu.review.engine.rules import GROUPS, load_catalogue
from jianfu.review.presenters import rule_choices

# a county office's notice to its townships
TITLE = "关于开展2029年农村人居环境集中整治的通知\n各乡镇人民政府，县直有关单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 1. a task's costs put on the townships, villages or communities that must do it: a duty without its money
        # (review-labelling.md: duties pushed down without the matching powers; the Provisions' part 六), BR-DUTY-05
        ("各村要在月底前清运完积存垃圾，所需费用由村级自行承担。", ["BR-DUTY-05"]),
        ("入户核查所需经费由各乡镇自行解决，县里不再另行安排。", ["BR-DUTY-05"]),
        ("宣传册印制费用由各乡镇自行解决。", ["BR-DUTY-05"]),
        ("摸底登记所需经费由各村（社区）自筹解决。", ["BR-DUTY-05"]),
        ("核查员误工补贴由村里先垫付，年底再统一结算。", ["BR-DUTY-05"]),
        ("乡镇自行解决普查工作经费。", ["BR-DUTY-05"]),
        ("村里先垫付核查员误工补贴，待验收后由县里结算。", ["BR-DUTY-05"]),
        ("网格员走访补贴由各社区从村集体收入中支付。", ["BR-DUTY-05"]),
        ("县级配套资金未到位的，由乡镇先行垫付。", ["BR-DUTY-05"]),
        ("各社区开展入户宣传产生的费用，由社区自行承担。", ["BR-DUTY-05"]),
        ("排查所需资金以乡镇自筹为主。", ["BR-DUTY-05"]),
        # look-alikes: funds the county allocates; a village's own project its villagers decided; enterprises,
        # applicants or households paying their own; the demand forbidden or denied; the township's own activity or
        # its listed duties
        ("所需经费由县财政保障。", []),
        ("工作经费列入县级财政预算，由县财政局按每村3000元标准拨付到村。", []),
        ("由乡镇负责组织实施，所需经费由县财政承担。", []),
        ("经村民会议讨论决定，修建村组道路所需资金通过一事一议筹资筹劳解决。", []),
        ("村集体经济组织自主决定实施的项目，所需资金由村集体自行承担。", []),
        ("企业整改所需费用由企业自行承担。", []),
        ("检测费用由申请人自行承担。", []),
        ("农户自建房屋的费用由农户自行承担。", []),
        ("不得要求村级承担任何费用。", []),
        ("各乡镇不得要求村级垫付资金。", []),
        ("村党组织书记轮训经费由县财政保障，参训人员食宿费用不由村级承担。", []),
        ("项目资金由县级统筹，不让村级垫付。", []),
        ("乡镇自行组织的文体活动，所需经费由乡镇自行承担。", []),
        ("列入乡镇履职事项清单的工作，所需经费由乡镇自行承担。", []),
    ],
)
def test_a_tasks_costs_put_on_the_grassroots(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a festival's costs are its levy (BR-DEMO-06), whatever the festival's name; a vanity project's costs the
        # project's finding — one burden, one finding
        ("油菜花节活动经费由各乡镇自行承担。", ["BR-DEMO-06"]),
        ("文化旅游节所需经费由各乡镇按人口比例分摊。", ["BR-DEMO-06"]),
        ("每个乡镇年内至少打造1个“网红打卡点”，所需资金由乡镇自筹。", ["BR-VAN-01"]),
        ("各乡镇要在国道沿线建设主题雕塑，建设资金由乡镇自筹解决。", ["BR-VAN-01"]),
        # a duty pushed down with its costs: both of the group's findings (the writers label such a clause DUTY)
        ("辖区道路保洁由所在乡镇负总责，保洁经费由乡镇自行承担。", ["BR-DUTY-01", "BR-DUTY-05"]),
    ],
)
def test_costs_of_an_event_or_a_vanity_project_stay_with_their_own_rule(sentence, expected):
    assert rules_fired(sentence) == expected


def test_the_costs_rule_is_a_duty_rule_citing_the_provisions_part_on_grassroots_duties():
    rule = load_catalogue().get("BR-DUTY-05")
    assert (rule.group, rule.name, rule.severity) == ("DUTY", "要求乡镇、村（社区）自行承担工作经费", "medium")
    assert rule.provision == "《整治形式主义为基层减负若干规定》第六部分“规范明晰基层权责”"
    assert rule.source == "中共中央办公厅、国务院办公厅，2024年；乡镇（街道）履行职责事项清单"
    assert "费随事转" in rule.suggestion


# 3. the same data filed twice cites the Provisions' article on 填表报材料, not the App measures


@pytest.mark.parametrize(
    "sentence",
    [
        "数据已在防返贫监测信息系统录入的，各村仍须打印纸质版一式两份，加盖村委会公章后报乡镇。",
        "各乡镇在平台上报后，另需报送加盖公章的纸质材料。",
        "花名册分别向县民政局和县残联报送。",
        "请各乡镇再次报送已在系统中填报的数据。",
    ],
)
def test_a_duplicate_filing_cites_the_provisions_article_on_forms(sentence):
    findings = [f for f in review_text(TITLE + sentence).findings if f.rule_id == "BR-APP-07"]
    assert len(findings) == 1
    assert findings[0].provision == ("《整治形式主义为基层减负若干规定》第8条（不得频繁要求基层填表格报材料）；"
                                     "中央层面整治形式主义为基层减负专项工作机制会议（建立“一表通”）")
    assert findings[0].source == ("中共中央办公厅、国务院办公厅，2024年8月印发，2025年8月6日公开；"
                                  "2025年10月28日专项工作机制会议")
    assert "应用程序" not in findings[0].provision


@pytest.mark.parametrize(
    "sentence",
    [
        # one report sent on paper and stamped, with no other filing of it: one filing in one form (as session 18 read
        # one filing in two forms)
        "请于12月10日前将汇总表纸质版加盖公章后报县民政局。",
        "纸质版一式三份报送县人社局。",
        "请将统计表纸质材料报送县统计局。",
    ],
)
def test_one_paper_report_is_no_duplicate(sentence):
    assert rules_fired(sentence) == []


def test_the_app_rules_still_cite_the_app_measures():
    catalogue = load_catalogue()
    assert {r.id for r in catalogue.rules if r.provision.startswith("《政务移动互联网应用程序规范化管理办法》")} == {
        "BR-APP-01", "BR-APP-02", "BR-APP-03", "BR-APP-04", "BR-APP-05", "BR-APP-06"}


# 2. the 补充 form's rule list: names under their groups, in the groups' order


def test_rule_choices_group_the_rules_by_their_groups_names_in_order():
    choices = rule_choices(load_catalogue().clause_rules)
    assert [label for label, _rules in choices] == ["文件", "会议", "督查检查考核", "借调干部", "政务App与工作群", "基层权责",
                                                    "创建示范与评比", "政绩工程"]
    duty = dict(choices)["基层权责"]
    assert [r.id for r in duty] == ["BR-DUTY-01", "BR-DUTY-02", "BR-DUTY-03", "BR-DUTY-04", "BR-DUTY-05"]
    assert all(r.group == key for key, label in GROUPS.items() for g, rules in choices if g == label for r in rules)
    assert sum(len(rules) for _label, rules in choices) == len(load_catalogue().clause_rules) == 57


def test_a_countys_own_rule_is_listed_under_its_own_group_last():
    catalogue = load_catalogue().with_overrides(extra=[{
        "id": "CUSTOM-450521-001", "name": "要求村级报送影像资料", "group": "CUSTOM", "severity": "medium",
        "provision": "本县减负清单", "source": "县减负办", "suggestion": "删除。", "patterns": ["影像资料"]}])
    choices = rule_choices(catalogue.clause_rules)
    assert choices[-1][0] == "自定义"
    assert [r.name for r in choices[-1][1]] == ["要求村级报送影像资料"]


@pytest.mark.django_db
def test_the_add_form_lists_the_costs_rule_by_name_under_its_group(world):
    import re

    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"],
                           text="XX县住房和城乡建设局关于开展危房排查的通知\n一、工作措施\n（一）排查结果每月排名通报。")
    page = world.client("county_office").get(f"/review/reviews/{review.pk}/").content.decode()
    select = page[page.index('name="rule_id"'):]
    select = select[:select.index("</select>")]
    groups = re.findall(r'<optgroup label="([^"]+)">', select)
    assert groups == ["文件", "会议", "督查检查考核", "借调干部", "政务App与工作群", "基层权责", "创建示范与评比", "政绩工程"]
    duty = select[select.index('<optgroup label="基层权责">'):]
    duty = duty[:duty.index("</optgroup>")]
    assert '<option value="BR-DUTY-05">要求乡镇、村（社区）自行承担工作经费</option>' in duty
    assert '<option value="BR-DEMO-03">向参与创建示范、评比的单位收费</option>' in select
    # no rule code as text or tooltip in the list
    assert "title=" not in select and re.findall(r">[^<]*BR-[A-Z]+-\d+[^<]*<", select) == []


@pytest.mark.django_db
def test_adding_the_costs_finding_by_hand_records_its_name_group_and_citation(world):
    from jianfu.review.models import Finding
    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"],
                           text="XX县住房和城乡建设局关于开展危房排查的通知\n一、工作措施\n（一）排查工作由各村负责组织实施。")
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（一）"))
    before = set(Finding.objects.filter(review=review).values_list("pk", flat=True))
    response = world.client("county_office").post(f"/review/reviews/{review.pk}/findings/add/",
                                                  {"clause": str(index), "rule_id": "BR-DUTY-05", "note": "经费未随事转",
                                                   "form_token": token_new()})
    assert response.status_code == 302
    added = Finding.objects.filter(review=review).exclude(pk__in=before)
    assert [(f.rule_id, f.rule_name, f.group, f.origin, f.clause_index, f.provision) for f in added] == [
        ("BR-DUTY-05", "要求乡镇、村（社区）自行承担工作经费", "DUTY", "reviewer", index,
         "《整治形式主义为基层减负若干规定》第六部分“规范明晰基层权责”")]
