"""Each review rule cites a basis that exists and is about what the rule flags.

The topics below are what each citation is about, read from `../shared/domain/burden-rules.md` (§1.2 for the
Provisions' articles, §2 for the other texts, §4 for the typical-problem notices); a rule's Chinese name must
name one of its citation's topics. A county office reads the citation beside the finding: a rule on rankings
citing the article on 填表报材料 tells it nothing."""

from __future__ import annotations

import pytest
import yaml

from jianfu.review.engine.rules import RULES_DIR, load_catalogue, load_provisions

TOPICS = {
    "P1": ("发文", "指令", "文件"),
    "P1D": ("指令",),
    "P2": ("篇幅", "字数"),
    "P2C": ("照抄", "照搬"),
    "P3": ("贯彻落实", "配套"),
    "P4": ("会议", "开会"),
    "P5": ("参会", "陪会"),
    "P6": ("讲话", "会议"),
    "P7": ("督查", "检查", "考核", "考评", "评比"),
    "P8": ("填表", "报数", "报材料", "批示", "媒体", "学习笔记", "开会发文", "留痕", "照片", "主要负责同志"),
    "P8B": ("开会", "会议", "照片", "拍照", "留痕", "学习笔记"),
    "P8F": ("填表", "报数", "报材料", "报送", "重复"),      # §1.2 item 8's first clause; §1.2 六 and §2.8 一表通
    "P8V": ("主要负责同志", "陪同汇报"),
    "P8M": ("通报", "督查", "检查", "考核"),      # §1.2 item 8's heading; §3 C "ranking or circulation"; §4 河南商务厅
    "P4SEC": ("借调",),
    "P5APP": ("App", "下载", "打卡"),
    "P6DUTY": ("属地", "乡镇", "权责", "机构"),
    "P7DEMO": ("创建", "示范", "评比", "表彰", "节庆", "论坛", "星级"),
    "TL132": ("加码", "留痕", "考核", "指标", "计分"),
    "APP2026": ("App", "下载", "打卡", "点赞", "上传", "工作群", "报送"),
    "DEMO2022": ("创建", "示范", "评比", "名义", "活动", "收费"),
    "DEMO2022N": ("名义",),
    "N2019": ("一票否决", "责任书", "责任状"),
    "V2022": ("挂牌", "上墙", "证明", "牌子"),
    "NOTICE": ("形象工程", "景观", "造景", "装修", "展厅", "攻坚", "一刀切", "排名", "榜单", "目标"),
    "NOTICE_RANK": ("排名",),
}


def _cites() -> dict[str, tuple[str, str]]:
    """rule id → (citation key, rule name), as the rule files write them."""
    out = {}
    for path in sorted(RULES_DIR.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out[raw["id"]] = (raw.get("cite", ""), raw["name"])
    return out


def test_every_citation_exists_and_every_key_has_topics():
    provisions = load_provisions()
    cites = _cites()
    assert {key for key, _name in cites.values()} - set(provisions) == set()
    assert set(TOPICS) == set(provisions)
    assert len(cites) == len(load_catalogue().rules)


def test_each_rule_names_a_topic_of_what_it_cites():
    misses = {rule_id for rule_id, (key, name) in _cites().items() if not any(t in name for t in TOPICS[key])}
    assert misses == set()


def test_circulating_criticism_cites_the_article_on_inspection_methods_not_on_planning():
    """BR-INS-16 cited article 7 (annual plan and filing), which says nothing of 通报批评; article 8 (improve methods)
    is where burden-rules.md files circulation, beside the notice that named it."""
    rule = load_catalogue().get("BR-INS-16")
    assert rule.provision == ("《整治形式主义为基层减负若干规定》第8条（改进督查检查考核方式方法）；典型问题通报（河南省商务厅频繁通报"
                              "完成情况，诱发数据造假）")
    assert rule.source == "中共中央办公厅、国务院办公厅，2024年8月印发，2025年8月6日公开；2026年1月19日通报"
    assert "第7条" not in rule.provision


def test_rankings_and_meeting_proof_cite_what_covers_them():
    catalogue = load_catalogue()
    ranking, meeting_proof = catalogue.get("BR-INS-04"), catalogue.get("BR-MTG-06")
    assert ranking.provision == ("中央层面整治形式主义为基层减负专项工作机制办公室典型问题通报（频繁排名通报：黑龙江绥化市公安局"
                                 "每月对考核成绩排名并正式印发；河北三河市频繁调度、督查督办和排名通报）")
    assert ranking.source == "2025年4月27日、2025年7月14日通报"
    assert meeting_proof.provision == ("《整治形式主义为基层减负若干规定》第8条（不把是否开会发文、拍照留痕、制作学习笔记等作为评判"
                                       "工作优劣的标准）")
    assert "填表" not in ranking.provision + meeting_proof.provision


@pytest.mark.django_db
def test_the_review_page_shows_titles_and_provisions_and_keeps_codes_in_title_attributes(world):
    import re

    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text="XX县住房和城乡建设局关于开展危房排查的通知\n一、工作措施\n"
                                                                   "（一）考核实行千分制，考核结果每月排名通报。")
    page = world.client("dept_housing").get(f"/review/reviews/{review.pk}/").content.decode()
    assert '<strong title="BR-INS-04">频繁排名通报</strong>' in page
    assert ("依据：中央层面整治形式主义为基层减负专项工作机制办公室典型问题通报（频繁排名通报：黑龙江绥化市公安局每月对考核成绩"
            "排名并正式印发；河北三河市频繁调度、督查督办和排名通报）") in page
    # no rule code is shown as text anywhere on the page: only in attributes (title, value) and the mark's title
    assert re.findall(r">[^<]*BR-[A-Z]+-\d+[^<]*<", page) == []
    assert page.count('title="BR-INS-04"') == 1       # the finding's title
    # the mark in the clause text shows the title, the code after it (session 10)
    assert page.count('title="频繁排名通报（BR-INS-04）"') == 1
    # the office's page (dismiss / add forms, the rule select): the same
    office = world.client("county_office").get(f"/review/reviews/{review.pk}/").content.decode()
    assert 'name="rule_id"' in office and re.findall(r">[^<]*BR-[A-Z]+-\d+[^<]*<", office) == []
    assert '<option value="BR-INS-04">频繁排名通报</option>' in office


def test_a_rules_advice_never_recommends_the_rhythm_it_flags():
    """newuser14 N09: "每月25日前报送" was flagged as a reporting rhythm with the advice "确需定期报送的按月或按季度"."""
    from jianfu.review.engine import review_text

    catalogue = load_catalogue()
    rule = next(r for r in catalogue.clause_rules if r.id == "BR-INS-08")
    findings = [f for f in review_text("各村（社区）每月25日前报送本月人居环境整治进度表。", catalogue=catalogue).findings
                if f.rule_id == "BR-INS-08"]
    assert len(findings) == 1 and rule.name == "定期要求填表报数"
    assert not any(word in rule.suggestion for word in ("按月", "按季度", "每月", "每季度"))
