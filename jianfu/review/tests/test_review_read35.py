"""Session 35 (branch review-read35): blind32 read after its one blind run. General readings for the kinds of its errors,
each with short sentences written here (not the split's rows) beside the look-alikes that must stay silent or keep their
finding. docs/review.md "Session 35 (branch review-read35)"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate, predict

# a county body's notice to its townships
TITLE = "关于做好有关工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


CASES = [
    # an item put on the villages that the sentence itself says is off the approved list or past the 准入 review; the ban,
    # the clean-up and the item on the list with its funds stay silent
    ("县水利局要求各村承担农村饮水工程的日常巡检和水质登记，该项工作未列入村级协助事项清单。", ["BR-DUTY-01"]),
    ("县林业局将古树名木普查登记增列为网格员日常事项，该事项不在网格事项准入清单之内。", ["BR-DUTY-01"]),
    ("县司法局要求各村承担社区矫正对象的走访核查，既未经准入审核，也未拨付工作经费。", ["BR-DUTY-01"]),
    ("未列入村级工作事项清单的事项，一律不得要求村级组织承担。", []),
    ("对清单之外下派村级的事项，各乡镇要在3月底前全部清理退回。", []),
    ("村民委员会依法协助乡镇人民政府开展工作，该事项已列入协助事项清单。", []),
    ("县民政局要求各村协助做好困难群众走访，该事项已列入村级协助事项清单，工作经费按季度拨付。", []),
    # a department's field work pushed down to the villages; people, forces or services sent down are support
    ("县自然资源局将违法用地图斑的外业核查任务下沉至各村。", ["BR-DUTY-01"]),
    ("县人社局推动就业服务力量下沉到村，每周派专员到村开展招聘服务。", []),
    ("县卫健局组织医疗专家下沉到村开展义诊。", []),
    # a county department's work handed to the villages to carry, or relayed by a township; the department's own unit,
    # help on the list with its funds, and the village's own publication stay silent
    ("县城管局将沿街店铺占道经营的劝导和登记交由各村负责。", ["BR-DUTY-01"]),
    ("青禾镇将县统计局交办的农户收支情况调查转交各村，要求村干部逐户上门填写。", ["BR-DUTY-01"]),
    ("县城管局将沿街店铺占道经营的劝导交由城管执法中队负责。", []),
    ("县民政局将列入协助事项清单的高龄津贴初审交由各村协助办理，并按人头拨付工作经费。", []),
    ("县民政局将临时救助对象名单交由各村公示。", []),
    # a village certificate with the occasion between the body and its verb; its abolition, the count of certificates
    # issued and their stubs are no demand to issue one; a stamp on the village's own summary table certifies no one
    ("各村委会须在居民申请廉租住房时为其出具收入情况证明。", ["BR-DUTY-04"]),
    ("县住建局不再要求各村委会在居民申请廉租住房时为其出具收入情况证明。", []),
    ("全年各村共开具居住证明860份，同比下降40%。", []),
    ("乡镇检查时调阅各村开具证明的存根。", []),
    ("各乡镇每季度末报送辖区村级事项统计，附各村签字盖章的汇总表。", ["BR-INS-08"]),
    # plaques as the object of their clean-up; new plaques hung after it stay a finding
    ("各村要在4月底前完成村部门口多余牌子的清理。", []),
    ("各村清理旧牌子后，须按县里统一样式悬挂新的服务站标牌。", ["BR-DUTY-02"]),
    # a department's own column added to the village's notice board; the village's own 村务公开 there is not
    ("县文旅局要求各村在村务公开栏中开设“文明旅游专栏”，由村干部负责更新。", ["BR-DUTY-02"]),
    ("各村按规定在村务公开栏公布财务收支情况。", []),
    # a central document named by its issuer and its 关于… title quoted; a county's own notice so named demands
    ("国务院办公厅关于规范村级组织机制牌子的通知明确，村级组织统一悬挂的牌子原则上不超过四块。", []),
    ("县委办关于规范村级挂牌的通知明确，各村须统一悬挂县里制作的服务站标牌。", ["BR-DUTY-02"]),
    # 制度 inside a show wall's own name leaves it the vanity project's; rules put up on a wall are the board
    ("青禾镇计划投入90万元在各村村部建设“村规民约制度文化墙”和LED显示屏，打造观摩样板。", ["BR-VAN-03"]),
    ("各村须在村部建设文化墙，将村规民约和议事制度上墙。", ["BR-DUTY-02"]),
    # a county body's own service point in the townships' centres, staffed by its own people; the township made to staff one
    ("县税务局在各乡镇便民服务中心设立办税服务点，由本局派驻人员为群众办理业务。", []),
    ("各乡镇须在便民服务中心设立办税服务点，配备2名专职人员。", ["BR-DUTY-03"]),
    # plaques counted in a safety regime's assessment: added on it (INS beside the plaque); the regime's own duty counted is not
    ("各村设立防灾减灾服务站并统一挂牌，挂牌情况纳入乡镇安全生产考核。", ["BR-DUTY-02", "BR-DUTY-03", "BR-INS-12"]),
    ("各乡镇落实消防安全责任制情况纳入年度安全生产考核。", []),
    # a facade remade with lighting and signs; a facade repaired for safety is not
    ("各社区服务中心外立面统一翻新，加装发光门头和轮廓亮化。", ["BR-VAN-01"]),
    ("对存在安全隐患的村部外立面进行加固维修。", []),
    # data in the one table entered again in an app or on paper; the one table replacing reports is the relief
    ("县农业农村局要求各村在“一表通”系统填报耕地撂荒信息后，再通过“青禾农事”小程序录入一遍。", ["BR-APP-07"]),
    ("已在“一表通”系统中填报的低保家庭信息，各村还要另行填写纸质登记表一份报乡镇。", ["BR-APP-07"]),
    ("各村通过“一表通”系统一次填报，乡镇和部门共享使用，不再另行填写纸质表格。", []),
    ("县民政局从“一表通”系统直接调取低保数据，不再要求各村报送。", []),
    # a floor on uses in a named app; residents free to use it
    ("各村每月须通过“青禾办”App使用电子签章不少于20次。", ["BR-APP-01"]),
    ("村民可通过“青禾办”App使用电子签章办理证明事项。", []),
    # the retained vetoes applied as their list sets them; a department's own veto
    ("经县委批准保留的一票否决事项，严格按照保留事项清单的情形实施。", []),
    ("县住建局对农村危房改造工作实行一票否决。", ["BR-INS-02"]),
    # a township's own rounds of the units in its area; an upper body's rounds of the townships, or a township's of its villages
    ("乡镇须每月对辖区加油站全面检查一次。", []),
    ("县农业农村局每月对各乡镇人居环境整治工作检查一次，检查结果全县通报。", ["BR-INS-10", "BR-INS-11"]),
    ("乡镇须每月对辖区各村人居环境整治情况检查一次。", ["BR-INS-10", "BR-INS-11"]),
    # a condition opened by 凡 and banned after it; a sanction after it is no ban
    ("凡未列入年度计划的评比活动，一律不得以乡镇为对象开展。", []),
    ("凡考核排名后三位的乡镇，予以通报批评。", ["BR-INS-04"]),
    # 不作考核要求 confirms the free choice; an assessment beside 鼓励 does not
    ("鼓励各村结合实际开展环境整治自评，自评结果自愿报送乡镇，不作考核要求。", []),
    ("鼓励各村开展环境整治自评，自评结果报送乡镇，纳入年度考核。", ["BR-INS-12"]),
    # the county's executive meeting hearing its own bureau; hearing the townships on a rhythm
    ("县政府常务会议每季度听取一次农村人居环境整治工作情况汇报，汇报材料由县农业农村局准备。", []),
    ("县政府常务会议每季度听取各乡镇农村人居环境整治工作汇报。", ["BR-INS-08"]),
    # any work's 情况 formed into a report by a date and sent after a comma
    ("各乡镇须于6月30日前将本辖区村级组织挂牌清理情况形成书面报告，报县委组织部。", ["BR-DOC-02"]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_each_reading_beside_its_look_alike(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_blind32_after_its_reading() -> None:
    """A development figure (read off its errors), not a blind one: the first run was 69/14/20 at group level
    (docs/review.md), 89/0/0 after the reading."""
    scores = evaluate(load_split("blind32"), load_catalogue())
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (89, 0, 0)
    assert list(scores.errors) == []
    assert sum(scores.trap_fp.values()) == 0


def test_other_writers_clauses_of_the_same_kinds() -> None:
    """The readings reach two clauses of earlier writers, each toward its label: blind13 B13029 (a station and its plaque
    counted in the township's safety assessment, [DUTY, INS]: the INS miss gone) and blind16 B16111 (a board beside the
    village notice board, DUTY beside DUTY)."""
    catalogue = load_catalogue()
    items = {i.id: i for split in ("blind13", "blind16") for i in load_split(split)}
    assert sorted(predict(items["B13029"], catalogue)) == ["BR-DUTY-02", "BR-INS-12"]
    assert sorted(predict(items["B16111"], catalogue)) == ["BR-DUTY-02", "BR-DUTY-03"]
