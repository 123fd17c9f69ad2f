"""Clause context: is a pattern hit really a demand on the grassroots?

Four checks, in this order, each returning a reason (Chinese) when the hit is NOT a finding:
  1. negation / abolition in the hit's comma-delimited segment (jieba tokens, so 不断/不少于/不定期
     are not read as negations; scope ends at 的 for the bare 不);
  2. quotation of the rules or description of a problem (rectification documents);
  3. named exemptions a rule opts into (emergency and safety, statistics law, statutory meetings, …);
  4. voluntary or encouraging wording, unless the same sentence ties it to assessment or ranking.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from types import ModuleType

# Strong negators govern a verb phrase up to ~24 characters away; the bare 不 only its next word.
STRONG_NEGATORS = {
    "规范",
    "不得", "严禁", "禁止", "取消", "不再", "杜绝", "防止", "避免", "不搞", "不要", "不准", "不应", "不宜",
    "不予", "不能", "不必", "无需", "无须", "不需要", "不作", "不把", "不将", "不以", "一律不", "停止", "废止",
    "纠正", "整治", "清理", "清理规范", "减少", "压减", "精简", "摒弃", "力戒", "反对", "破除", "严格控制", "严控",
    "不允许", "不许", "坚决纠正", "坚决杜绝", "切实减少", "大幅减少", "不新建", "不重复", "不另行", "不单独",
    "不随意", "不额外", "不强制", "未经批准不得", "不会", "不用", "免于", "豁免", "撤销", "撤除", "不设",
    # the rules' own suggestions (删除……, 以实地核查代替通报批评, 不对考核结果排名) must not read as demands
    "删除", "代替", "不对", "不作为", "不要求",
    # session 14 (review-dev14): a ban said with 绝不/决不
    "不向", "绝不", "决不", "绝不能", "决不能", "绝不允许", "决不允许", "绝对不", "绝对不能",
    # session 19 (review-new19): the payer denied — 参训人员食宿费用不由村级承担, 不让村级垫付 (jieba keeps 不由 and 不让 as
    # one word, so the bare 不 never stood before the demand)
    "不由", "不让",
}
WEAK_NEGATORS = {"不", "勿", "莫", "非"}
# These verbs also form nouns (人居环境整治, 综合治理, 专项清理): they negate only as the segment's
# main verb — first in the segment or after an adverb — and not when a noun like 成效 follows.
COMPOUND_NEGATORS = {"整治", "治理", "清理", "清理规范", "纠正", "破除", "规范", "严控", "精简"}
_ADVERBS = {"坚决", "切实", "大力", "全面", "持续", "进一步", "严格", "着力", "要", "应", "应当", "一律", "同时", "逐步",
            "全部", "统一", "予以", "并", "及时", "依法", "集中", "重点", "大幅", "须", "必须", "将", "已", "努力",
            "认真", "深入", "彻底", "加快", "着重", "并且", "和", "及", "、"}
_LEAD_SUBJECTS = {"各级", "各地", "各部门", "各单位", "任何", "任何单位", "任何部门", "上级", "原则上", "今后", "一般",
                  "坚决", "严格", "绝对", "均", "都", "也"}
# Session 11 (blind8 read): policy names that open with a negator (防止返贫监测帮扶, 研究防止返贫工作): the name of a
# programme, not a negation of what stands beside it
# (session 28, review-read28, blind25 read: the farmland policy's names, 耕地“非农化”“非粮化” — jieba cuts 非 / 农化, 非 / 粮)
_POLICY_NAMES = {("防止", "返贫"), ("防止", "规模性"), ("非", "农化"), ("非", "粮"),
                 # session 29 (review-read29, blind26 read): a floor jieba cuts after its 不 (募捐额不低于3000元: 额 / 不 /
                 # 低于) — "at least", no negation, read as 不少于 and 不低于 are when cut whole
                 ("不", "低于"), ("不", "少于"),
                 # session 30 (review-read30, blind27 read): intangible cultural heritage, 非遗 / 非物质文化遗产 — jieba cuts 非 /
                 # 遗, 非 / 遗传 (非遗传承人), 非 / 物质: a noun, no negation of the demand beside it
                 ("非", "遗"), ("非", "遗传"), ("非", "物质")}
_NOUN_AFTER = {"期间", "阶段", "成效", "工作", "情况", "任务", "行动", "方案", "重点", "结果", "进度", "进展", "措施", "活动", "攻坚", "专项",
               "台账", "资料", "材料", "数据", "照片", "图片", "记录", "动态", "清单",
               # session 23 (review-read20, blind20 read): the work's before and after (清理前后照片, 整治前后对比照片) — the
               # clean-up named as the moment of the photos, not the verb of a ban
               "前后"}
# session 20 (review-new20): a campaign's costs (整治所需资金由属地乡镇自行负责, 治理经费由乡镇解决) — the campaign named as the
# owner of its money, a noun opening the segment, not the verb of a ban (jieba cuts 所需 into 所 / 需)
_CAMPAIGN_NOUNS = {"整治", "治理", "清理", "纠正", "破除"}
_COST_AFTER = {"资金", "经费", "费用", "成本", "支出", "补贴", "补助"}


def _names_costs(toks: list[str], i: int) -> bool:
    """toks[i] (a campaign verb) names the campaign whose costs follow: 整治 + 所需/所需要 or a cost noun."""
    if toks[i] not in _CAMPAIGN_NOUNS or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if nxt in _COST_AFTER or nxt in ("所需", "所需要"):
        return True
    return nxt == "所" and i + 2 < len(toks) and toks[i + 2].startswith("需")
# 取消…资格 after a sanction (通报批评并取消……资格) is a further sanction, not the abolition of the demand (session 6)
POST_NEGATORS = re.compile(r"^[^，,。；;]{0,10}?(一律取消|予以取消|予以废止|不再实行|不再保留|一律废止|停止执行|予以清理|一律摘除|予以摘除|全部摘除|一律撤除|"
                           # session 30 (review-read30, blind27 read): not the 取消 read across 领取 + 消费 (下载…并领取消费券)
                           r"(?<![领提获索])取消(?![^。；，]{0,24}(资格|称号|命名|荣誉|授牌))|不作(?:为)?(?:考核|评价|评比)|不纳入|不列入|"
                           # session 27 (review-read24, blind24 read): what no longer counts (激活率不再作为乡镇考核指标)
                           # — not "no longer the only" one (不再作为唯一考核依据: it still counts; cr27 #5)
                           r"不再作为(?!唯一)|不再纳入|不再列入|"
                           # session 9 (blind6 read): what was already signed or set up is abolished (已经签订的…一并清理废止)
                           r"一并(?:清理)?(?:废止|取消|撤销|清退)|一并予以(?:清理|废止|取消)|"
                           # session 24 (review-read21, blind21 read): what was not approved stopped at once (各类示范创建
                           # 活动未经…批准的一律停止) — the approval named, the abolition of the rest
                           r"未经[^，,。；;]{0,20}?(?:批准|审批|同意|备案)的?(?:一律|全部|均|予以|一律予以)(?:停止|取消|撤销|清理|叫停|撤除))")
# cr27 #5: what no longer counts may be re-imposed by the next clause of its sentence (激活率不再作为考核指标，但须达到
# 95%; 不再作为唯一考核依据，仍纳入乡镇年度考核) — the demand stands
_NO_LONGER = ("不再作为", "不再纳入", "不再列入")
_REIMPOSED = re.compile(r"[^。；;]*?[，,]\s*(?:但是?|仍然?|还|须|需|必须)")
_TOPIC = re.compile(r"^\s*(对于|关于|对)")
# (session 24, review-read21, blind21 read: the title taken away may follow a list of the units that lose it — 取消该乡镇及
# 所在村（社区）当年评先评优资格 — so the sanction's object is looked for 24 characters on, not 16)
_SANCTION_OBJECT = re.compile(r"[^。；，]{0,24}(资格|称号|命名|荣誉|授牌)")
# (取消 with a sanction's object — 对…的乡镇实行一票否决，取消该乡镇评先资格 — takes away a title, it abolishes nothing:
# session 14, review-dev14)
_TOPIC_ABOLISHED = re.compile(r"^[，,][^。；]{0,16}?(废止|取消(?![^。；，]{0,24}(资格|称号|命名|荣誉|授牌))|停止执行|不再实行|不再执行|"
                              r"不再开展)")
_TAIL_ABOLISHED = re.compile(r"[，,](?:其他|其余|其它|以外的|之外的)?[^，,。；;]{0,12}?(?:一律|全部|统一|均|全部予以|一律予以|予以)"
                             r"(摘除|撤除|撤销|取消|清理|清退|废止|停止|停报|停止报送)"
                             # session 14 (review-read14, blind11 read): and a ban after it (其余…一律摘除，不得以…为由要求…挂牌)
                             r"(?:[，,](?:不得|严禁|禁止|一律不得|不再|今后不得|任何单位不得)[^。；;]*)?[。；;]?\s*$")
# session 27 (review-read24, blind24 read): a former demand named and stopped in its own segment (原要求各村按周报送…的做法
# 同时停止; 原按月报送的…进度表同时取消) — the segment opens with 原 and ends with the abolition, with no object after it
_FORMER_ABOLISHED = re.compile(r"^\s*(?:将|对)?原[^，,。；;]{2,40}?的[^，,。；;]{0,12}?(?:同时|一并|即行|随之|予以|一律|全部|均)?"
                               r"(?:停止|取消|废止|停报|撤销|不再执行)(?:执行)?[。；;]?\s*$")
_EXCEPTION = re.compile(r"^\s*除[^，,。；;]{1,30}(外|以外|之外)\s*$")
_SEGMENT_BREAK = re.compile(r"[，,：:。；;！？!?\n]")
# session 13 (blind10 read): 无 too — 无需/无须 are strong negators, but a scope without any of these characters was
# never tokenised (学员自主选学，无需打卡 read 打卡 as demanded)
_REPEAT_BAN = re.compile(r"^[^，,。；;]{0,12}?重复")
_BOOK_TITLE = re.compile(r"《[^《》。；]{1,40}》")
_NEG_CHARS = set("不严禁取杜防避停废纠整清减压精摒力反破勿莫非撤免豁未规删代无")

_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "《": "》"}
_QUOTE_CUE_AFTER = re.compile(r"^[^。；]{0,8}(的要求|的规定|等要求|要求|规定|精神|等问题|等突出问题|问题|现象|倾向|等形式主义|做法|的做法)")
_DESCRIPTION = [
    re.compile(r"(个别|部分|一些|少数|有的|有些)(地方|单位|部门|乡镇|地区|村|干部|基层)"),
    re.compile(r"存在[^。；]{2,40}(问题|现象|倾向)"),
    re.compile(r"针对[^。；]{2,40}(问题|现象|倾向)(?![^。；，]{0,4}的(地方|地区|单位|学校|乡镇|县|市|领域|行业))"),
    # session 9 (blind6 read): an anonymised place (某县要求…) marks a described case; inside a quoted name
    # (“某县融媒”客户端, “平安某县”APP), before a year (某县2027年…统计表) or after 第…届 it names the county itself
    re.compile(r"((通报|报道|调查|督查|巡视)(指出|显示|发现)|"
               # session 10 (blind7 read): an attachment's title (附件1：某县乡镇年度综合考核评分细则) names the county itself
               r"(?<!届)(?<!附件[\d一二三四五六七八九十][：:])(?<!附件[：:])"
               r"(某县|某市|某乡|某镇|某地|某单位|某部门)(?![^“”。；]{0,12}”)(?!\d))"),
    # (session 31, review-read31, blind28 read: not across a comma — 以督查通报形式印发全县，对问题较多的乡镇予以通报批评 names
    # the localities by their problems and circulates them, it describes no case)
    re.compile(r"(典型问题|通报[^。；，,]{0,10}(问题|案例))"),
    # session 9 (blind4's kind, dev2): what the grassroots complain of (基层普遍反映各类责任书签订过多)
    re.compile(r"(普遍|多次|纷纷|集中)?反映[^。；]{0,30}(过多|过频|过滥|繁重|疲于|负担)"),
    # session 9 (dev2): a practice found by a self-check and already rectified is described, not imposed
    # (session 31, review-read31, blind28 read: not the problems an inspection finds named as a noun, 发现的…问题, the topic of
    # what follows — 作风督查中发现的…等问题，按乡镇汇总排名 ranks the townships by them; a finding told as an event, 自查
    # 发现部分村存在…问题, stays described)
    re.compile(r"((自查|排查|检查|督查|调研)(中)?发现(?!的)[^。；]{2,60}(情况|问题|现象|做法)|(现已|已经|均已|已)整改(到位|完毕|完成))"),
    # session 17 (review-read17, blind14 read): not across a demand made in between (…整治统一由所在社区负责，社区要确保…问题
    # “零发现”; …整治由属地乡镇负总责，…出现问题的): the work handed down is demanded, the problem word belongs to it
    # (session 21, review-read21, blind18 read: nor across a regime set on it — 专项整治实行“周调度、月通报”，各乡镇…报送问题排查数)
    # (session 25, review-read22, blind22 read: nor the campaign's name for a body or a period — 县专项治理办对各乡镇…问题整改率
    # 实行月排名; 专项整治期间，各村每周报送…问题线索 — where the verb is no verb and the problem word belongs to the demand;
    # codereview25: 办 as the office only, not 办事, 办证 or 办理 — 整治办事难问题 is the problem)
    re.compile(r"(整治|纠治|纠正|破除|治理|查处|防止|杜绝)(?!(工作)?(办(?![法事证理])|领导小组|指挥部|专班|期间|行动期间))"
               r"(?:(?!负责|负总责|(?<![重主需纲概提])要(?![点素闻求])|须|应当|实行)[^。；]){0,40}"
               r"(问题|现象|倾向|做法|行为)"),
    re.compile(r"(落实|贯彻|执行|按照|根据|依据|对照|遵守|遵照)[^。；]{0,40}《[^》]{2,40}(规定|意见|通知|办法|条例)》[^。；]{0,40}(要求|规定)"),
]

EXEMPTIONS: dict[str, re.Pattern[str]] = {
    # 安全生产 and 自然灾害防治 are exempt from inspection caps; apps may require check-ins in security
    # and emergency scenarios; daily reporting during floods or epidemics is justified.
    # (session 14, review-dev14: 应急 as the name of a body — 县应急管理局推广…小程序 — names no emergency work; session 16,
    # review-read16, blind13 read: nor a township's 应急管理站 or 应急管理办, nor a village's 应急管理员 — the bodies and
    # posts of standing emergency management, named where no emergency is at hand; nor a village's 防疫员, the post of routine
    # animal vaccination; session 29, review-read29, blind26 read: nor 应急救护, first aid, a skill taught to the public —
    # 应急救护培训 is training, no emergency at hand)
    "emergency": re.compile(r"(安全生产|消防|自然灾害|防汛|抗旱|汛期|防台|台风|森林防火|防火期|应急(?!管理(局|厅|部|站|所|员|中心|办公室|办)|局|救护)|疫情|地震|地质灾害|抢险|救灾|突发事件|安保|险情|灾情|防灾|防疫(?!员)|"
                            # session 28 (review-read28, blind25 read): a declared warning period (高森林火险红色预警期间,
                            # 暴雨橙色预警期间) is the emergency at hand, as a flood season is
                            r"(红色|橙色)预警期间?|预警(响应)?期间)"),
    # Statutory statistics under the Statistics Law are not arbitrary form filling.
    "statistics": re.compile(r"(统计法|法定统计|统计调查制度|统计报表制度|统计调查项目|国家统计局)"),
    # 党代会, 人代会, 全会 are exempt from local meeting-length limits.
    "statutory_meeting": re.compile(r"(人民代表大会|(?<![他别派找请托])人代会|党代会|代表大会|政协[^。；]{0,8}会议|全体会议|全会|职工代表大会)"),
    # Items on an approved annual plan or retained list, or approved by the competent authority.
    # Session 12 (blind9 read): an item kept OUT of the plan (不纳入/未纳入…计划) is the opposite of an approved one
    # session 15 (review-dev15, dev6 read): 列入…计划 is 纳入…计划 (确需开展的专项检查须列入年度督查检查计划)
    # session 19 (review-read19, real_blind11 read): not 计划生育 (family planning: 纳入人口与计划生育目标管理责任制 is no plan)
    "approved": re.compile(r"((?<!未)经[^。；，]{0,24}(批准|审批|同意|核准)|(?<![不未没])已?(纳入|列入)[^。；]{0,12}(年度)?[^。；]{0,6}计划(?!生育)|保留[^。；，]{0,10}(项目|事项|清单|目录|名录)|批准文号|按程序报批|"
                           r"(国家级|全国)[^。；，]{0,12}(示范|创建)|"
                           # national zones and parks are approved by the State Council or a ministry
                           r"(创建|争创|申报|建设)国家(级)?[^。；，]{0,16}(示范区|园区|试验区|基地|中心|城市|高新区))"),
    # Not 创建示范 under the 2022 办法: assessments, ratings, technical demonstrations, reform pilots.
    # Session 11 (blind8 read): an assessment that rewards or docks points for the creation (在年度目标考核中加3分) is no
    # exclusion: it pushes the creation and adds it to the assessment (DATA_CARD.md: [DEMO, INS])
    # Session 23 (review-read20, blind20 read): nor one that bars the cadres of the localities that fall short from its
    # honours (未达标的村干部年度考核不得评优) — the same push of the creation through the assessment
    "demo_excluded": re.compile(r"(改革试点|试点|(年度考核|绩效考核|目标考核)(?![^。；，]{0,3}(加|扣|减)\d+(\.\d+)?分)"
                                r"(?![^。；，]{0,4}(不得|不予|不能|取消)[^。；，]{0,4}(评优|评先|优秀))|资质|等级评定|"
                                r"技术示范|内设机构)"),
    # Formal cadre exchange organised by the organisation department.
    "cadre_exchange": re.compile(r"(组织部[^。；]{0,24}(干部交流|挂职锻炼|选派)|干部交流(有关)?规定)"),
    # The issuing unit's own internal management.
    "internal": re.compile(r"^(本局|本单位|本部门|局机关|机关内部|本机关|机关干部|本委|本办)"),
    # One-table reporting that replaces several reports is a reduction: the reform named anywhere in the sentence
    # (推行“一表通”，各村每月报送一次基础数据 is the one table itself); its wordings as a merger or a ban on
    # duplicates only in the hit's own segment (_ONE_TABLE_IN_SEGMENT).
    "one_table": re.compile(r"(一表通|一次采集|多方共享|共享数据|数据共享|一表同享)"),
    # Duties that are on the township duty list are the township's own.
    # session 35 (review-read35, blind32 read): not a list the sentence says the duty is off (不在乡镇履职事项清单之内, 未列入…清单,
    # 清单之外) — the opposite of a listed duty
    "duty_list": re.compile(r"^(?![^。；]*(不在[^。；，]{0,16}清单|(未|没有)(列入|纳入)[^。；，]{0,16}清单|清单(之外|以外)))"
                            r"[^。；]*(履职事项清单|职责事项清单|职责清单|清单内|清单范围内)"),
}
# session 13 (blind10 read): forms merged into one (整合为1张基础数据表), data fetched from the shared platform (共享获取),
# and a repeated filing forbidden (不得再要求乡镇重复填报) are the same reform in other words. Diff review D07: they
# qualify the segment they are in — a weekly 工作台账 demanded before 不得重复填报 or 整合为1张表 stays demanded.
_ONE_TABLE_IN_SEGMENT = re.compile(r"(不再重复|共享获取|(整合|合并|归并)为[1一]张|(不得|不再)[^。；，]{0,10}重复(填报|报送|采集|上报))")
# session 24 (review-read21, blind21 read): the same exclusion for a rating (BR-DEMO-02), read in exemption() without an
# assessment the rating's results are put into
EXEMPTIONS["rating_excluded"] = EXEMPTIONS["demo_excluded"]
EXEMPTION_NAMES = {
    "emergency": "安全生产、自然灾害防治、应急等豁免情形",
    "statistics": "统计法规定的法定统计报表",
    "statutory_meeting": "法定会议（党代会、人代会、全会等）",
    "approved": "已经批准或纳入年度计划、保留清单的事项",
    "demo_excluded": "不属于创建示范的考核、试点、技术示范等",
    "rating_excluded": "不属于创建示范的考核、试点、技术示范等",
    "cadre_exchange": "组织部门按干部交流规定组织的挂职",
    "internal": "发文单位内部管理事项",
    "one_table": "“一表通”等减少报送的措施",
    "duty_list": "乡镇履职事项清单内的事项",
}

_VOLUNTARY = re.compile(r"(自愿|鼓励|倡导|提倡|可结合|可根据|可自行|可视情|可以|有条件的|视情|可参照|可选择|可参加|可自主|(?<![许认宁])可(?![行靠持能视用控信]))")
_VOLUNTARY_SENTENCE = re.compile(r"(自行决定|自主决定|不作统一要求|不作硬性要求|不作强制要求|自愿原则|自愿参加|自愿报名)")
_COERCION = re.compile(r"(纳入[^。；]{0,8}考核|考核|排名|通报|挂钩|必须|务必|一律|全部|100%|100％|率达到|不得少于|不少于|确保)")
# Session 34 (review-read34, blind31 read): a coercion word the sentence itself forbids (自愿原则…，不得将注册人数作为考核内容;
# 暗访不排名) is no coercion — the ban on the quota confirms the free choice. 不 alone only right before the word (不排名,
# 不与…挂钩): 对不按时报送的乡镇通报 keeps its circulation; 不得少于 is a floor, never a ban.
# Session 35 (review-read35, blind32 read): 不作 before the word too (不作考核要求, 不作为考核内容) — the same ban.
_NEGATED_COERCION = re.compile(r"((不得|严禁|禁止|不再|不准)(?!少于|低于)[^。；，、]{0,12}(纳入[^。；]{0,8}考核|考核|排名|通报|挂钩)|"
                               r"不作为?[^。；，、]{0,4}(考核|排名|通报)|"
                               r"不(考核|排名|通报)|不与[^。；，、]{0,12}挂钩)")


@lru_cache(maxsize=1)
def _jieba() -> ModuleType:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in ("一票否决", "千分制", "不再", "不得", "严禁", "不搞", "一律不", "严格控制", "陪会", "留痕", "打卡",
                 "接龙", "挂牌", "上墙", "借调", "抽调", "不新建", "不重复", "不另行", "不单独", "不随意"):
        jieba.add_word(word)
    for word in STRONG_NEGATORS:  # so that 不以、不将、不把 … are one token, as the negation check expects
        jieba.add_word(word)
    # session 15 (review-read15, blind12 read): the subjects a leading ban may follow are one token too (各地各部门不得…
    # was cut 各 / 部门, and the ban no longer counted as leading the segment)
    for word in _LEAD_SUBJECTS:
        if len(word) > 1:
            jieba.add_word(word)
    jieba.initialize()
    module: ModuleType = jieba  # jieba ships no type information: name what it is
    return module


def tokens(text: str) -> list[str]:
    words: list[str] = _jieba().lcut(text, HMM=False)  # jieba ships no type information
    return words


def segment_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The comma-delimited segment of `sentence` around [start, end)."""
    left = start
    while left > 0 and not _SEGMENT_BREAK.match(sentence[left - 1]):
        left -= 1
    right = end
    while right < len(sentence) and not _SEGMENT_BREAK.match(sentence[right]):
        right += 1
    return left, right


def _negator_first(toks: list[str]) -> list[str]:
    """Session 14 (review-dev14): a strong negator the segmenter cut through (不应对各乡镇… -> 不 / 应对, 不宜对 …) is
    rejoined: 不 + the next word's first character when they form one, the rest of that word standing alone."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok in WEAK_NEGATORS and i + 1 < len(toks) and len(toks[i + 1]) > 1 \
                and tok + toks[i + 1][0] in STRONG_NEGATORS:
            out += [tok + toks[i + 1][0], toks[i + 1][1:]]
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def _banned_list_item(between: str) -> bool:
    """Session 23 (review-read20, blind20 read): the hit opens a later item of a list the ban heads (不得以…名义要求村（社区）
    填报各类表格、提供佐证材料) — the ban reaches every item of its list, as the bare 不 does (不设置打卡、积分排名…), a little
    past its usual 24 characters: the text after the list's last 、 is a verb of the item at most."""
    return "、" in between and len(between) <= 40 and len(between.rsplit("、", 1)[1]) <= 4


def negation(sentence: str, start: int, end: int) -> str | None:
    """A negator governing the hit [start, end) in its segment, or an abolition right after it."""
    seg_start, seg_end = segment_bounds(sentence, start, end)
    after = sentence[end:seg_end]
    m = POST_NEGATORS.match(after)
    if m and not (m.group(1) in _NO_LONGER and _REIMPOSED.match(sentence, end + m.end())):
        return f"否定或取消表述（“{m.group(1)}”）"
    m = _FORMER_ABOLISHED.match(sentence[seg_start:seg_end])
    if m:
        return "否定或取消表述（“原……取消/停止”）"
    if _EXCEPTION.match(sentence[seg_start:seg_end]):
        return "例外情形表述（“除……外”）"
    # the sentence's last requirement abolishes what its first ones name (各村悬挂的各类牌子，除规定牌子外，其余一律
    # 摘除): an abolition after the noun, with no object of its own (取消评优资格 is a sanction, not this)
    m = _TAIL_ABOLISHED.search(sentence, seg_end)
    if m:
        return f"否定或取消表述（“{m.group(1)}”）"
    # a topic phrase (对于千分制考核，) whose comment abolishes it (我县已于去年全面废止)
    if _TOPIC.match(sentence[seg_start:seg_end]):
        m = _TOPIC_ABOLISHED.match(sentence[seg_end:])
        if m:
            return f"否定或取消表述（“{m.group(1)}”）"
    # session 28 (review-read28, blind25 read): a negator inside a document's name (签订《耕地不撂荒承诺书》) names the
    # document; it negates nothing of the demand — the name's characters are read as neutral ones (the length kept)
    scope = _BOOK_TITLE.sub(lambda m: "《" + "书" * (len(m.group(0)) - 2) + "》", sentence[seg_start:end])
    if not (_NEG_CHARS & set(scope)):
        return None
    hit_offset = start - seg_start
    hit_end = end - seg_start
    pos = 0
    toks = _negator_first(tokens(scope))
    # A strong negator that opens the segment (严禁以任何形式要求……或以下载量作为考核依据) governs
    # the whole segment, however long; only subject-like words and adverbs may precede it.
    lead = 0
    # session 15 (review-read15): a list item's number (一、, （二）, 3.) opening the segment is no word before the ban
    marker = _LIST_ITEM.match(scope)
    skip = marker.end() if marker else 0
    at = 0
    for j, tok in enumerate(toks):
        at += len(tok)
        if at <= skip:
            continue
        if j + 1 < len(toks) and (tok, toks[j + 1]) in _POLICY_NAMES:
            break
        if tok in STRONG_NEGATORS and tok not in COMPOUND_NEGATORS:
            if lead <= 6:
                return f"否定或取消表述（“{tok}”）"
            break
        if tok not in _ADVERBS and tok not in _LEAD_SUBJECTS:
            break
        lead += len(tok)
    for i, tok in enumerate(toks):
        tok_pos, pos = pos, pos + len(tok)
        if tok_pos >= hit_end:
            break
        if tok not in STRONG_NEGATORS and tok not in WEAK_NEGATORS:
            continue
        if i + 1 < len(toks) and (tok, toks[i + 1]) in _POLICY_NAMES:
            continue
        # session 14 (review-read14, blind11 read): 取消 with a sanction's object (排名末位的取消年度评先评优资格) takes a title
        # away when the hit ends with it, as after it (POST_NEGATORS); a hit inside the title taken away (取消评比先进的资格)
        # is still not demanded
        if tok == "取消" and pos >= hit_end and _SANCTION_OBJECT.match(sentence, seg_start + pos):
            continue
        if tok in COMPOUND_NEGATORS and (
                (i > 0 and toks[i - 1] not in _ADVERBS) or (i + 1 < len(toks) and toks[i + 1] in _NOUN_AFTER)
                or _names_costs(toks, i)):
            continue
        # text between the negator and the hit (or, for a negator inside the hit, up to its end)
        between = scope[pos:hit_offset] if pos <= hit_offset else scope[pos:hit_end]
        if tok in STRONG_NEGATORS:
            # a ban on repeating a filing in a later segment of the hit (各村每周报送工作台账，不得重复填报) limits the
            # duplicates, not the filing demanded before it (diff review D07)
            if tok_pos > hit_offset and _SEGMENT_BREAK.search(scope[hit_offset:tok_pos]) \
                    and _REPEAT_BAN.match(scope[tok_pos:]):
                continue
            if pos > hit_offset or len(between) <= 24 or _banned_list_item(between):
                return f"否定或取消表述（“{tok}”）"
        # bare 不 negates its own verb phrase: a short gap and no 的 (考核不达标的单位实行一票否决
        # keeps the demand: 不 belongs to a relative clause)
        # — and every item of a list it heads (不设置打卡、积分排名、在线时长统计: session 12, once 除…外 no longer exempted
        # the rest of the sentence)
        elif "的" not in between and (pos > hit_offset or len(between) <= 6
                                      or (between.endswith("、") and len(between) <= 24)):
            return f"否定表述（“{tok}”）"
    return None


def quotation(sentence: str, start: int, end: int) -> str | None:
    """The hit quotes the rules or describes a problem instead of demanding something."""
    for open_q, close_q in _QUOTE_PAIRS.items():
        left = sentence.rfind(open_q, 0, start)
        if left < 0:
            continue
        right = sentence.find(close_q, left + 1)
        if open_q == close_q:
            if sentence.count(open_q, 0, start) % 2 == 0:
                continue
            right = sentence.find(close_q, start)
        if right >= end - 1 and _QUOTE_CUE_AFTER.match(sentence[right + 1:]):
            return "引用规定原文或问题表述"
    for pattern in _DESCRIPTION:
        # real drafting (issue 10): a problem named AFTER the demand (纳入考评体系，……治安突出问题排查整治) or
        # a condition (凡经督查发现弄虚作假的，予以通报) does not turn the demand into a description
        for m in pattern.finditer(sentence):
            if pattern is _DESCRIPTION[0] and _SELECTED.search(sentence[segment_bounds(sentence, m.start(), m.start())[0]:m.start()]):
                continue
            if m.start() < end and not _CONDITIONAL.search(sentence[max(0, m.start() - 8):m.end() + 12]):
                return "描述问题现象或引用减负规定，并非对基层提出要求"
    for pattern in _PRACTICE_ENDED:
        for m in pattern.finditer(sentence):
            if m.start() < start and end <= m.end():
                return "描述问题现象或引用减负规定，并非对基层提出要求"
    # session 34 (review-read34, blind31 read): only inside the problems named
    for m in _PROBLEMS_CHECKED.finditer(sentence):
        if m.start() < start and end <= m.end("problems"):
            return "描述问题现象或引用减负规定，并非对基层提出要求"
    if _CENTRAL_DOCUMENT_SAYS.match(sentence):
        return "引用规定原文或问题表述"
    quoted = _DOCUMENT_SAYS.match(sentence)
    if quoted and not _LOCAL_NAME.search(quoted.group(2)):   # the title's own words and what it is said to say
        return "引用规定原文或问题表述"
    restated = _RESTATED.search(sentence)
    if restated and end <= restated.start():
        return "重申国家或上级既有的基本要求，并非新增负担"
    return None


# Session 31 (review-read31, blind28 read): a sentence opened by an upper document's title and what it says (《关于规范村级组织
# 工作事务、机制牌子和证明事项的意见》明确，…) quotes that document (review-labelling.md: a quotation of the rules themselves,
# a restatement of a central requirement) — as blind12, 17, 20, 22 and 23 label 《…规定》明确，… — not a county's, city's or
# township's own instrument named by its place (《县…考核办法》明确，…), which is the issuer's own demand
_DOCUMENT_SAYS = re.compile(r"^\s*([（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?《([^《》。；]{2,60})》(明确|规定|指出|提出|强调)[，,：:]")
# Session 35 (review-read35, blind32 read): the same with the central document named by its issuers and its 关于… title, no book
# marks (中办、国办关于规范村级组织工作事务、机制牌子和证明事项的文件提出，…) — a quotation of the central rules themselves
_CENTRAL_DOCUMENT_SAYS = re.compile(r"^\s*([（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?(中办|国办|中共中央办公厅|国务院办公厅|中共中央|国务院|"
                                    r"党中央)[^。；，关]{0,12}关于[^。；]{2,60}?的(文件|意见|通知|规定|办法|决定)(明确|规定|指出|提出|强调)[，,：:]")
_LOCAL_NAME = re.compile(r"(县|镇|街道|旗|(?<![城超门都])市(?![场民])|(?<![地社小])区(?![域块别分])|^我|^本)")


# Session 20 (review-read20, blind17 read): a sentence that closes by naming what it said as an upper level's existing
# requirement (……，这是省河长办对村级河湖长履职的基本要求) restates it (review-labelling.md: a restatement of a central
# requirement is not a new burden) — only for what comes before the closing words, and only when the sentence ends there
_RESTATED = re.compile(r"[，,]\s*(这|此|以上|上述)(是|为|系|均为|均是)[^。；，]{0,4}(国家|中央|省|上级)[^。；，]{0,24}的(基本|明确|统一|既有|法定)?"
                       r"(要求|规定)[。；;]?\s*$")


# session 14 (review-read14, blind11 read): 部分乡镇 after 从/由 or a verb of choosing (从各县文旅局和部分乡镇综合文化站抽调; 选取部分
# 村) names the units a demand selects, not some places where a problem is found
_SELECTED = re.compile(r"(从|由|选取|选择|抽取|确定)")
_CONDITIONAL = re.compile(r"(凡|一经|如|若|对)[^。；，]{0,8}(督查|检查|调查|巡视|通报)(发现|指出)[^。；]*?的[，,]")
# Session 14 (review-dev14): the hit is the practice a sentence sets out to end, not a demand — a problem to solve
# (切实解决要求各乡镇每月报送…的问题) or a practice whose authors are sanctioned (对违规要求各村上传工作照片的，予以通报批评;
# 对擅自…的部门，严肃问责). Only when the hit lies inside the named practice: 各乡镇要解决群众反映的问题，每月报送进展 keeps its
# monthly report, and a sanction on localities (对排名靠后的乡镇，予以通报批评) names no practice of an issuer.
# Session 34 (review-read34, blind31 read): the burdens a check or campaign looks for, named as its problems (对强制参保、摊派征订、
# 强制下载App等问题开展暗访) — the problem being rectified (review-labelling.md), not a demand. Only the hit inside the problems
# listed; the check itself (开展暗访) and what follows it are judged as any demand.
_PROBLEMS_CHECKED = re.compile(r"对(?P<problems>[^。；]{2,40}?等?(突出)?问题)(开展|进行|组织|实施)[^。；，]{0,4}"
                               r"(暗访|督查|检查|排查|整治|专项整治|明察暗访|专项检查|巡查|治理)")
_PRACTICE_ENDED = [
    re.compile(r"(解决|克服|扭转|破解|根治|改变|纠治)[^。；，]{2,40}的(问题|现象|倾向|做法|情况)"),
    re.compile(r"(?<![应须要])对(擅自|违规|随意|变相|强制|另行|以任何形式|以各种名义)?(要求|擅自|违规|随意|变相|强制)[^。；]{2,60}?的"
               r"(部门|单位|县直部门|责任单位|有关部门|相关部门)?[，,]?[^。；，]{0,6}(通报批评|问责|追责|严肃处理|查处|"
               r"责令整改|严肃追究|予以纠正|批评教育|约谈)"),
    # session 22 (review-read22, blind19 read): practices a sentence names as formalism (“一刀切”式关停、运动式整改和层层加码
    # 属于必须纠正的形式主义问题) are the problem described, not demanded — only the practices listed before the verdict
    # (not a measure against it: 这是纠正形式主义的重要举措). fix-cr22a: the verdict names formalism as what the practices
    # are — right after the verb, after a modifier closed by 的 (属于必须坚决纠正的形式主义问题; 是典型的形式主义) or after a
    # kind (一种, 典型, 变相) — not a verb list before it: any verb taking formalism as its object (减少/解决/遏制形式主义的
    # 具体举措) names a measure against it, and the demand before it keeps its findings
    re.compile(r"(?:^|(?<=[，,：:]))[^。；，,：:]{2,60}(属于|是|系|均属于?|都是|均为)(?:[^。；，,]{0,11}的)?"
               r"(?:一种|典型|新型|变相|新的)?(形式主义|官僚主义)"),
]


# Session 8 (blind5 read): the emergency exemption covers work during an emergency (daily flood reports); once the
# emergency is over (汛期结束后, 灾情解除后 — not 直至…结束, which is during it) a summary with a quota of photos is ordinary evidence of work.
# Session 10 (blind7 read): "after it, the report stops" (疫情解除后即停止日报) limits the demand to the emergency.
# Session 20 (review-read20, blind17 read): nor "after it, ordinary work resumes" (灾情解除后恢复正常调查): the demand stays
# the emergency's, and what comes after is the work paused for it.
EMERGENCY_OVER = re.compile(r"(汛期|汛|防汛期|防火期|灾情|疫情|险情|应急响应)[^。；，]{0,4}(结束后|解除后|过后)"
                            r"(?![^。；，]{0,3}(停止|不再|取消|终止|恢复))|"
                            # session 15 (review-read15, blind12 read): a demand made expressly outside the emergency
                            # period (非汛期也要每日报送…, 汛期以外) is ordinary work, not the emergency regime
                            r"非(汛期|防汛期|主汛期|防火期|森林防火期|紧要期|防火紧要期)|(汛期|防火期|紧要期)(以外|之外)|"
                            # session 33 (review-read33, blind30 read): nor one made expressly outside a declared response
                            # (登革热防控期间（非应急响应期），各村须每日上报…; 未启动应急响应时) — the season's ordinary work
                            r"非应急(响应)?(期|期间|状态|时期)|未启动[^。；，]{0,8}应急响应")


# Session 13 (review-exempt, lead's decision on issue 10): the emergency exemption covers what a safety or emergency
# regime itself requires (its responsibility system, accident, disaster and hazard reports, emergency daily reports,
# inspections, duty rosters), not the evidence of work an issuer adds on top of it: a photo or video quota or rhythm
# (每天上报巡山照片不少于5张), 留痕 and 佐证 demanded as proof, a 工作台账, and rankings of localities by such evidence
# (按上传照片数量排名). A photo taken when a fire or hazard is found belongs to that report (发现火情…拍照上报); a
# ranger's patrol track (巡山轨迹) is the check-in the guide allows in emergency work (burden-rules.md §3 trap 3).
_EVIDENCE_ITEM = r"(照片|相片|图片|视频|影像|截图|截屏|工作照|合影)"
_EVIDENCE_OF_WORK = re.compile(
    r"(留痕|痕迹(材料|资料|管理)|佐证|工作台账|全程(录制|录像|拍摄|摄像)|"
    # session 22 (review-read22, blind19 read): a group photo of the worker with whom the work was done (检查人员与经营者
    # 合影) is proof of presence, never the record of a fire or hazard
    r"与[^，,。；;]{0,8}(合影|合照)|"
    # session 32 (review-read32, blind29 read): a photo of every household (逐户拍照登记) — proof of each visit, not a hazard's record
    r"(逐户|每户|挨家挨户|逐家逐户)[^，,。；;]{0,16}(拍照|拍摄|合影)(?![^，,。；;]{0,4}取证)|"
    # an item with a count (不少于5张, 3张以上, 至少2段) or a rhythm (每天, 每周, 定期) in the same segment
    rf"{_EVIDENCE_ITEM}[^，,。；;]{{0,12}}(不少于|不低于|至少|[0-9０-９一二三四五六七八九十两]+(张|幅|段|条|个)以上)|"
    rf"(不少于|不低于|至少)[0-9０-９一二三四五六七八九十两]+(张|幅|段|条)[^，,。；;]{{0,4}}{_EVIDENCE_ITEM}|"
    # session 19 (review-read19, blind16 read): the count said before the item with words between (上传3张以上带水印的
    # 现场照片)
    rf"[0-9０-９一二三四五六七八九十两]+(张|幅|段|条)以上[^，,。；;]{{0,8}}{_EVIDENCE_ITEM}|"
    rf"(每天|每日|每周|每旬|每月|每次|逐日|定期|按日|按周)[^，,。；;]{{0,16}}{_EVIDENCE_ITEM}|"
    # a count of evidence as the measure (按上传照片数量排名, 视频上传率)
    # (session 19, review-read19, blind16 read: also forms and records counted, and photos graded complete — 按检查记录
    # 份数和照片完整性评定乡镇等次: the issuer's grading by papers, which no safety regime requires)
    rf"({_EVIDENCE_ITEM}|记录表?|台账|回执)[^，,。；;]{{0,6}}(数量|张数|条数|份数|完整性|完整度|上传率|报送率))")
_COUNTED_CHECK_IN = re.compile(r"(打卡|签到|上传|登录)(率|次数|数量|人数)[^。；]{0,24}(排名|排序|排位|通报|晾晒)(?!表扬|表彰)")
# session 22 (review-read22, blind19 read): localities scored, ranked or circulated by how complete their papers are (按资料
# 完整度对乡镇评分; 按台账完整情况排名) — the papers are the issuer's evidence of the work wherever in the sentence they are
# demanded (活动须形成方案、签到表、照片和总结四类资料，…并按资料完整度对乡镇评分), as for counted check-ins
_GRADED_PAPERS = re.compile(r"(按|以|根据|依据)[^。；，,]{0,8}(资料|材料|台账|照片|图片|记录|档案)[^。；，,]{0,4}(完整度|完整性|齐全率|"
                            r"完整情况|齐全情况|规范性|规范化程度)[^。；，,]{0,12}(评分|打分|计分|评定|排名|排序|通报|考核|考评|赋分)")
_INCIDENT = re.compile(r"(发现|一旦|如遇|遇有|发生|出现)[^，,。；;]{0,10}(火情|火警|火灾|险情|灾情|隐患|事故|警情|疫情)")


# the incident as a bare condition heading the demand (发现火情后，…; 一旦发生险情，…): nothing but the incident in it
# (fix-cr30: after the item's number, if the clause opens with one — 一、发现火情后，…)
_INCIDENT_LEAD_IN = re.compile(rf"^\s*([（(]?[一二三四五六七八九十\d]{{1,3}}[)）、.．]\s*)?{_INCIDENT.pattern}(后|时|以后|之后|的)?\s*$")


def added_evidence(sentence: str, start: int, end: int) -> bool:
    """Whether the hit [start, end) sits in a segment demanding evidence of work (see _EVIDENCE_OF_WORK).

    The incident that turns the photos into the report of a fire or hazard is read in the hit's own segment, or in
    the bare condition right before it (发现火情后，每次上传照片不少于3张) — not anywhere earlier in the sentence: a
    quota of its own after an incident report (发现火情后拍照上报，各村每天上报巡山照片不少于5张) is added evidence
    (diff review D04)."""
    # session 20 (review-read20, blind17 read): a check-in or upload whose rate or count the issuer ranks or circulates (按月
    # 统计打卡率，…对各县排名) is counted as evidence of the work wherever in the sentence the count is said
    if (_COUNTED_CHECK_IN.search(sentence) or _GRADED_PAPERS.search(sentence)) and not _INCIDENT.search(sentence):
        return True
    seg_start, seg_end = segment_bounds(sentence, start, end)
    return bool(_EVIDENCE_OF_WORK.search(sentence[seg_start:seg_end])) and not incident_at(sentence, start, end)


def incident_at(sentence: str, start: int, end: int) -> bool:
    """Whether an incident governs [start, end): named in its own comma segment, or as the bare condition right before it
    (发现火情后，立即拍照上传) — not anywhere else in the sentence (see added_evidence)."""
    seg_start, seg_end = segment_bounds(sentence, start, end)
    if _INCIDENT.search(sentence[seg_start:seg_end]):
        return True
    if seg_start > 0:
        prev_start, _ = segment_bounds(sentence, seg_start - 1, seg_start - 1)
        return bool(_INCIDENT_LEAD_IN.match(sentence[prev_start:seg_start - 1]))
    return False


# Session 20 (review-new20, blind16 B16129 read): the emergency regime's reports are the incident's and the watch's — fire,
# flood and hazard reports, daily and 零报告 rhythms, a patrol's own report (每日向乡镇报告巡山护林情况) — as the writers
# label them (blind3 B3123, blind13 B13046, dev2 D2-EXEM-03). The progress of the work (巡护工作开展情况, 工作进展, 完成情况)
# sent up weekly, monthly or quarterly through a season is the guide's "regular … progress reporting", whatever field it
# is in (防火期内每周报送巡护工作开展情况: blind16 B16129, INS): both the rhythm and the progress object in the hit's segment.
_PROGRESS_RHYTHM = re.compile(r"(每周|每两周|每半月|每旬|每月|每季度?|每半年|按周|按旬|按月|按季度?|周报|旬报|月报|季报)")
# (session 22, review-read22, blind19 read: the rectification's or the check's progress too — 每周一报送一次隐患整改进展)
_PROGRESS_OBJECT = re.compile(r"((工作)?(开展|进展|推进|完成|落实|进度)情况|(工作|整改|治理|排查|推进)(进展|进度|动态|成效)|进度表)")


# Session 20 (review-real20, real_blind12 read): a half-yearly report sent to the upper level (分别报送上半年和上一年度的
# …情况分析报告; 每半年向上级…报告) is the guide's 半年总结, "regular … progress reporting" — a rule or regulation that
# demands it of lower bodies adds it to its regime; the regime's own records, incident reports and yearly filings keep
# the legal instrument's exemption (matcher._REGIME_RULES). The rhythm is a half year's report: a deadline of half a
# year (自登记之日起半年内向上级主管部门备案) beside the regime's own yearly filing is no report of the half year (cr20b #6)
_HALF_YEAR_REPORT = re.compile(r"(上半年|每半年|半年度)[^。；]{0,20}(报告|报送|总结)")
_UPWARD = re.compile(r"(上级|上一级)")


def half_year_upward(sentence: str) -> bool:
    return bool(_HALF_YEAR_REPORT.search(sentence) and _UPWARD.search(sentence))


# Session 22 (review-dev22): a holiday is a date on the calendar, not a 突发事件. review-labelling.md exempts the safety
# regime's responsibility system, accident reporting and the daily reports of a disaster, an epidemic or an emergency; a
# report on a rhythm of the 安全生产 (or 消防) situation for a holiday period (重大节日期间，各乡镇每日报送安全生产情况) is
# none of them — it is the guide's "regular … reporting", the field named only as its topic. The regime's own reports keep
# the exemption: an incident or hazard (发生事故…立即报告; 隐患, 险情), the 值班 roster and its 零报告 (blind5 B5012's
# 节假日期间…每日安全生产情况零报告; dev4's convention "holiday 值班 and incident reports are 0"), and any other emergency
# field named in the sentence (防汛, 森林防火, 疫情 …: a holiday in a flood season is still the flood's).
_HOLIDAY_PERIOD = re.compile(r"(节日|节假日|假日|假期|长假|黄金周|春节|元旦|国庆|中秋|清明|端午|五一|劳动节|元宵)"
                             r"[^。；，,]{0,6}(期间|前后)")
_DAY_RHYTHM = re.compile(r"(每日|每天|逐日|日报|按日|每周|每两天|每\d+小时|每[一二两三四五六]小时)")
_SAFETY_TOPIC = ("安全生产", "消防")
_REGIME_OWN_REPORT = re.compile(r"(零报告|值班|值守|带班|事故|险情|隐患|火情|火警|警情|灾情|突发)")


def holiday_rhythm(sentence: str, start: int, end: int) -> bool:
    """Whether the hit [start, end) is a report on a rhythm of the safety situation for a holiday period (see above)."""
    seg_start, seg_end = segment_bounds(sentence, start, end)
    segment = sentence[seg_start:seg_end]
    fields = [m.group(0) for m in EXEMPTIONS["emergency"].finditer(sentence)]
    return bool(_HOLIDAY_PERIOD.search(sentence)) and bool(_DAY_RHYTHM.search(segment)) \
        and bool(fields) and all(f in _SAFETY_TOPIC for f in fields) \
        and not _REGIME_OWN_REPORT.search(segment) and not _INCIDENT.search(sentence) \
        and bool(GRASSROOTS.search(sentence, 0, end))  # (a county bureau's own account to its government: as before)


# Session 32 (review-read32, blind29 read): the same daily rhythm through a holiday carrying the work's own counts (元旦春节
# 期间各乡镇实行安全生产“日报告、零报告”制度，每天…将当日检查企业数、发现隐患数及整改情况报…) — the counts of the checks done are
# the work's progress sent up each day, not the regime's 值班 roster or its report of nothing happening (blind5 B5012's
# 每日安全生产情况零报告 names no count and stays the regime's): "a holiday is no emergency" (blind13 B13113, blind29 call 4)
_WORK_COUNT = re.compile(r"(检查|排查|走访|巡查|发现|整改|处置)[^，,。；;、及和与]{0,6}(数|数量|户数|家数|处数|个数|起数)(?![据字])")


# Session 33 (review-read33, blind30 read): the same through a campaign the issuer runs (安全生产大排查“日报告”制度，每日16时前
# 报送当日排查企业数、发现隐患数和整改数，安全生产月结束后改为每周报送) — a campaign is no emergency either (blind30's call 4)
_CAMPAIGN_PERIOD = re.compile(r"(大排查|大检查|大整治|专项行动|专项整治|百日行动|攻坚行动|集中整治|安全生产月)")


def holiday_work_counts(sentence: str) -> bool:
    """Whether the sentence sends up the counts of the work on a daily rhythm through a holiday period or a campaign."""
    fields = [m.group(0) for m in EXEMPTIONS["emergency"].finditer(sentence)]
    return bool(_HOLIDAY_PERIOD.search(sentence) or _CAMPAIGN_PERIOD.search(sentence)) \
        and bool(_DAY_RHYTHM.search(sentence)) \
        and bool(_WORK_COUNT.search(sentence)) and all(f in _SAFETY_TOPIC for f in fields) \
        and bool(GRASSROOTS.search(sentence))


# Session 22 (review-read22, blind19 read): a body named before the hit — the sentence's own subject
_BODY_NAMED = re.compile(r"(县|市|省|区|局|办|委|部|厅|中心|大队|指挥部|领导小组|政府|党委)")
_TERMINATORS = "。；！？!?;"


def last_sentence(text: str) -> str | None:
    """The last sentence of `text` with its terminator (…；各乡镇要…。 → 各乡镇要…。), or None when there is none (empty, or
    ending in two terminators). Linear: the regex it replaces (`[^。；！？!?;]+[。；！？!?;]?\\s*$` by `.search`) tried every
    start in a long unterminated run to its end (cr22a #1: 20,000 comma-joined characters took 28.5 s per upload)."""
    text = text.rstrip()
    body = text[:-1] if text and text[-1] in _TERMINATORS else text
    if not body or body[-1] in _TERMINATORS:
        return None
    return text[max(body.rfind(t) for t in _TERMINATORS) + 1:]


def progress_report(sentence: str, start: int, end: int, lead: str = "") -> bool:
    """Whether the hit [start, end) sits in a segment sending up the progress of work on a weekly or longer rhythm.

    `lead`: the clause's text before this sentence. A sentence with no subject of its own (汛期内每周一报送一次隐患整改进展)
    takes it from the sentence before (各乡镇…；…), as the office reads it (review-labelling.md)."""
    seg_start, seg_end = segment_bounds(sentence, start, end)
    segment = sentence[seg_start:seg_end]
    if not (_PROGRESS_RHYTHM.search(segment) and _PROGRESS_OBJECT.search(segment)):
        return False
    # (a grassroots unit named before the hit: a county bureau's own quarterly account to the county government of the
    # work it leads — 县林业局…每季度末向县政府报告一次防治工作进展, blind9 B9147 — is the county's own business)
    if GRASSROOTS.search(sentence, 0, end):
        return True
    previous = last_sentence(lead)
    return not _BODY_NAMED.search(sentence, 0, start) and previous is not None \
        and bool(GRASSROOTS.search(previous))


# Session 20 (review-new20, blind16 B16129 and dev4 D4130 read): the emergency regime's own plan is its 应急预案 (the
# response, evacuation or rescue plan); a work or implementation plan for a fire or flood season drafted below and filed
# upward (制定本乡镇秋冬季森林防火实施方案…报县森林防火指挥部备案; …应急预案和“一村一策”巡护方案…报指挥部备案) is the guide's
# "supporting plans … drafted and filed upward", as the writers label it (DOC).
_PLAN_WORD = re.compile(r"方案")
# (an epidemic's control plan — 防疫工作方案 filed with the epidemic control group, real_blind7 hebei-dev-1245:4204 — is the
# epidemic regime's own measures, as the DOC-03 exemption was written for)
_EMERGENCY_PLAN_BEFORE = re.compile(r"(应急|处置|救援|疏散|撤离|避险|转移|预|防疫|疫情)[^，,。；;、和及与]{0,4}$")


def names_work_plan(hit: str) -> bool:
    """Whether the hit names a plan (…方案) that is not an emergency one (应急处置方案, 避险转移方案)."""
    return any(not _EMERGENCY_PLAN_BEFORE.search(hit[:m.start()]) for m in _PLAN_WORD.finditer(hit))


# Session 14 (review-dev14): a ranking of localities that a safety regime does not itself require — townships or villages
# ranked by score or rate, the last places named (每月对各乡镇…打分排名，排名后三位的…表态发言; 按月通报排名) — is judged as in
# any other draft. Four outside writers read it so (blind9 B9077, blind10's and blind8's headers, dev4 D4084 and D4017);
# the session-13 decision left it open (DATA_CARD.md convention 12).
# (session 20, review-read20, blind17 read: the laggards by progress circulated — 对进度靠后的县（市、区）通报 — rank them
# too; and read from a city, its counties are localities, as BR-INS-04's subsumed_unless reads them since session 14)
_RANK_WORD = re.compile(r"(排名|排序|排位|名次|位次|末位|后[一二两三四五\d]+(名|位)|(进度|进展|工作)(靠后|滞后|落后))")
_LOCALITIES = re.compile(r"(乡镇|各村|村（社区）|街道|社区|各镇|各乡|学校|县（市、区）|各县)")


def added_ranking(sentence: str, start: int, end: int) -> bool:
    """Whether the hit [start, end) ranks localities (see _RANK_WORD)."""
    return bool(_RANK_WORD.search(sentence, start, end)) and bool(_LOCALITIES.search(sentence))


# Session 23 (review-read20, blind20 read): the city and county titles of the national retained list (全国文明城市 and 文明
# 县城, 国家卫生城市 and 卫生县城) named in the hit's own segment without 全国 or 国家 (将“文明城市创建”作为…考核加分项) — an
# approved creation as `approved`'s (国家级|全国)…创建 is, read in the segment only, so that another appraisal of the same
# sentence (…，开展“最美家庭”评选) keeps its finding; what the county adds on top (the points, the rankings) stays INS
_NATIONAL_CREATION = re.compile(r"(文明城市|文明县城|卫生城市|卫生县城)")
_EXCEPTED = re.compile(r"除[^，,。；;]{1,30}(外|以外|之外)(?=[，,])")


# Session 28 (review-read28, blind25 read): a "zero report" on a fixed rhythm (各村每周报送动物疫情“零报告”, 未发现疫情的也
# 须上报) is the report of nothing happening: when the sentence names no period, season or response — only the epidemic
# or the danger as the report's subject — no emergency is at hand for it. A 零报告 inside a flood season, a fire season, an
# epidemic's control period or a declared response (汛期, 森林防火期内, 疫情防控期间, 应急处置期间) stays that regime's
_ZERO_REPORT = re.compile(r"零报告")
_RHYTHM = re.compile(r"(每日|每天|每周|每旬|每半月|每月|每季|按日|按周|按月|定期|日报|周报|月报)")
_DECLARED = re.compile(r"(期间|期内|汛期|防火期|紧要期|应急|响应|预警|警报|防控)")


def zero_report(sentence: str) -> bool:
    return bool(_ZERO_REPORT.search(sentence) and _RHYTHM.search(sentence) and not _DECLARED.search(sentence))


# Session 34 (review-read34; DATA_CARD.md, "Adjudication (session 33)", line 10): a daily report — 零报告 included — demanded of
# every village, community, school or clinic through a 汛期 or 防火期 at large (汛期内各村每日17时前向乡镇防汛办报送…零报告; 汛期
# 内，各村村干部须每日…照片每日18时前报乡镇…) is no regime's disaster report: the regime's are sent along the command chain
# (a township's 防汛办 to the 县防指: 0, with or without a response) and, inside a declared response, warning or 紧要期, from any
# level. Read only when the sentence opens on the season, a village-level body is the doer before the first daily report
# word, and nothing declared is named; a township's or county's own daily report keeps the exemption.
_SEASON_AT_LARGE = re.compile(r"^\s*([（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?(主汛期|汛期|森林防火期|防火期)(内|期间)?[，,]?")
_VILLAGE_DOER = re.compile(r"(各村|每村|村（社区）|村（居）|村干部|村“两委”|社区|各校|学校|中小学|卫生室|村医)")
_DAILY_REPORT = re.compile(r"(每日|每天|逐日|日报)")
_SEASON_DECLARED = re.compile(r"(应急响应|响应期间|启动[^。；，]{0,8}响应|预警|警报|紧要期|高火险|转移|撤离)")


# Session 35 (fixcr35b, codereview35b): the daily word must govern the report itself — 每日 and the report verb in one
# segment (各村每日17时前向乡镇防汛办报送…) — with no incident or 立即 before the verb there: a daily patrol whose finding is
# reported at once (各村护林员每日巡山，发现火情立即报告) or a report made on the occasion (各村遇暴雨时每日报告雨情) is the
# regime's incident report, which keeps the exemption.
_SEASON_REPORT_VERB = re.compile(r"(报送|上报|报告|填报|汇报|日报|零报告|发送至|发至|上传|反馈|报(?=[县市乡镇区街]))")
_SEASON_TRIGGER = re.compile(r"(发现|如遇|遇有|遇到|(?<![机待际境礼])遇|一旦|发生|出现|立即|第一时间|及时|随时)")
_SEGMENT_STOP = re.compile(r"[，,；;。！？!?：:\n]")


def village_season_report(sentence: str) -> bool:
    opened = _SEASON_AT_LARGE.match(sentence)
    if not opened or _SEASON_DECLARED.search(sentence):
        return False
    for daily in _DAILY_REPORT.finditer(sentence, opened.end()):
        if not _VILLAGE_DOER.search(sentence, opened.end(), daily.start()):
            continue
        stop = _SEGMENT_STOP.search(sentence, daily.end())
        seg_end = stop.start() if stop else len(sentence)
        seg_start = max((m.end() for m in _SEGMENT_STOP.finditer(sentence, 0, daily.start())), default=0)
        verb = _SEASON_REPORT_VERB.search(sentence, daily.start(), seg_end)
        if verb and not _SEASON_TRIGGER.search(sentence, seg_start, verb.start()):
            return True
    return False


def exemption(names: tuple[str, ...], sentence: str, heading: str, start: int = 0) -> str | None:
    """`start`: where the hit opens. The one-table reform in other words (_ONE_TABLE_IN_SEGMENT) exempts only the
    segment the hit opens in (diff review D07)."""
    seg_start, seg_end = segment_bounds(sentence, start, start)
    own_segment = sentence[seg_start:seg_end]
    # session 12 (blind9 read): what a 除…外 segment names is set apart from the rest of the sentence (除安全生产、防汛等
    # 应急事项外，各乡镇每月报送…): it exempts nothing the rest imposes — review-labelling.md, "a clause that both imposes
    # and exempts is judged by what it imposes"; a hit inside the segment itself is negation()'s 例外情形
    sentence = _EXCEPTED.sub("", sentence)
    for name in names:
        pattern = EXEMPTIONS[name]
        if name == "emergency" and EMERGENCY_OVER.search(sentence):
            continue
        if name == "internal":
            if pattern.search(sentence.strip()):
                return EXEMPTION_NAMES[name]
            continue
        # session 21 (review-read21, blind18 read): not the same data still demanded on paper after it (_STILL_ON_PAPER)
        if name == "one_table" and _STILL_ON_PAPER.search(sentence):
            continue
        if name == "one_table" and _ONE_TABLE_IN_SEGMENT.search(own_segment):
            return EXEMPTION_NAMES[name]
        if name == "approved" and _NATIONAL_CREATION.search(own_segment):
            return EXEMPTION_NAMES[name]
        if name == "emergency":
            if any(not _listed_beside_ordinary_work(sentence, m) for m in pattern.finditer(sentence)) \
                    or pattern.search(heading):
                return EXEMPTION_NAMES[name]
            continue
        if name == "rating_excluded":
            # session 24 (review-read21, blind21 read): an annual or performance assessment a rating's results are put
            # into (星级小区评定，评定结果纳入街道和社区年度考核) is no assessment campaign: it pushes the rating through the
            # assessment, as points added do (DATA_CARD.md: [DEMO, INS]). BR-DEMO-02's only: a creation put into an
            # assessment is BR-DEMO-04's burden, which BR-DEMO-01 does not repeat (demo_excluded, as before)
            if any(not (m.group(0).endswith("考核") and _PUT_INTO.search(sentence, max(0, m.start() - 12), m.start()))
                   for m in pattern.finditer(sentence)):
                return EXEMPTION_NAMES[name]
            continue
        if name == "statistics":
            # session 15 (review-dev15, dev6 read): a form set up outside the statutory system (在统计调查制度之外另行
            # 设计…月报表, 统计报表制度以外) is the arbitrary form filling the system's name does not cover
            if any(not _OUTSIDE_REGIME.match(sentence, m.end()) for m in pattern.finditer(sentence)):
                return EXEMPTION_NAMES[name]
            continue
        if pattern.search(sentence):
            return EXEMPTION_NAMES[name]
    return None


_PUT_INTO = re.compile(r"(纳入|计入|列入)[^。；，]{0,10}$")
_ASSESSMENT_NAMED = re.compile(r"[^。；，]{0,6}(考核|考评)")


def emergency_only_in_assessment(sentence: str) -> bool:
    """Session 29 (review-read29, blind26 read): every emergency field of the sentence names only the assessment a demand
    is counted in (签到率纳入各乡镇防灾减灾工作考核) — the assessment's title, no emergency at hand. (matcher: for the app
    rules, whose check-ins and online activity added on a regime are findings, DATA_CARD.md.)"""
    found = list(EXEMPTIONS["emergency"].finditer(sentence))
    return bool(found) and all(_PUT_INTO.search(sentence, max(0, m.start() - 12), m.start())
                               and _ASSESSMENT_NAMED.match(sentence, m.end()) for m in found)
_OUTSIDE_REGIME = re.compile(r"[^，,。；;]{0,4}(之外|以外|范围外)")


# Session 30 (review-mend30, a new user's 森林防火 notice: 巡山时须拍照上传至微信工作群，并在工作群内签到打卡): the workers
# made to prove they were there — a check-in (打卡, 签到; not a sign-in sheet) in a work group or an app, or their photos
# sent up a group or an app each day or at each patrol — is what an issuer adds on a fire, flood or disaster regime, not
# what the regime requires (review-labelling.md: "apps with check-in"; DATA_CARD.md: "a photo rhythm or app check-in added
# on top is a finding"). Inside a declared period — a 紧要期, a warning or response declared, a security task with its
# dates — the guide allows the check-in (burden-rules.md §3 trap 3), as the writers label a ranger's check-in in a 紧要期
# (dev D230) and patrol check-ins in a dated 安保 period (blind23 B23054); a fire or flood season at large is none (blind13
# B13143, dev4 D4017). Photos of the hazard or incident itself (隐患点, 火情, 监测) are the regime's report (dev D234).
_PRESENCE_CHANNEL = r"(工作群|微信群|钉钉群|QQ群|群聊|群内|群里|APP|App|app|小程序|客户端|终端|平台|钉钉|微信)"
_CHANNEL_CHECK_IN = re.compile(rf"{_PRESENCE_CHANNEL}[^。；，,]{{0,12}}(打卡(?![点地])|签到(?![表簿册]))|"
                               rf"(打卡(?![点地])|签到(?![表簿册]))[^。；，,]{{0,4}}(至|到|于|在)[^。；，,]{{0,8}}{_PRESENCE_CHANNEL}")
_PHOTO_TO_CHANNEL = re.compile(rf"(拍照|照片|图片|视频)[^。；，,]{{0,8}}(上传|发送|发布|发至|发到|晒)[^。；，,]{{0,12}}{_PRESENCE_CHANNEL}|"
                               rf"{_PRESENCE_CHANNEL}[^。；，,]{{0,6}}(上传|发送|发布|晒)[^。；，,]{{0,8}}(照片|图片|视频)")
_PRESENCE_OCCASION = re.compile(r"(每日|每天|每次|逐日|(巡山|巡查|巡护|巡河|巡堤|巡逻|巡防|值守|值班)[^。；，,]{0,2}(时|后|期间))")
_REGIME_SUBJECT = re.compile(r"(隐患|险情|灾情|火情|火点|火警|监测|水位|雨情)")
# (fix-cr30: dates alone are no declared period — a fire season's own dates, 10月1日至次年4月30日为防火期, are the season at
# large; a date range counts only beside the 预警 or 响应 it bounds, 紧要期 being declared on its own)
# (session 36, review-read36, blind33 read: the period said by its start, 应急响应启动期间 — declared as 响应期间 is)
_DATE_RANGE = r"\d{1,2}月\d{1,2}日[至到—-]"
_DECLARED_PERIOD = re.compile(rf"(紧要期|(预警|响应|安保)(启动|发布|生效)?(期间|期内)|(启动|进入|发布)[^。；，,]{{0,12}}(响应|预警)|"
                              rf"(预警|响应)[^。；，,]{{0,4}}[（(]{_DATE_RANGE}|{_DATE_RANGE}[^。；，,]{{0,16}}(预警|响应))")


def presence_proof(sentence: str, context: str = "") -> bool:
    """Whether the sentence makes the workers prove their presence (see above); `context`: the heading and the title,
    where a declared period may be named for the whole text."""
    # (fix-cr30: the incident read where it governs the check-in or the photos, as in added_evidence — a clause saying
    # what to do about a fire, 发现火情立即报告, does not turn the patrol's check-in before it into the fire's report)
    if not _DECLARED_PERIOD.search(sentence + context) \
            and any(not incident_at(sentence, m.start(), m.end()) for m in _CHANNEL_CHECK_IN.finditer(sentence)):
        return True
    for m in _PHOTO_TO_CHANNEL.finditer(sentence):
        seg_start, seg_end = segment_bounds(sentence, m.start(), m.end())
        if _PRESENCE_OCCASION.search(sentence, 0, m.start()) and not _REGIME_SUBJECT.search(sentence[seg_start:seg_end]) \
                and not incident_at(sentence, m.start(), m.end()):
            return True
    return False



# Session 34 (review-left34; DATA_CARD.md "Adjudication (session 33)", lines 11 and 12): photos, taken or named, that prove a
# patrol, a duty or a visit and go up a work group or an app are evidence of work (BR-INS-05 where the group carries nothing
# else) in any season outside a declared response, whoever sends them — a fire or flood season at large is none (line 11;
# blind25 B25075, blind30 B30004, B30030). The occasion is read before the photos as for presence_proof, or in the photos'
# own name (巡堤照片, 值守照片, 在岗照片). The regime's own stay exempt: photos of the hazard or incident itself (隐患点, 火情:
# dev D234), an incident governing the upload, and the 群测群防 monitors' own record of the points they watch (line 9).
_PRESENCE_PHOTO_NAMED = re.compile(r"(巡山|巡查|巡护|巡河|巡堤|巡塘|巡田|巡逻|巡防|值守|值班|在岗|执勤|卡点|入户|走访)"
                                   r"(现场|工作|实时)?(照片|图片|视频|合影)")
_MONITOR = re.compile(r"(群测群防|监测员|监测责任人)")


def _hazard_photos(sentence: str, start: int, end: int) -> bool:
    """Whether the photos at [start, end) are the hazard's or the incident's: named in their own segment (隐患点照片), an
    incident governing them (incident_at), or an incident found in the segment right before when the photos are not named
    as the patrol's or the duty's own (巡山时发现火险隐患，须拍照上传…)."""
    seg_start, seg_end = segment_bounds(sentence, start, end)
    segment = sentence[seg_start:seg_end]
    if _REGIME_SUBJECT.search(segment) or incident_at(sentence, start, end):
        return True
    if seg_start > 0 and not _PRESENCE_PHOTO_NAMED.search(segment):
        prev_start, _ = segment_bounds(sentence, seg_start - 1, seg_start - 1)
        return bool(_INCIDENT.search(sentence[prev_start:seg_start - 1]))
    return False


def presence_photos(sentence: str, context: str = "") -> bool:
    """Whether the sentence sends photos proving presence up a group or an app outside a declared period (see above);
    `context`: the heading and the title, where a declared period may be named for the whole text."""
    if _DECLARED_PERIOD.search(sentence + context) or _MONITOR.search(sentence):
        return False
    for m in _PHOTO_TO_CHANNEL.finditer(sentence):
        seg_start, seg_end = segment_bounds(sentence, m.start(), m.end())
        if (_PRESENCE_OCCASION.search(sentence, 0, m.start()) or _PRESENCE_PHOTO_NAMED.search(sentence[seg_start:seg_end])) \
                and not _hazard_photos(sentence, m.start(), m.end()):
            return True
    return False


def regime_photos(sentence: str, start: int, end: int) -> str | None:
    """The reason when the evidence hit [start, end) is photos sent up a group or an app that are the regime's own record
    (see above): the 群测群防 monitors' record, photos of the hazard or incident — in any season; else None."""
    for m in _PHOTO_TO_CHANNEL.finditer(sentence):
        if m.start() < end and start < m.end() and (_MONITOR.search(sentence) or _hazard_photos(sentence, m.start(), m.end())):
            return EXEMPTION_NAMES["emergency"]
    return None

# Session 32 (review-mend32; DATA_CARD.md "Adjudication (session 32)", line 9, after session 31's line 3): a ranger's
# plain patrol track — kept by a patrol terminal, a national system or an app, daily or in real time — is the ranger's
# own job (0) in any season, a fire or flood season at large or none named (dev D084 against heldout H120, blind6 B6044,
# blind19 B19019). It becomes an app's demand (APP, and INS when localities are ranked by it) as soon as a check-in or a
# location, a floor (mileage, hours, 不少于…), a ranking, circulation, score or assessment, or a bearer other than the
# rangers (village cadres, grid workers, clinic staff) is named in the sentence (dev4 D4017, dev6 D6129, blind12 B12013,
# blind13 B13047, blind16 B16034, dev5 D5014); and photos are no track (heldout H041: a 巡河员's photos up a 平台 stay APP).
_RANGER = re.compile(r"(护林员|巡护员|巡林员|巡山员|巡河员|护河员)")
_TRACK_HIT = re.compile(r"轨迹")
_NOT_A_TRACK = re.compile(r"(照片|相片|图片|视频|影像|截图|合影|合照|定位|打卡|签到)")
_TRACK_MADE_QUOTA = re.compile(
    # a check-in, a location or online time
    r"(打卡|签到(?![表簿册])|定位|在线|上线|登录|"
    # a floor: a count, a length or a time the track must reach
    r"不少于|不低于|不得少于|不得低于|至少|累计|以上|达到|里程|时长|\d+(\.\d+)?(公里|千米|km|KM|小时|分钟)|"
    r"[一二三四五六七八九十两]+(公里|千米|小时)|"
    # a ranking, circulation, score or assessment (of localities or persons alike: read as before)
    r"排名|排序|排位|名次|末位|倒数|通报|晾晒|公布|公示|约谈|表态|考核|考评|积分|计分|评分|打分|赋分|扣分|挂钩|问责|"
    r"[^，,。；;]{1,4}率|"
    # a work group as the channel: no terminal, system or app of the ranger's own
    r"(?<![测防])群(?![众测防体策])|"
    # a bearer other than the rangers
    r"干部|网格员|村医|医生|卫生室|卫生院|党员|工作人员|两委|书记|主任|林长|职工|教师|民兵|志愿者|信息员|联络员|队员)")


def ranger_plain_track(sentence: str, start: int, end: int) -> str | None:
    """Whether the hit [start, end) is a ranger's plain patrol track (see above): the reason, or None."""
    hit = sentence[start:end]
    if not _TRACK_HIT.search(hit) or _NOT_A_TRACK.search(hit):
        return None
    if not _RANGER.search(sentence) or _TRACK_MADE_QUOTA.search(sentence):
        return None
    return "护林员、巡护员等本人的巡护轨迹记录（未要求打卡、里程或时长下限、排名，也未转嫁给干部）"


# …and, through a fire or flood season at large (no declared 紧要期, warning or response: session 31's line 3), a track
# made a quota — a floor on it, localities ranked by it, or the track demanded of cadres, grid workers or clinic staff —
# is the app's demand added on the regime, not the regime's own (dev6 D6129, dev5 D5014); a ranger's plain track keeps
# its reading above, and a declared period keeps the exemption
_TRACK_QUOTA = re.compile(
    r"(不少于|不低于|不得少于|不得低于|至少|累计)[^。；，,]{0,8}(公里|千米|km|KM|小时|分钟)|里程|时长|"
    r"排名|排序|排位|名次|末位|约谈|晾晒|"
    r"干部|网格员|村医|医生|卫生室|卫生院|党员|工作人员|两委|教师"
)


def track_made_quota(sentence: str, context: str = "") -> bool:
    """Whether the sentence makes a patrol track a quota outside a declared period (see above); `context`: the heading
    and the title, where a declared period may be named for the whole text."""
    return "轨迹" in sentence and not _DECLARED_PERIOD.search(sentence + context) and bool(_TRACK_QUOTA.search(sentence))


_LIST_RUN = re.compile(r"[^，,。；;：:（）()“”]+")


def _listed_beside_ordinary_work(sentence: str, m: re.Match[str]) -> bool:
    """Session 14 (review-dev14): an emergency field named as one item of a list of topics beside ordinary work
    (人居环境整治、秸秆禁烧、森林防火、医保征缴四项工作进展…报镇里) does not make the demand emergency work: the list's other
    items are ordinary work under the same demand. A list of emergency fields only (安全生产、防汛等应急工作) still
    exempts."""
    for run in _LIST_RUN.finditer(sentence):
        if run.start() <= m.start() and m.end() <= run.end():
            # (a heading's number, 一、 or 3、, is no item)
            items = [item for item in run.group(0).split("、") if not _ITEM_NUMBER.fullmatch(item)]
            own = next((item for item in items if EXEMPTIONS["emergency"].search(item)), "")
            # a list of bodies (…、省应急管理厅) names where a report goes, not a field of work: read as before
            if _BODY_END.search(own):
                return False
            return len(items) > 1 and any(not EXEMPTIONS["emergency"].search(item) for item in items)
    return False


_ITEM_NUMBER = re.compile(r"\s*[（(]?[一二三四五六七八九十\d]{1,3}[)）]?\s*")
_BODY_END = re.compile(r"(厅|局|委|办|部|中心|大队|支队|站|所|指挥部)$")


def voluntary(sentence: str, start: int, end: int | None = None) -> str | None:
    end = start if end is None else end
    if _COERCION.search(_NEGATED_COERCION.sub("", sentence)):
        return None
    if _VOLUNTARY_SENTENCE.search(sentence):
        return "自愿或鼓励性表述"
    seg_start, _ = segment_bounds(sentence, start, start)
    # the voluntary word may sit inside a long hit (各设区市……可根据本办法制定实施细则): look up to its last words
    prefix = sentence[seg_start:max(start, end - 4)]
    m = _VOLUNTARY.search(prefix)
    if m:
        word = m.group(1)
        # "可" alone only when it modifies the demand directly (可结合实际…, 可自愿…), not 可延长 after it
        if word != "可" or len(prefix) - m.end() <= 8:
            return "自愿或鼓励性表述"
    return None


# ---- Real drafting (issue 10): who bears the requirement, and is it a live demand at all? ----------------------
#
# Real documents impose many duties on enterprises, applicants, individuals or on the issuing body itself; they
# restate statutory regimes and, in annual reports and summaries, describe past work. None of that is a burden on
# the grassroots (review-labelling.md). These checks run on the requirement that carries the hit: the part of the
# sentence from the nearest subject before the hit to the end of the hit's comma segment.

GRASSROOTS = re.compile(
    # session 8 (blind5 read): 县市场监管局 is a county regulator, not 县市 (counties and cities)
    r"(各地|各市|各县|各区|地区|全县|全乡|全镇|全区|干部|县域|产业园|设区市|市、县|市县|县（市、区）|县\(市、区\)|县级|县区|县市(?!场)|市级|"
    r"乡镇|乡（镇）|各乡|各镇|乡级|镇级|街道|村级|各村|行政村|村（|村委|村民委员会|村组|村干部|村“两委”|嘎查|社区|网格|"
    # session 6: universities (高校, 高等学校, 师范院校) are neither 市/县/乡/村 nor grassroots units (review-labelling.md)
    r"基层|(?<!高等)学校|中小学|幼儿园|(?<!高等|师范|公安)院校|高中|县中|各级|地方|园区|开发区|高新区|(?<![城超上都门])市(?![场民值价容])|"
    r"示范区|下级|所属|各项目市|受援县|设岗县|"
    # session 34 (review-read34, blind31 read): a village named by its own name as the sentence's doer (木通湾村须组建…服务队，
    # 每名队员每日…打卡) — a village, as 各村 is; only at the head of the sentence and before a modal
    r"^\s*[\u4e00-\u9fff]{2,5}村(?=须|要|应|必须|负责))")
NON_GRASSROOTS = re.compile(
    # session 12 (blind9 read): a county's state-owned investment groups (县城投集团, 交投集团) are enterprises — the
    # guide's "a company's performance contract" — not an 教育集团 or 医疗集团 of grassroots units
    r"(企业(?!主管|服务平台|管理局)|(城投|交投|产投|国投|建投|水投|农投|文旅|国有资本|国资)[^。；，、]{0,4}集团|平台公司|公司|支行|分行|分包单位|总包单位|经营者|经营单位|用人单位|银行|金融机构|保险机构|担保机构|承包单位|施工单位|建设单位|中介|申请人|申请者|申报单位|"
    # session 28 (review-read28, blind25 read): a forest ranger hired as an individual under the national 生态护林员
    # programme (生态护林员应当…每日巡山) — his own duty, as a hired worker's (a bare 护林员 stays read as before: dev D084's
    # track upload and heldout H053's 最美护林员 selection fall on the villages that run them)
    r"生态护林员|"
    # session 33 (review-read33, blind30 read): a 家长会 is a meeting the school holds (家长会须全体家长到场并签到), not the parents
    r"药店|药房|申报人|申请单位|申报机构|申报主体|申报企业|高校|高等学校|高等院校|师范院校|院所|应聘者|应试人|考生|学生|家长(?!会)|监护人|个人|公民|职工|当事人|专业机构|评估机构|行业协会|社会组织|专家|"
    # session 20 (review-real20, real_blind12 read): a funded project's host unit (项目依托单位) reporting to its funders is
    # a grantee, as 项目承担单位 is (review-labelling.md: "an applicant's materials")
    r"评审委员|项目承担|依托单位|服务机构|研发机构|科研机构|科研院所|医疗机构|技术服务|承担单位|科研人员|科技人员|负责人的?(业绩|经营)|经办机构|经办银行|持卡人|参保人|退休人员|出资企业|"
    # session 7: science and research platforms named on application (科普基地, 院士合作重点单位, 工程技术研究中心,
    # 重点实验室): like research institutes and applicants, not grassroots units
    r"科普基地|研究基地|合作重点单位|工程(技术)?研究中心|工程中心|重点实验室|技术创新中心|孵化器|众创空间|保藏单位|"
    # session 8: market actors, whatever the trade (review-labelling.md: burdens on enterprises or individuals) — the
    # producers, sellers, operators and users a market regulation binds (再加工纤维生产者、销售者应当建立进货台账)
    r"生产者|销售者|经销者|经销商|批发商|零售商|供应商|供货商|进口商|出口商|承运人|托运人|生产经营单位|生产单位|销售单位|"
    r"使用单位|运营单位|运营者|个体工商户|商户|从业人员|"
    # session 9 (blind6 read): applicants named by what they apply for (申请一次性创业补贴的人员)
    r"申请[^。；，]{1,16}的(人员|个人|对象|农户|群众))")
# A subject opens a requirement: the words before the first modal or verb of a comma segment.
# session 9 (dev2): 以上/以下/以内/以外 close a noun (规模以上工业企业, 科级以上干部), they do not end a subject
_SUBJECT_END = re.compile(r"(要|应当|应|须|必须|务必|负责|将|需|需要|可以|可|不得|严禁|切实|认真|积极|进一步|按照|根据|依照|"
                          r"依据|对|在|于|每|由|向|与|把|以(?![上下内外])|通过|实行|建立|开展|做好|加强|落实|组织|推动|提供|配合|"
                          # session 14 (review-read14, blind11 read): a rhythm opens the predicate as 每 does (各县（市、区）按月
                          # 倒排工期并报送进展)
                          r"按(?=月|周|季|旬|日|年度)|逐(?=月|周|季|日))")
_CLAUSE_BREAK = re.compile(r"[，,：:]")
_TOPIC_THEN_MODAL = re.compile(r"^[，,](须|必须|应当|应|要|需)")
_GRASSROOTS_WORK = re.compile(r"((村|社区|乡镇|街道|居委会|村委会|学校)[^。；，]{0,8}(出具|开具|盖章|证明|审核|核实|签字|签章)|"
                              r"由[^。；，]{0,4}(乡镇|村|社区|街道|基层|网格)|"
                              # session 19 (review-read19, real_blind11 read): the committee's full name, 村民（居民）委员会的证明
                              r"(村民|居民|村（居）民)(（居民）)?委员会的?(证明|出具|开具|盖章))")
# An upper-level body as the subject of a drafting or reporting demand: the issuer organising its own work.
UPPER_BODY = re.compile(r"^[^，,。；]{0,6}(省|国务院|中央|我厅|本厅|我部|本部|我委|我局|"
                        r"(人力资源社会保障|科技|教育|财政)部(?!门)|"
                        # the issuer's own divisions and system (各处室, 厅机关, 厅系统)
                        r"各处室|处室|厅机关|局机关|厅系统|厅属|机关各处室|"
                        r"[^，,。；]{0,20}(领导小组|协调小组|办公室)(主要)?职责)")
_OWN_DUTIES = re.compile(r"(领导小组|协调小组|办公室)(主要)?职责[：:]")
_AGENCY = re.compile(r"(省|国务院|部门|部$|厅|局|委员会|委$|办公室|办$|政府|机构|单位|机关|中心|小组)")

RETRO_TITLE = re.compile(r"(年度报告|年报|工作报告|工作总结|情况报告|建设情况|工作情况|总结)")
# Reported speech of news items and interpretations ("值得关注的是……", "《规划》还提到……").
_REPORTED = re.compile(r"(值得关注的是|据介绍|据了解|记者|日电|介绍说|(还|并|也)提到)")
_RETRO_CUE = re.compile(
    # session 11 (blind8 read): figures of past work opened by 据统计 (据统计，2026年全县共精简…) describe, they demand nothing
    r"(^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])?\s*据(不完全)?统计[，,][^。；]{0,6}(\d{4}年|去年|今年以来|上半年|全年|截至)|"
    r"^\s*(\d{4}年(以来|，|,|全年|共|我)|今年以来|去年|近年来|上半年|全年|截至|截止|目前|过去[一两二三几]?年|以往)|已(经)?(完成|实现|建立|印发|开展|形成|"
    r"召开|报送|移交|下发|出台|制定)|(起草|制定|印发|出台|召开|开展|完成|建立|举办|组织|增长|提高|下降|创新|完善|健全|构建|探索|形成|推进|深化|优化|改进|签订|进行|实施|落实)了|最终(评选出|评出|确定)|(共|累计|先后)(受理|完成|开展|召开|报送|移交|发布|公开|培训|举办|组织|印发|下发)|"
    r"取得[^。；]{0,4}(成效|成绩|进展)|基本实现|"
    # session 10 (blind7 read): a title won in the past (我县去年成功创建…示范县, …个村获评省级卫生村)
    r"(我县|我镇|我乡|全县|本县)(去年|上年|前年|今年以来|\d{4}年)[^。；，]{0,4}(成功|先后|已)?(创建|获评|获得|入选)|成功(创建|获评|入选)|"
    r"位列(?![^。；，]{0,6}(后|末|倒数))|跻身|进入全国)")
# (session 31, review-read31, blind28 read: 要 before materials or figures is the verb "to ask for" — 向基层要材料的做法得到遏制
# describes a practice curbed — not the modal of a demand)
# (session 35, fixcr35b: 确保了 is the past result — …，确保了安全度汛 in a report describes a season over — not the modal
# 确保; 确保了解 stays one)
_LIVE_DEMAND = re.compile(r"((结果|情况)[^。；，]{0,4}(通报|公布)?如下|(?<![重主需纲概提])要(?![点素闻求])(?!(材料|数据|报表|表格|资料|台账)(的|和|、))|应当|(?<![相响供适反效])应(?![急用对届聘试征答])|须|务必|请|力争|确保(?!了(?!解))|"
                          r"不得|严禁|将(于|对|把|在|会|进一步|继续|适时|组织|建立|加强|予以))")
STATUTORY = re.compile(
    r"((依照|依据|按照|根据|违反)《[^》]{1,40}((?<![办做])法|条例)》|依法(实施|进行|开展|给予|处理|监督|查处|追究|履行)|法律、?法规"
    r"(规定|另有规定)|"
    # session 25 (review-read22, blind22 read): a law named without its book marks and what it sets (按照审计法规定的期限整改,
    # 依照统计法的规定) — not a method, a way or a set of rules (办法, 做法, 方法 …; codereview25: nor a county's own
    # working or scoring method — 四议两公开工作法, 百分制计分法 — nor 算法 or 计算法, while 预算法 is a law)
    r"(依照|依据|按照|根据)(中华人民共和国)?[\u4e00-\u9fff]{1,10}(?<![办做方手说看想写用立执司守作分步])(?<!(?<!预)算)法"
    r"(第[^。；，]{1,6}条)?的?规定|"
    # session 28 (review-read28, blind25 read): a national reporting or monitoring system named as such (按照国家价格监测
    # 报告制度, 依据国家统计调查制度) — its own reports, as a law named is
    r"(依照|依据|按照|根据)国家[^。；，]{0,12}(报告|监测|统计调查|调查)制度|"
    r"安全生产责任(?:制|书|体系)|消防安全责任(?:制|书)|(动物|传染病|重大)?疫情报告制度|森林防火责任(?:制|书)|事故报告|统计法|法定职责|"
    # session 13 (blind10 read): the same letters with 目标 between (安全生产目标责任书, 消防安全目标责任状) — DATA_CARD.md:
    # "安全生产 responsibility" is statutory; a letter outside a statutory regime stays BR-INS-03
    r"(安全生产|消防安全|森林防火)目标(管理)?责任(?:书|状|制)|"
    # session 6: the safety and fire regimes' own assessment (纳入安全生产责任目标考核, 纳入消防工作的考核范围) and the
    # statutory annual report on government information disclosure (政府信息公开条例) are those regimes, not new burdens
    r"(安全生产|消防安全|消防工作|森林防火)(责任)?(目标)?(管理)?的?考核|政府信息公开(工作)?年度报告|"
    # session 8 (blind5 read): the statutory accident-reporting regime in its own words — an accident reported level by
    # level within a legal time limit, never late, missed, false or concealed — is not instant progress reporting
    r"事故[^。；]{0,60}(逐级上报|逐级报告|按规定上报)|(迟报|漏报|谎报|瞒报)[、，和或者]{1,3}(迟报|漏报|谎报|瞒报)|"
    # assessments the State Council mandates of provincial and local governments (最严格水资源管理制度考核, 耕地保护
    # 责任目标考核, 粮食安全省长责任制考核): a centrally mandated regime, not a new indicator (review-labelling.md)
    r"最严格水资源管理制度|耕地保护责任目标|粮食安全省长责任制|"
    # session 19 (review-read19, real_blind11 read): the same for energy saving — 节约能源法 art. 6 sets the 节能目标责任制 and
    # 节能考核评价制度 and the assessment of local governments by them (a regulation restating it: hebei-dev-0390)
    r"节能目标责任制|节能(目标)?考核评价制度|"
    # session 20 (review-real20, real_blind12 read): the State Council's three enforcement systems (行政执法公示, 执法全过程
    # 记录, 重大执法决定法制审核) put into the 法治政府建设 assessment — that guidance's own requirement, restated by the
    # provincial rules that set the systems up (the fifth and seventh labellers: hebei-dev-0413, hebei-dev-0414)
    r"(行政执法公示|执法全过程记录|重大(行政)?执法决定法制审核)制度[^。；]{0,12}纳入法治政府建设[^。；]{0,16}考(评|核)|"
    # session 16 (review-read16, blind13 read): the central 食品安全“两个责任” regime in its own words — the 包保干部's
    # supervision of the firms they cover (包保干部每月对包保主体至少督导一次) — a restatement of a central requirement; photos,
    # rates and rankings added on it stay findings, and so does a county body's checks of the townships' records under it
    # (对各乡镇包保干部的督导记录…抽查，结果在全县通报: blind6 B6023)
    r"包保干部[^。；]{0,16}对[^。；，]{0,6}包保(主体|企业|单位)[^。；，]{0,12}(督导|检查|督查)|"
    r"向[^。；]{0,10}(人大|人民代表大会|村民会议|村民代表会议|职工代表大会|居民会议)[^。；]{0,8}报告|"
    # session 31 (review-read31, blind28 read): the audited unit's or the inspected party organisation's one report on its
    # rectification, as the 审计法 (被审计单位…将整改情况报告审计机关) and the 巡视工作条例 (被巡视党组织…报送整改情况报告) set
    # it — not with a rhythm, photos, a ledger, progress or a ranking put on it
    r"被(审计|巡察|巡视)(单位|党组织)(?![^。；]*(每(日|天|周|旬|半月|月|季)|照片|图片|台账|进度|排名|销号))[^。；]{0,50}"
    r"整改情况(书面)?(报告|报送)|"
    # session 11 (blind8 read): a people's congress examining and approving the budget and reports (地方组织法): its
    # sessions and the reports laid before it are the statutory order of the state, not meetings or reports demanded
    r"(人民代表大会|人代会)(主席团)?[^。；]{0,40}(审查|审议)(和|并)?(批准)?[^。；]{0,20}(预算|决算|报告)|"
    # legal liability clauses of laws and regulations: sanctions on offenders, not demands on the grassroots
    # (session 28, review-read28, blind25 read: not 责令 by a village committee or its cadres — 由村委会责令养殖场限期整改 —
    # who hold no such power: that is the regulator's enforcement handed down, BR-DUTY-01)
    r"(?<!村委会)(?<!居委会)(?<!村干部)(?<!社区干部)责令其?(改正|限期|整改)|行政处分|处分|罚款|违反本(办法|规定|条例|细则)|有下列(行为|情形)之一|(依法|依规|联合)惩戒|"
    # a sanction provided by a named article of a regulation (《…规则》第五条规定的通报批评)
    r"《[^》]{1,40}》第[^。；，]{1,6}条(第[^。；，]{1,4}款)?规定的|"
    # the promulgation formula of laws and government rules
    r"(主席令|国务院令|人民政府令)|常务委员会第[^。；]{1,8}次会议(通过|审议))")
# Laws and regulations themselves (中华人民共和国…法, …条例): their duties are statutory regimes.
STATUTORY_TITLE = re.compile(r"(^中华人民共和国|((?<![办做])法|条例)(（[^）]*）)?$|(修改|废止|修订)[^。]{0,6}《[^》]{1,40}"
                             r"((?<![办做])法|条例)》|人民代表大会常务委员会关于|实施《中华人民共和国)")


# Provinces (各省（区、市）) are upper levels: their 市 is not a city's.
_PROVINCES = re.compile(r"各?省(（区、市）|\(区、市\)|、自治区、直辖市|（自治区、直辖市）|级)")


# A segment opened by a preposition of manner or basis (按…, 根据…, 以…) names how, not who.
_MANNER = re.compile(r"^(同时|并|另外|此外)?(按|依|据|根据|依据|依照|按照|以|通过|结合|围绕|对照|参照|基于)")


# Session 32 (review-read32, blind29 read): a subject placed by where it works (在森林防火区内从事经营活动的…经营者应当…) — 在
# opens a relative clause whose head, after its last 的, is the doer, not a phrase of place before the predicate
_PLACED_DOER = re.compile(r"^在[^，,。；;的]{1,16}(内|中|里|区域|范围|辖区)[^，,。；;]{0,12}的(?P<doer>[^，,。；;的]{1,16}?)"
                          r"(?=要|应当|应|须|必须|务必|需)")


def _subject(segment: str) -> str:
    head = _CLAUSE_BREAK.split(segment, maxsplit=1)[0][:30]
    head = _PROVINCES.sub("省", head)
    m = _SUBJECT_END.search(head)
    subject = head[: m.start()] if m else ""
    placed = _PLACED_DOER.match(head) if m and m.start() == 0 else None
    if placed:
        subject = placed.group("doer")
    if not m and _TOPIC_THEN_MODAL.match(segment[len(head):]):
        subject = head  # session 9 (blind6 read): a topic set off by a comma (申请…补贴的人员，须提交…) is the doer
    if _MANNER.match(subject):
        return ""  # 按学生考试成绩对学校排名: a phrase of manner, not the doer
    if subject and (GRASSROOTS.search(subject) or NON_GRASSROOTS.search(subject) or _AGENCY.search(subject)):
        return subject
    return ""


def requirement_subject(sentence: str, pos: int) -> tuple[int, str]:
    """The requirement carrying the character at `pos`: the nearest comma segment at or before it that opens
    with a subject of its own — (its start, the subject); (0, "") when the sentence names none."""
    seg_starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)]
    for seg in reversed(seg_starts):
        subject = _subject(sentence[seg:])
        if subject:
            return seg, subject
    return 0, ""


# Bearer = who does the work, not what the work is about (issue 10, third round). A government body's name may
# mention enterprises (省企业上市工作领导小组办公室); enterprises right after a verb of the body's own work
# (监测、调度、通报、检查 … 重点企业) are its object, not its doer.
_GOVERNMENT_HEAD = re.compile(r"(办公室|领导小组|小组|委员会|厅|局|政府|部门|机关|工作组)")
# A government body's rhythm of dispatch and monitoring, or its circulation of progress: the body does the work,
# whatever the topic (a sanction on an enterprise, 对项目承担者通报批评, stays the enterprise's).
_GOVERNMENT_ACT = re.compile(r"(调度|监测|(日|周|旬|月|季|季度|定期)通报|通报[^。；，]{0,8}(进展|进度|情况|制度))")
_TOPIC_VERB = re.compile(r"(监测|调度|通报|分析|督导|督查|检查|走访|帮扶|服务|统计|汇总|跟踪|摸排|排查|监管|指导|考核|评估|"
                         r"对|重点|全省|全市|各类|规上|规模以上|入库)[^。；，]{0,6}$")


_WITH_UNITS = re.compile(r"(单位|集体|部门|地方)(和|或|及|、|或者)$")
_COORDINATION = re.compile(r"(和|及|与|、|或|以及|并)")
# the heads read so: firms and their branches (a unit's staff, 干部职工, stay the unit's)
_FIRM = re.compile(r"(企业|(城投|交投|产投|国投|建投|水投|农投|文旅|国有资本|国资)[^。；，、]{0,4}集团|国有企业|国企|平台公司|公司|支行|分行|银行|金融机构|商户|个体工商户|经营者|经营单位|施工单位|承包单位)")


def _head_is_doer(subject: str) -> bool:
    """Session 10 (blind7 read): a noun phrase's head is its last noun — 入驻产业园区的企业 are enterprises, 各商业银行县级支行
    are banks, whatever place they are in; a subject that joins several doers (乡镇和企业) is not read this way, nor a
    unit's staff (全县干部职工)."""
    subject = _LIST_ITEM.sub("", subject)  # 一、入驻…的企业: the item's number is no coordination
    if _COORDINATION.search(subject):
        return False
    non = [m.end() for m in _FIRM.finditer(subject)]
    grass = [m.end() for m in GRASSROOTS.finditer(subject)]
    return bool(non) and (not grass or max(non) > max(grass))


# Session 26 (review-read23, blind23 read): a party who signs a record (当事人签字的回访记录, 本人签名的登记表) names what the
# record carries, not who must make it: the record's maker bears the demand.
_SIGNS_RECORD = re.compile(r"(本人)?(签字|签名|签章|按手印|捺印)(确认)?的")


def _doers(sentence: str, start: int, end: int) -> bool:
    """Enterprises, applicants or individuals named in sentence[start:end] as possible doers (not only as the
    object of a government body's monitoring, circulation or inspection)."""
    for m in NON_GRASSROOTS.finditer(sentence, start, end):
        if _WITH_UNITS.search(sentence[max(start, m.start() - 4):m.start()]):
            continue  # 单位和个人: units bear it as well as individuals
        if _SIGNS_RECORD.match(sentence, m.end()):
            continue  # 当事人签字的回访记录: the signer of a record, not its maker
        if sentence[max(start, m.start() - 1):m.start()] in ("按", "分", "逐"):
            continue  # 积分按个人公布 (session 36, review-read36, blind33 read): a breakdown by person, not a doer
        if not _TOPIC_VERB.search(sentence[max(start, m.start() - 12):m.start()]):
            return True
    return False


# Session 19 (review-read19, blind16 read): an assessment whose own words name the grassroots unit assessed (比对结果纳入乡镇
# 考核; 纳入对各村的年度考核) falls on that unit — the subject found at an earlier modal (未参保人员须注明原因…) is the doer of
# another demand in the sentence, not the one assessed.
_ASSESSED_IN_HIT = re.compile(r"(纳入|列入|计入)[^，,。；;]{0,6}(乡镇|乡（镇）|街道|各村|村级|村（社区）|行政村|社区)[^，,。；;]{0,8}"
                              r"(考核|考评)")


# Session 36 (review-left36): people named only as whose data it is (学生信息, 学生体检数据, 参保人员档案) are the data, not
# its bearer — the unit made to enter or send it (各学校…) bears the work. The words are blanked, keeping the
# sentence's length, before the bearer is read; people who enter their own data (学生本人…填报) stay named. Not a list of
# people (未注册家长名单由班主任…督促: dev5 D5105 — the list names whom the work is about, and was read so before).
_PERSONS_AS_DATA = re.compile(r"(学生|家长|监护人|考生|参保人员?|退休人员|持卡人|职工)(的)?"
                              r"((?!须|要|应|需|将|在|由|向|本人|自行|填|报|录|上传|提交|签)[\u4e00-\u9fff]){0,6}?"
                              r"(信息|数据|档案|底数)")


def _persons_as_data_blanked(sentence: str) -> str:
    return _PERSONS_AS_DATA.sub(lambda m: "\u3000" * len(m.group(1)) + m.group(0)[len(m.group(1)):], sentence)


def bearer(sentence: str, start: int, end: int, title: str = "") -> str | None:
    """Reason when the requirement carrying the hit falls on enterprises, applicants or individuals only.

    The subject of the requirement decides (the words before its first modal or verb, found at the hit's verb,
    i.e. its end); a government subject acting on enterprises (对/与/向 企业…) counts as an enterprise
    requirement unless the sentence names a grassroots unit; a sentence without any subject falls back on its
    own words and then on the document title."""
    reason = "要求针对企业、申请人或个人等，并非基层单位"
    sentence = _persons_as_data_blanked(sentence)
    if _ASSESSED_IN_HIT.search(sentence, start, end):
        return None  # the hit names the grassroots unit assessed (纳入乡镇考核): it bears it, whoever acts before
    if _CLAUSE_BREAK.search(sentence, start, end):
        # a hit across commas (承担单位须…提交…报告，经归口管理部门审核后报送省科技厅): the doer of its first part,
        # where the demand is made, bears it — not the upper body named in its last part (session 6)
        # — unless the part holding the hit's verb names a grassroots unit as its own doer (项目承担单位须按月填报，
        # 各乡镇每月汇总报送…: the townships bear the monthly report)
        _, first = requirement_subject(sentence, start)
        _, last = requirement_subject(sentence, max(start, end - 1))
        if first and NON_GRASSROOTS.search(first) and not GRASSROOTS.search(first) \
                and not _GOVERNMENT_HEAD.search(first) and not (last and GRASSROOTS.search(last)):
            return reason
    req_start, subject = requirement_subject(sentence, max(start, end - 1))
    non = NON_GRASSROOTS.search(subject) if subject else None
    if non and _GOVERNMENT_HEAD.search(subject, non.end()):
        subject = "机关"  # 省企业上市工作领导小组办公室: a government body whose name mentions enterprises
    if not (subject and NON_GRASSROOTS.search(subject)) and _GOVERNMENT_ACT.search(sentence[start:end]):
        return None  # a rhythm of dispatch, monitoring or circulation of progress: a government body's work
    if subject:
        if NON_GRASSROOTS.search(subject) and (not GRASSROOTS.search(subject) or _head_is_doer(subject)):
            # 申请人须提供村委会出具的证明: the applicant acts, but a village committee bears the work
            _, seg_end = segment_bounds(sentence, start, end)
            return None if _GRASSROOTS_WORK.search(sentence[req_start:seg_end]) else reason
        if GRASSROOTS.search(subject):
            return None
        # a government body acting on enterprises or individuals named in the same segment — unless the enterprises
        # are only the topic of the body's own work (监测重点企业, 通报企业上市进展, 对企业开展检查)
        seg_start, seg_end = segment_bounds(sentence, start, end)
        if _doers(sentence, seg_start, seg_end) and not GRASSROOTS.search(sentence):
            return reason
        return None
    if GRASSROOTS.search(_PROVINCES.sub("省", sentence)):
        return None
    if _doers(sentence, 0, len(sentence)):
        return reason
    if title and NON_GRASSROOTS.search(title) and not GRASSROOTS.search(title):
        return reason
    return None


# Session 36 (review-left36): who sends a work photo decides whether it is a grassroots burden (fixcr35b read it from a list of
# sentence openings). The doer of the hit's requirement — its subject (requirement_subject), or the one a 由 names as doing
# the work (由县水利局技术人员每周巡查…，照片发至…) — that is a county, district or city body's own staff (县林业局巡护队员,
# 县交通运输局路政员, 本局工作人员, 执法人员 of no township) sends the body its own work: the organ's internal business, wherever
# the sentence opens. Not when the body has others do it (县农业农村局要求各村干部…) or a township, village or school is the doer.
_STAFF_BODY = r"((县|区|市(?!场))[^，,。；、各和及与]{1,12}(局|委|办|中心|大队|支队|中队|站)|本局|本单位|本部门|局机关|本机关)"
_STAFF_NOUN = r"(人员|干部|干警|职工|队员|路政员|稽查员|执法员|监管员)"
_OWN_STAFF = re.compile(rf"{_STAFF_BODY}((?!要求|督促|指导|组织|安排|通知|动员|各|村|镇|乡|社区|街道|学校)[^，,。；]){{0,4}}{_STAFF_NOUN}|"
                        r"^(执法人员|执法队员|本局|本单位|本部门|局机关)")
_DONE_BY = re.compile(r"由(?P<doer>[^，,。；]{2,24}?)(负责|每|在|于|开展|进行|实施|巡查|巡护|检查|核查|拍照|拍摄|将)")
_NOT_OWN_STAFF = re.compile(r"(乡镇|乡（镇）|街道|各村|村级|村（|村委|村干部|社区|网格|学校|各乡|各镇|(?<![县市区])镇|护林员|巡护员|信息员|监测员)")


def _own_staff(doer: str) -> bool:
    doer = _LIST_ITEM.sub("", doer).strip()
    return bool(doer) and bool(_OWN_STAFF.search(doer)) and not _NOT_OWN_STAFF.search(doer) \
        and not _MOBILISES_LOWER.search(doer)


def own_staff_photos(sentence: str, start: int, end: int) -> str | None:
    """Reason when the photos of the hit are sent by the issuing level's own body's staff (see above)."""
    _, subject = requirement_subject(sentence, max(start, end - 1))
    if _own_staff(subject):
        return "发文机关（或同级机关）本单位工作人员上传工作照片，属机关内部工作"
    if not subject:
        done_by = [m for m in _DONE_BY.finditer(sentence, 0, end)]
        if done_by and _own_staff(done_by[-1].group("doer")):
            return "发文机关（或同级机关）本单位工作人员上传工作照片，属机关内部工作"
    return None


# Funds sent down by the upper levels are support, not a levy on the grassroots.
_UPPER_FUNDS = re.compile(r"(由(中央|省级?|中央和省级?|省和中央)(财政|级)[^。；]{0,24}(分担|承担|负担|安排|补助|列支)|"
                          # session 5: costs shared by the province with counties (省与…县按6∶4分担)
                          r"(中央|省级?)(财政)?与[^。；]{0,16}(县|市)[^。；]{0,6}按[^。；]{0,8}(分担|承担)|"
                          # session 7: 由省与有关设区的市共同承担 — the province pays its share
                          r"由(中央|省级?)(财政)?与[^。；，]{0,16}(县|市)[^。；，]{0,4}共同(分担|承担|负担))")


def support_from_above(sentence: str) -> str | None:
    if _UPPER_FUNDS.search(sentence):
        return "上级财政承担或支持下沉，并非基层负担"
    return None


def retrospective(sentence: str, title: str = "") -> str | None:
    """Past work described (annual reports, summaries, interpretations of what was done): it imposes nothing."""
    if _LIVE_DEMAND.search(sentence):
        return None
    if RETRO_TITLE.search(title) or _RETRO_CUE.search(sentence) or _REPORTED.search(sentence) \
            or _RESULTS_ANNOUNCED.search(sentence):   # Session 21 (review-real21, real_blind13 read)
        return "回顾性描述（年度报告、工作总结、新闻报道等），并未提出要求"
    return None


# Session 21 (review-real21, real_blind13 read): results announced — a selection already made, named by what it chose and
# with its list of winners attached (评选出优秀组织奖9名（获奖名单详见附件）; 共评出先进单位12个，名单附后). It reports an
# appraisal that is over (review-labelling.md: "retrospective description … it describes, it imposes nothing"); a
# selection still to be held has no list of its winners yet, and a sentence with a demand word (要, 将组织, 请) stays
# judged as a demand (`_LIVE_DEMAND` above).
_RESULTS_ANNOUNCED = re.compile(r"(评选出|评出|评定出|遴选出|选出|确定)[^。；]{0,30}?(获奖|表彰|入选|获评)?(名单|名录)"
                                r"[^。；，,]{0,3}(详见|见|附后|附件)")


# Session 21 (review-real21, real_blind13 read): an amending instrument quotes the text it replaces or deletes (将“七、组织
# 实施”中的“……建立旬通报、月调度制度……”修改为“……”; 删去第五条中的“……”). The old words are quoted to be removed, not
# imposed (review-labelling.md: "a description of a problem being rectified"); the new words after 修改为 are the demand
# and stay judged as any other. Read on the whole clause, since the old text may run over several sentences of one item.
# An opener is 将/把 followed by the part amended (a quoted heading, 第X条, 《…》) and 中/中的, then the opening quote; or
# 删去/删除 with its opening quote. The quoted text runs to its matching closing quote (nested quotes counted) or, for
# an opener naming the part amended, to the end of the clause; with 将 the closing quote must be followed by the
# amending verb (将“三农”工作纳入考核 amends nothing).
_AMEND_PART = r"(“[^“”]{1,60}”|第[一二三四五六七八九十百零〇\d]+[条款项章节目]|《[^》]{1,60}》)"
_AMEND_OPEN = re.compile(rf"((?P<put>将|把)|(?P<cut>删去|删除))(?P<parts>({_AMEND_PART}(中的|中|的)?){{0,4}})“")
_AMEND_VERB = re.compile(r"^[^。]{0,40}?(修改为|改为|修改成|调整为|替换为|更改为|删去|删除)")


def _closing_quote(text: str, start: int) -> int:
    """The index of the ” that closes the quotation opened just before `start` (nested “…” counted), or -1."""
    return _quotes(text).closing(start)


class _Quotes:
    """Where each quotation of a clause closes, found by bisection instead of a walk to the end of the clause per
    opening quote (security23 F3: a 59,400-character clause of 3,300 hits walked it once per hit and opener)."""

    def __init__(self, text: str) -> None:
        import bisect

        self._bisect = bisect.bisect_left
        self._before: list[int] = [0] * (len(text) + 1)   # (opened − closed) quotes in text[:i]
        self._closes: dict[int, list[int]] = {}           # depth after a ” → the ”s leaving that depth, in order
        depth = 0
        for i, char in enumerate(text):
            if char == "“":
                depth += 1
            elif char == "”":
                depth -= 1
                self._closes.setdefault(depth, []).append(i)
            self._before[i + 1] = depth

    def closing(self, start: int) -> int:
        """The first ” at or after `start` where the depth falls below its depth at `start` (that is, the walk's
        depth 1 → 0), or -1."""
        closes = self._closes.get(self._before[start] - 1, [])
        at = self._bisect(closes, start)
        return closes[at] if at < len(closes) else -1


@lru_cache(maxsize=8)
def _quotes(text: str) -> _Quotes:
    return _Quotes(text)


class _Amendments:
    """A clause's amendment openers (`_AMEND_OPEN`, read over the whole clause once): for each, where its quoted old
    text starts and ends and whether the words inside are amended away; with the furthest end reached by the openers
    before each, so a hit asks one bisection."""

    def __init__(self, text: str) -> None:
        import bisect

        self._bisect = bisect.bisect_right
        self.matches = list(_AMEND_OPEN.finditer(text))
        self.quotes = [m.end() for m in self.matches]
        self.reach: list[int] = []   # the furthest `close` of an opener that amends, among the first k+1 openers
        furthest = -1
        for m in self.matches:
            inside, close = _amended_span(text, m)
            if inside:
                furthest = max(furthest, close)
            self.reach.append(furthest)

    def covers(self, text: str, start: int, end: int) -> bool:
        """As `any(...)` over `_AMEND_OPEN.finditer(text, 0, start)`: the openers wholly before `start` are the
        whole-clause ones (a failed match stays failed on a shorter text); only one opener can run across `start`,
        and the text before `start` is read again from where it begins."""
        count = self._bisect(self.quotes, start)    # openers ending at or before `start`
        if count and self.reach[count - 1] >= end:
            return True
        if count < len(self.matches) and self.matches[count].start() < start:
            for m in _AMEND_OPEN.finditer(text, self.matches[count].start(), start):
                inside, close = _amended_span(text, m)
                if inside and m.end() <= start and end <= close:
                    return True
        return False


def _amended_span(text: str, m: re.Match[str]) -> tuple[bool, int]:
    close = _closing_quote(text, m.end())
    if close < 0:
        # unclosed in the clause: old text only when the opener names the part amended (…中的“)
        return bool(m.group("cut") or (m.group("parts") and m.group("parts").endswith(("中的", "中")))), len(text)
    return bool(m.group("cut")) or bool(_AMEND_VERB.match(text[close + 1:close + 45])), close


@lru_cache(maxsize=8)
def _amendments(text: str) -> _Amendments:
    return _Amendments(text)


def amended_away(text: str, start: int, end: int) -> str | None:
    """The hit text[start:end] lies in the old words an amendment quotes to replace or delete."""
    if _amendments(text).covers(text, start, end):
        return "修改文件中引用的被修改、删除的原文，并非现行要求"
    return None


# One item of a list of sanctions ("（二）通报批评；", "3.警告；"): a liability article's enumeration.
_SANCTION_ITEM = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])?\s*(警告|通报批评|通报|记过|记大过|降级|撤职|"
                            r"罚款|诫勉谈话|批评教育|责令检查|取消[^。；，]{0,10}资格)[；;。，,、]?\s*$")


# What the document is (session 5): a legal instrument — a government rule (规章) or a regulation — is known by how
# it is made, not by its title's words: a promulgation formula (省人民政府令, 第N号令, 经省政府常务会议通过，现予公布)
# or, for an instrument published under its own name (not wrapped in 关于…的通知), an enacting clause that grounds it
# in laws or regulations (根据《…法》…，结合本省实际，制定本办法). Its records, reports, filings and drafting duties
# are the regulated regime's own (review-labelling.md: statutory regimes, enforcement records required by law); an
# assessment, ranking or appraisal of lower governments that the instrument itself adds stays a burden (both
# labellers read it so: "new indicators piled into lower-level assessment").
_PROMULGATION = re.compile(r"(人民政府令|省长[^。；，]{0,4}号令|第[〇零一二三四五六七八九十百\d]+号令|"
                           # a ministerial order (科学技术部令第21号): a departmental rule of the State Council's bodies
                           r"(部|委员会|总局)令第[〇零一二三四五六七八九十百\d]+号|"
                           r"常务会议(审议)?通过[，,]现予(公布|发布))")
_ENACTING = re.compile(r"(根据|依据|依照)[^。]{0,120}(法律|法规|条例》|(?<![办做])法》)[^。]{0,80}制定本(办法|规定|细则|条例)")
_CITATION = re.compile(r"[（(][^）)]{0,30}[）)]")  # （省人民政府令第5号） cited as a basis, not promulgated here
_COUNTY_OWN = re.compile(r"(本县|本区|本旗|本乡|本镇|全县|我县|县域内|本县（市、区）)")
_WRAPPED = re.compile(r"(关于|通知|印发|转发|意见|方案|解读)")
# a department (某省交通运输厅…办法, 某市教育局…办法) or a county or district (某县…办法, 北海市海城区…办法) as the issuer
# (a county, banner or district — not an autonomous region, a special economic zone or "北海市区域…")
_ISSUED_BELOW_RULE_MAKERS = re.compile(r"^(?:[^《省]{2,6}自治区)?[^《]{0,12}(厅|局|委员会|办公室)|^[^《省]{1,6}(?:县|旗|(?<!自治)(?<!特)区(?!域))")
_IMPLEMENTS = re.compile(r"(贯彻|落实|学习|宣传|执行|实施)[^。]{0,40}(通知|意见|方案)")  # 关于贯彻落实省人民政府令第216号的通知


def legal_instrument(title: str, text: str) -> bool:
    """The document is a law, regulation or government rule (by its promulgation or enacting clause)."""
    if _PROMULGATION.search(title) and not _IMPLEMENTS.search(title):
        return True
    if _WRAPPED.search(title):
        return False  # a notice that publishes, forwards or explains a measure is not the instrument itself
    head = text[:600]
    # the formula opens the instrument itself; in brackets or further down it names another rule it is based on
    if _PROMULGATION.search(_CITATION.sub("", head[:100])):
        return True
    # counties and townships make no regulations or government rules (Legislation Law), nor do a province's or a
    # city's departments: their own 办法 grounded in a law is a normative document whose new demands stay reviewable
    return bool(_ENACTING.search(head)) and not _COUNTY_OWN.search(head) and not _ISSUED_BELOW_RULE_MAKERS.search(title)


# The safety regimes named by their own assessment or responsibility letter (纳入安全生产考核, 森林防火目标责任书): the regime,
# not a law the sentence cites.
_SAFETY_REGIME = re.compile(r"^(安全生产|消防安全|消防工作|森林防火|包保干部)")  # (包保干部: session 16)


# Session 33 (review-read33, blind30 read): an appraisal's or creation's result counted in an assessment (评比结果纳入乡镇安全
# 生产目标考核加分项) — the issuer's appraisal pushed through the assessment, not the regime's own assessment (matcher)
_APPRAISAL_COUNTED = re.compile(r"(评比|评选|评定|竞赛|创建)(结果|名次|等次)[^。；，]{0,4}(纳入|计入|列入|作为)[^。；，]{0,16}(考核|考评)")


def appraisal_counted(sentence: str) -> bool:
    return bool(_APPRAISAL_COUNTED.search(sentence))


# Session 33 (review-read33, blind30 read): the localities themselves circulated (对所在乡镇进行通报, 对相关村予以通报)
_LOCALITIES_CIRCULATED = re.compile(r"对(所在|所属|相关|有关|该|各)?(乡镇|乡（镇）|街道|村|社区|村（社区）)[^。；，]{0,4}(进行|予以|给予)?通报(?!表扬|表彰)")


def localities_circulated(sentence: str) -> bool:
    return bool(_LOCALITIES_CIRCULATED.search(sentence))


def statutory(sentence: str, title: str = "", *, added: bool = False) -> str | None:
    """A duty grounded in a law or regulation (enforcement, safety responsibility, accident reporting).

    `added`: the hit is evidence of work the issuer adds (added_evidence): a safety regime's assessment named beside it
    (作为安全生产考核的佐证材料) does not make that evidence statutory (session 14, review-dev14: the session-13 decision
    reads the exemption so; the regime's own words are matched here, before the exemption)."""
    if title and STATUTORY_TITLE.search(title.strip()):
        return "法律、行政法规本身规定的法定制度"
    if _SANCTION_ITEM.match(sentence):
        return "法律责任条款列举的处分或处罚"
    for m in STATUTORY.finditer(sentence):
        if added and _SAFETY_REGIME.match(m.group(1)):
            continue
        return f"法定制度或法律法规规定的职责（“{m.group(1)}”）"
    return None


_INTERNAL_REPORT = re.compile(r"(向(本?(厅|局|部|委|办|院|单位))(党组|党委|领导班子|主要领导|机关)|"
                              r"报(送)?(本)?(单位|部门)(主要)?(负责同志|负责人|领导)|"
                              # session 9 (blind6 read): an office's account to its own standing committee or executive
                              # meeting (县委督查室…向县委常委会报告) is the leadership's agenda, not a report demanded below
                              r"(?<![乡镇村])向(县委|县政府|区委|区政府|市委|市政府)?(常委会|常务会议|常务会)(报告|汇报)|"
                              # session 35 (review-read35, blind32 read): the same said from the meeting's side (县政府常务会议每半年
                              # 听取一次…情况汇报，汇报材料由县民政局负责准备) — not when the townships or villages are the ones heard
                              r"(?<![乡镇村])(常委会|常务会议|常务会)[^。；，]{0,8}听取(一次|一轮)?(?!各?(乡镇|街道|社区|基层|村(?!级)))"
                              r"[^。；，]{0,30}(汇报|报告)|"
                              # session 31 (review-read31, blind28 read): a commission's stationed discipline groups reporting
                              # to the commission that sent them (各派驻纪检监察组每季度向县纪委监委报告) — its own units
                              r"^[^，,。；]{0,12}(派驻|派出)(纪检监察组|纪检组|监察组|纪检监察机构)[^，,。；]{0,12}向[^，,。；]{0,4}"
                              r"(纪委监委|纪委|监委)[^，,。；]{0,8}(报告|汇报|报送))")


# Session 11 (the kind "who bears it": a county body's own account to the county's leadership — 县统计局每季度向县政府报告,
# 县减负办每季度向县委汇报): one named county body, not 各部门 or 县直各单位, reporting to 县委/县政府 is the county's own
# work, not a report demanded of the grassroots.
# session 15 (review-dev15, dev6 read): a 市辖区 is county-level (its 区政府督查室, 区统计局), and a city body reads its
# own level as a county body does (session 14's city issuers): 区 and 市 as 县
_COUNTY_BODY = re.compile(r"^(县|区|市(?!场))(委|政府|人民政府)?[^，,。；、各和及与]{1,12}(局|办|办公室|室|中心|委员会|委|领导小组)$")
_TO_COUNTY_LEADERS = re.compile(r"向(县委|县政府|县人民政府|区委|区政府|区人民政府|市委|市政府|市人民政府)(常委会|常务会议|主要领导|领导)?[^，,。；]{0,4}(报告|汇报|报送|述职)")
# a county body that has the villages or townships report ("组织各村每季度向县政府汇报") puts the report on them
# (session 15: 各街道 and 社区 too, the urban grassroots)
_MOBILISES_LOWER = re.compile(r"(组织|要求|督促|指导|安排|动员|通知)[^。；]{0,6}(各村|各乡镇|各社区|各街道|村（社区）|村级|乡镇|街道|社区|村委)")


# Session 14 (review-read14, blind11 read): a report or account sent by the issuing level's own departments alone (市直各有关部门
# 每月…报市政府办公室; 请县直各部门于12月15日前将本部门年度工作总结报县委办公室) is the level organising its own work, as a
# provincial body's divisions are (review-labelling.md: arrangements internal to a body); three outside writers read it so
# (blind10 B10107, dev4 D4103, blind11 B11088) and no labelled clause reads it otherwise. Only reports (BR-DOC-02,
# BR-INS-08, matcher._OWN_LEVEL_RULES): levies, quotas and plans demanded of 县直各部门 stay judged as before (dev D005,
# D062, E016, B4036); not when a lower unit is named beside them (各乡镇、县直各单位每月…).
_OWN_LEVEL_DEPARTMENTS = re.compile(r"^\s*(请|由)?(县直|区直|市直|省直)(各)?(有关|相关|成员)?(部门|单位|机关)[^，,。；、和及与]{0,4}"
                                    r"(要|须|应|于|每|在|将|按)")
_LOWER_UNITS = re.compile(r"(乡镇|乡（镇）|街道|村|社区|网格|学校|中小学|幼儿园|卫生院|县（市、区）|县\(市、区\)|各县|县区|县市区|"
                          r"各区|基层|站所)")


# Session 33 (review-read33, blind30 read): a county technical institution — disease control, monitoring, hydrology, weather —
# as the sentence's doer reporting its own monitoring to its county department (疾控机构…每半月开展一次布雷图指数监测，监测结果报
# 县卫健局): the surveillance it exists for, inside the county's own organs (blind30's call 12: internal), wherever its points
# stand; a township hospital or a village doing the same (各乡镇卫生院…监测结果报县卫健局) is a lower unit and stays as before
_OWN_INSTITUTION = re.compile(r"^\s*(县|区)?(级)?(疾控机构|疾控中心|疾病预防控制中心|动物疫病预防控制中心|环境监测站|监测站|水文站|气象台)"
                              r"(?![^。；]*(督促|指导|组织|要求|安排)[^。；，]{0,6}(乡镇|村|社区|街道|学校|卫生院))"
                              r"[^。；]*监测(结果|数据|情况)[^。；，]{0,4}(报送|上报|报)(县|区)[^。；，]{0,8}(局|委)")


def own_level_report(sentence: str) -> str | None:
    if _OWN_LEVEL_DEPARTMENTS.match(_LIST_ITEM.sub("", sentence)) and not _LOWER_UNITS.search(sentence):
        return "发文机关同级部门向本级报送，属本级内部工作安排"
    if _OWN_INSTITUTION.match(_LIST_ITEM.sub("", sentence)):
        return "县级专业机构向主管部门报送本机构监测结果，属本级内部工作"
    return None


# Session 15 (review-dev15, dev6 read; issue 10's "generic supervision phrases"): the upper body will hear how the work
# goes when it sees fit (区政府将适时听取工作落实情况汇报, 视情听取进展汇报) — no rhythm, no material, no date asked of anyone;
# a hearing on a rhythm (每季度听取…汇报) or with papers to prepare stays a demand, and a principal made to report in
# person is BR-INS-09's, not read here
_DISCRETIONARY_HEARING = re.compile(r"(适时|视情|视情况|不定期|必要时)听取[^。；，]{0,20}(汇报|报告)")


def discretionary_hearing(sentence: str, start: int, end: int) -> str | None:
    for m in _DISCRETIONARY_HEARING.finditer(sentence):
        if m.start() <= end and start <= m.end() and not _HEARING_WEIGHT.search(sentence):
            return "上级适时听取汇报的一般性表述（无频次、材料要求）"
    return None


_HEARING_WEIGHT = re.compile(r"(每(年|半年|季|季度|月|周|旬)|材料|资料|台账|书面|提前|准备)")


_PROVINCIAL_DEPARTMENTS = re.compile(r"^\s*([（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?(各)?(地方)?(省级|各省（区、市）|各省、自治区、直辖市)")
_LOWER_LEVELS_MOVED = re.compile(r"(组织|要求|督促|指导|安排|动员|通知)[^。；]{0,6}(各地|各市|各县|市县|市、县|县级|县（市|"
                                 r"设区的市|各村|各乡镇|乡镇|街道|社区|村级|基层)")


_PROVINCIAL_DEPARTMENT_HEAD = re.compile(r"^\s*([（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?省(?!内|级以下|市|县)"
                                        r"[^，,。；、和及与]{1,10}(厅|局|委员会|委)(?![^，,。；]{0,2}(和|及|与|、|会同))")


# Session 36 (review-left36; DATA_CARD.md "Adjudication (session 36)"): one body of the issuing level named alone as the doer
# (县委组织部, 县农业农村局 — not 各县（市、区）委组织部, the counties a city's notice addresses) reporting its own work to a body
# of the level above (…形成专题报告，报市委组织部; 向省农业农村厅报送): in a county's or city's document the grassroots are the
# units below the issuer (DATA_CARD.md conventions), so the issuer's own organ answering its counterpart above bears no
# burden this clause puts on them. Still read when the report's material is gathered from the units below in the sentence
# (汇总各乡镇…; 各乡镇于…前报县委组织部汇总后…; 组织各村…): they bear it then.
_ONE_BODY = re.compile(r"^(?P<level>县|区|市(?!场))(委|政府|人民政府)?[^，,。；、各和及与]{0,12}"
                       r"(局|办|办公室|室|中心|委员会|委|部|领导小组|指挥部)$")
_UPPER_OF = {"县": "(?:市(?!场)|省)", "区": "(?:市(?!场)|省)", "市": "省"}
_REPORT_UP = r"((?<![汇申])报(送|告|至)?|上报|呈报|报告|汇报)(给|至|到)?{upper}(?!内|级以下)[^。；，]{{0,12}}(局|厅|委|办|部|政府|中心|小组)"
_REPORT_TO = r"向{upper}(?!内|级以下)[^。；，]{{0,12}}(局|厅|委|办|部|政府|中心|小组)[^。；，]{{0,8}}(报送|报告|汇报|上报|呈报)"
_BELOW = r"(各|全县|全区|全市|辖区|所属|有关|相关)?(乡镇|乡（镇）|街道|村|社区|学校|中小学|卫生院|基层|网格)"
_GATHERED_BELOW = re.compile(rf"(汇总|收集|统计|征集|采集|调度|摸排|组织|要求|督促|指导|安排|通知|会同|由){_BELOW}|"
                             rf"{_BELOW}[^。；，的]{{0,12}}?(报送|上报|填报|提交|提供|报(?=县|区|市|乡|镇))")


def own_work_upward(sentence: str, req_start: int, subject: str) -> bool:
    m = _ONE_BODY.match(_LIST_ITEM.sub("", subject).strip())
    if not m or GRASSROOTS.search(subject[1:]) or _GATHERED_BELOW.search(sentence):
        return False
    upper = _UPPER_OF[m.group("level")]
    rest = sentence[req_start:]
    return bool(re.search(_REPORT_UP.format(upper=upper), rest) or re.search(_REPORT_TO.format(upper=upper), rest))


def upper_body(sentence: str, start: int) -> str | None:
    """The requirement's subject is the issuing body or another upper-level body organising its own work."""
    if _INTERNAL_REPORT.search(sentence):
        return "发文机关内部的工作汇报"
    req_start, subject = requirement_subject(sentence, start)
    # (the level's own letter, 市 of 市城管局, names the body, not a locality below it)
    if subject and _COUNTY_BODY.match(_LIST_ITEM.sub("", subject)) and not GRASSROOTS.search(subject[1:]) \
            and _TO_COUNTY_LEADERS.search(sentence, req_start) and not _MOBILISES_LOWER.search(sentence, req_start):
        return "县级机关向县委、县政府报告自身工作"
    if subject and own_work_upward(sentence, req_start, subject):
        return "发文机关同级机关向上级对口部门报告自身工作"
    if subject and UPPER_BODY.search(subject) and not GRASSROOTS.search(subject):
        return "发文机关或上级机关自身的工作安排"
    # session 19 (review-read19, real_blind11 read): a central text's demand on the provinces' own departments (地方省级财政部门、
    # 科技部门…报送财政部) — 地方 there names the provincial level, not a locality below it: an upper level's work, as
    # 各省（区、市）…报送部里 below
    # (the subject may stand alone before a comma, 地方省级财政部门、科技部门，负责…: the sentence's head is read then)
    head = subject or re.split(r"[，,]", sentence, maxsplit=1)[0]
    # — not when it has lower levels do the work (督促各县…报送)
    if _PROVINCIAL_DEPARTMENTS.match(head) and not GRASSROOTS.search(_PROVINCIAL_DEPARTMENTS.sub("", head)) \
            and not _LOWER_LEVELS_MOVED.search(sentence):
        return "发文机关或上级机关自身的工作安排"
    # session 20 (review-real20, real_blind12 read): a sentence opened by one named provincial department doing its own
    # work (省财政厅审核…，配合省科技厅制定…实施方案) — its verb need not be a modal for the department to be the doer;
    # not when it has lower levels act or names them
    if not subject and _PROVINCIAL_DEPARTMENT_HEAD.match(sentence) and not GRASSROOTS.search(sentence) \
            and not _LOWER_LEVELS_MOVED.search(sentence):
        return "发文机关或上级机关自身的工作安排"
    if _OWN_DUTIES.search(sentence[:start]):
        return "发文机关或上级机关自身的工作安排"
    # a sentence whose only actors are provinces (各省（区、市）……报送部里): an upper level's work
    if not subject and _PROVINCES.search(sentence) and not GRASSROOTS.search(_PROVINCES.sub("省", sentence)):
        return "发文机关或上级机关自身的工作安排"
    return None


# A central body's document is judged by the same rules as any other (session 7): review-labelling.md exempts
# "statutory or centrally mandated regimes" — standing systems (statistics, safety responsibility, accident and
# emergency reporting, enforcement records) — and "a restatement of a central requirement"; a central text's own new
# demand on 各地 (report how this notice was carried out, draft a plan and file it) is neither a regime nor a
# restatement (the first and fourth labellers label it so; session 6 exempted every central document). A provincial
# notice that forwards a central text (转发《国务院关于…》) restates it: its clauses are not new burdens, except those
# that name the province's own bodies or the province (the cover note's own demands).
_FORWARDED_CENTRAL = re.compile(r"转发[《“]?(中共)?(中华人民共和国|中央|国务院|国家(?!级)|[^省市县，。《》“]{1,16}(部|总局|党组))")
_PROVINCE_OWN = re.compile(r"(省|全省|我省|本省)")


def forwarded_central(title: str, sentence: str) -> str | None:
    """A provincial notice forwarding a central text: the forwarded text restates a central requirement."""
    if _FORWARDED_CENTRAL.search(title) and not _PROVINCE_OWN.search(sentence):
        return "转发的中央文件要求（重申上级要求），并非本级新增负担"
    return None


# A general inspection (开展督导检查, 定期督查) with no stated frequency, materials or ranking is a generic supervision
# phrase (review-labelling.md: "省级将适时督查"; 定期 names no frequency); a specific inspection (专项督查, 明察暗访,
# 回头看) or one with a rhythm, materials, a ranking or a circulation stays a finding (session 7: all four labellers
# label the generic kind 0).
_SPECIFIC_INSPECTION = re.compile(r"(专项|暗访|明察|回头看)")
# session 9 (dev2): a round every half month or fortnight, or rounds at named points of the year, are a rhythm too
_INSPECTION_WEIGHT = re.compile(r"(每(年|半年|季|季度|月|周|旬|学期|半月|两周)|一轮|[二两三四五\d]个(时间节点|时段|阶段)|[一二两三四五六\d]+次|(月|季|年)度|半年|材料|资料|台账|佐证|"
                                r"报告|报送|上报|排名|排序|通报|约谈|打分|评分|自查)")


def generic_supervision(sentence: str, matched: str) -> str | None:
    if discipline_checks(sentence):  # session 21 (review-read21, blind18 read)
        return "纪检监察机关自身的监督检查（无频次、材料或排名要求）"
    if _SPECIFIC_INSPECTION.search(matched) or _INSPECTION_WEIGHT.search(sentence):
        return None
    return "一般性督导检查表述（无频次、材料或排名要求）"


# A province's division-of-work plan (任务分工方案, 重点任务分工表) assigns the tasks to the province's own departments
# (责任单位：省…): review-labelling.md, "arrangements internal to a provincial body" (session 7: the first and fourth
# labellers label such lines 0). A county's separate 分工方案 to its townships stays BR-DOC-07.
_PROVINCIAL_ISSUER = re.compile(r"^(中共)?[^，。、《]{0,8}省(?!市|县)")


def provincial_division(title: str) -> str | None:
    if _PROVINCIAL_ISSUER.search(title.strip()):
        return "省级机关内部的任务分工"
    return None


# Standing upkeep of one national system (全国……管理信息系统, 国家……平台): review-labelling.md, not a finding.
_NATIONAL_SYSTEM = re.compile(r"(国家|全国)[^。；，、]{0,12}(信息)?(系统|平台)")


def national_system(sentence: str) -> str | None:
    if _NATIONAL_SYSTEM.search(sentence):
        return "国家统一系统的日常维护，并非新增基层负担"
    return None


# Arrangements internal to the issuing body: its divisions and its own system (厅系统, 各处室), with no
# grassroots unit in the sentence (review-labelling.md: a department ranking its own subordinate units).
# Session 8 (blind5 read): a county department's or office's own units too — its sections (各科室, 机关科室), the
# institutions it runs (局属事业单位, 委属单位) and its in-house circulation (在局内公开, 办内通报).
_OWN_DIVISIONS = re.compile(r"(各处室|处室单位|厅机关|局机关|厅系统|局系统|厅属单位|机关各处室|机关处室|本厅|我厅各|"
                            r"各科室|机关科室|内设科室|(局|委|办)属(事业)?单位|(局|委|办)内(公开|通报|公布)|"
                            # session 15 (review-read15, blind12 read): a provincial department's own (厅属事业单位,
                            # 厅内通报), as a county bureau's (局属单位, 局内通报)
                            r"厅属(事业)?单位|厅(机关)?内(公开|通报|公布)|"
                            # session 9 (blind6 read): its party group and leadership team, its internal review (机关内部…述职)
                            r"(局|委|办)党组(?!织)|(局|委|办)领导班子|机关内部|"
                            # session 11 (blind8 read): a county office's own sections (股室) and its own staff
                            # (县委办公室机关干部), results circulated inside the office (办公室内部通报)
                            r"机关各股室|各股室|本股室|(办公室|办|局|委)机关(全体)?干部|(办公室|机关|单位)内部(通报|公布|公开)|"
                            # session 15 (review-dev15, dev6 read): the level's own leadership meetings (区政府常务会议,
                            # 县委常委会, 局党组会, 局长办公会) — how often they sit is the body's own business
                            r"(县|区|市)(人民)?政府常务会议?|(县|区|市)委常委会(议)?|(局|委|办)(党组会|务会)|(局长|主任|镇长|乡长)办公会|"
                            # and a body's own staff meeting (办公室每周一召开机关干部例会)
                            r"机关干部(周)?例会|"
                            # session 28 (review-read28, blind25 read): the office's meeting of all its own staff (办公室全体
                            # 干部会议), and a bureau's own units by their kind (局属国有林场, 局属农场)
                            r"(办公室|机关|本单位|本局)全体(干部|工作人员|干部职工)(会议|大会|例会)|"
                            r"(局|委|办)属[^。；，、]{0,4}(林场|农场|苗圃|场站|站所|事业单位))")
# the grassroots without bare 干部: beside the office's own staff, 干部 is that staff
_GRASSROOTS_BESIDE_OWN_STAFF = re.compile(GRASSROOTS.pattern.replace("|干部|", "|", 1))


# Session 14 (review-dev14): a township's text about its own organs — its 机关 and their staff, its party and
# government office (镇机关实行考勤, 由镇党政办牵头制定本镇方案) — is its internal work, as a county office's own sections are,
# unless its villages, communities or grassroots units (schools, clinics) are made to do something (a staff member going
# to a village, 下村走访, is the township's own work).
_TOWNSHIP_OWN = re.compile(r"((?<![各乡])镇|(?<![各])乡|街道)(机关|党政办|党政综合办|党政办公室|党委办公室)|机关干部")
_VILLAGE_BEARER = re.compile(r"(各村|村（|村级|村“两委”|村干部|社区|村委|行政村|网格|村民小组|(?<![下到进入])村|"
                             r"学校|中心校|小学|中学|幼儿园|卫生院|教职工|教师)")


# Session 15 (review-dev15, dev6 read): a unit named only to be left out (社区书记不参加, 各村无需参加) bears nothing
_LEFT_OUT = re.compile(r"[^，,。；、]{0,10}(不参加|无需参加|不必参加|不再参加|不列席|无需列席)")


# Session 20 (review-read20, blind17 read): a body's self-inspection of its own work (市大数据局每季度对本局承担的…事项进行一次
# 自查，形成自查报告报市政府), reported to its own government — unless a lower unit is named in the sentence (a bare 市 or 县
# names the body's own level here, so GRASSROOTS is not the test); bodies of every level told to inspect themselves (各级行政
# 机关要每年对本单位…进行自查) are lower units made to do it
_SELF_INSPECTION = re.compile(r"对本(局|单位|部门|机关|委|办|系统)[^。；，]{0,30}(自查|自评)")
_LOWER_UNITS = re.compile(r"(各级|各地|下级|所属|各县|县（市、区）|县\(市、区\)|各区|乡镇|乡（镇）|街道|各村|村（社区）|社区|村级|基层|学校)")


def internal_arrangement(sentence: str, issuer: str = "unknown") -> str | None:
    sentence = _LEFT_OUT.sub("", sentence)
    if _OWN_DIVISIONS.search(sentence) and not _GRASSROOTS_BESIDE_OWN_STAFF.search(sentence):
        return "发文机关内部的工作安排"
    if _SELF_INSPECTION.search(sentence) and not _LOWER_UNITS.search(sentence):
        return "发文机关内部的工作安排"
    if issuer == "township" and _TOWNSHIP_OWN.search(sentence) and not _VILLAGE_BEARER.search(sentence):
        return "发文机关内部的工作安排"
    return own_organ(sentence)  # session 21 (review-read21, blind18 read)


# One-off application and recommendation procedures (申报材料一式两份报送省厅, 推荐意见及汇总表报送): the
# applicant's file passing through, not a reporting burden (review-labelling.md: an applicant's materials).
_APPLICATION = re.compile(r"(申报(学校|单位|村|乡镇|对象|主体)[^。；，]{0,3}(需|须|应)?提交|申报材料|推荐意见|推荐汇总表|推荐报告|推荐[^。；，]{0,4}名单|推荐材料|推荐函|推荐表|申报书|申请材料|申报表|申请表|评审结果|"
                          r"候选(人|单位)|参评材料|报名表|"
                          # session 15 (review-dev15, dev6 read): nominees put forward to a selection with their file
                          # (推荐2个候选楼栋并提交事迹材料) — the selection's step (BR-DEMO-*), however often it is held
                          r"事迹材料|推荐[^。；，]{0,8}候选)")


def application(sentence: str) -> str | None:
    if _APPLICATION.search(sentence):
        return "一次性的申报、推荐材料报送，并非基层的报送负担"
    return None


# Session 8: an assessment whose every object is a body that is not a grassroots unit — a voucher agency, a service
# body, an innovation platform, the management unit of shared instruments (省科技厅对审核发放机构工作进行绩效考核;
# 作为…管理单位考核的重要依据) — is not "lower-level assessment" (review-labelling.md: burdens on enterprises,
# applicants or individuals, not on grassroots units). The object is read where the assessment names it: 对X(的工作)
# 进行/实施…考核, 作为X考核…的依据; "各级各类" counts kinds, not levels.
_ASSESSED = (re.compile(r"对([^。；，]{1,30}?)的?(工作|情况)?(进行|实施|开展)[^。；，]{0,6}(考核|考评|评价)"),
             re.compile(r"作为([^。；，]{1,40}?)(考核|考评)[^。；，]{0,8}(依据|内容|指标|参考)"))
_BODIES = re.compile(r"((审核|发放|兑付|检测|检验|认证|鉴定|代理|培训|咨询|服务|运营|托管)机构|创新平台|管理单位)")


# Session 30 (review-read30, blind27 read): the central government's assessment of the provincial governments (国务院对省级
# 人民政府…实行年度考核) restated in a county's draft — a central regime, no assessment the county adds on those below it
# (review-labelling.md: "a restatement of a central requirement is not a new burden"); the county's own assessment named
# beside it is read in its own sentence
_CENTRAL_ASSESSES_PROVINCES = re.compile(r"^[^。；，]{0,4}(国务院|党中央|中共中央|中央)[^。；，]{0,10}对(各)?(省级人民政府|省级政府|省、自治区、直辖市"
                                         r"人民政府|各省)")


def assessed_body(sentence: str) -> str | None:
    if _CENTRAL_ASSESSES_PROVINCES.search(sentence):
        return "中央对省级人民政府的考核（中央规定制度的复述）"
    objects = [m.group(1).replace("各级各类", "") for pattern in _ASSESSED for m in pattern.finditer(sentence)]
    if objects and all((NON_GRASSROOTS.search(o) or _BODIES.search(o)) and not GRASSROOTS.search(o) for o in objects):
        return "考核对象为服务机构、平台等非基层单位"
    return None


# Session 8: one item of a regulation's list of acts (禁止下列行为：…（八）利用公路附属设施…悬挂牌匾，拴牲畜；) names
# what anyone may or may not do; with no modal of its own and no grassroots unit in it, it is no duty of grassroots
# units (review-labelling.md: a finding when the clause itself imposes on those units). An item that names them
# (（五）对所属部门、单位和下级政府……考核评比；) stays judged by its words.
_LIST_ITEM = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、)")


# The lead-in of such a list: acts forbidden or sanctioned. A list of duties (应当履行下列职责：…) carries its bearer in
# the lead-in, so its items are judged by their words (the session's diff review).
_ACTS_LEAD_IN = re.compile(r"禁止|不得|下列行为|行为之一|违反")
_DUTIES_LEAD_IN = re.compile(r"职责|应当履行|负责下列|承担下列")


def listed_act(sentence: str, heading: str = "") -> str | None:
    if _LIST_ITEM.match(sentence) and not _LIVE_DEMAND.search(sentence) \
            and not GRASSROOTS.search(_PROVINCES.sub("省", sentence)) \
            and not _DUTIES_LEAD_IN.search(heading) and (_ACTS_LEAD_IN.search(heading) or not heading):
        return "法规列举的行为事项（禁止或许可行为），并非对基层单位的要求"
    return None



# Session 21 (review-read21, blind18 read): the issuing body's own organ and staff. A county body names its own 机关 by
# any name (县总工会机关干部, 县纪委监委机关实行干部考勤, 县科协机关) — not only a 局, 办 or 委 (_OWN_DIVISIONS) — and its staff's attendance at
# its own door (机关门禁系统打卡) or their visits to the grassroots they are linked to (每名干部联系2家企业工会，每年走访不少于4次)
# are its own management (burden-rules.md trap 10: "internal management of the issuing unit (its own staff attendance …)").
# One body of the county (or district, or city: as _COUNTY_BODY) named, not the level's departments or cadres at large (县直单位机关干部每名联系3户, 全县机关干部人均…: BR-INS-14's
# quotas on the county's cadres).
# The grassroots named only as whom the staff visit or link with (联系基层工会, 走访…村) bear nothing; named as doers, they do.
# (session 29, review-read29, blind26 read: and its organ's own party branch — 县科协机关党支部每月召开一次支部委员会会议 — the
# body's own party organisation meeting on its own work)
_OWN_ORGAN = re.compile(r"^(?![^，,。；]{0,12}(县直|区直|市直|单位|部门|全县|全市|全区|各级|行政))(县|区|市(?!场)|本)[^，,。；各]{1,10}机关(党支部|党总支|党委|支部)?(全体)?(干部|工作人员|职工)?(实行|须|要|应|每|按|在|联系|包联|走访)")
# Only the visit's object is read out (联系3家企业科协, 走访…村, 到联系村): the words up to the first unit named, not a
# fixed reach — session 21 (fix-cr21a): a reach of 10 characters ate a village made to act (所联系村的干部开展学习并报送照片)
_STAFF_VISITS = re.compile(r"(联系|包联|挂点|走访|联系点|下沉到?|深入)[^，,。；]{0,8}?"
                           r"(村（社区）|村（居）|村|社区|基层|乡镇|街道|网格|企业|工会|科协|户|学校|单位)")
# …and a village named as the doer (村党组织须提前准备台账, 组织所联系村的干部开展学习) is burdened, whoever visits it (组织部
# is the organisation department, no one organising)
_VILLAGE_DOES = re.compile(r"(村|社区|村党组织|村委)[^，,。；]{0,6}(须|要|应|负责)|组织(?!部)[^。；]{0,8}村")


def own_organ(sentence: str) -> str | None:
    """The issuing body's own 机关 and staff: their attendance, their visits (see above)."""
    sentence = _LIST_ITEM.sub("", _LEFT_OUT.sub("", sentence).strip())
    if _OWN_ORGAN.match(sentence) and not _MOBILISES_LOWER.search(sentence) and not _VILLAGE_DOES.search(sentence) \
            and not _GRASSROOTS_BESIDE_OWN_STAFF.search(_STAFF_VISITS.sub("", sentence)):
        return "发文机关内部的工作安排"
    return None


# Session 21 (review-read21, blind18 read): a county body's own bulletin or account sent to its own level's leaders to read
# (县文明办每月编发一期工作简报，报送县委、县政府领导参阅) — as 向县委、县政府报告 is (upper_body, session 11): the county's own
# work, unless it has the villages or townships send it
_TO_OWN_LEADERS = re.compile(r"报(送|呈)?(县委|县政府|县人民政府|区委|区政府|区人民政府|市委|市政府|市人民政府)"
                             r"([、和及与](县委|县政府|县人民政府|区委|区政府|区人民政府|市委|市政府|市人民政府))?"
                             r"(主要)?(领导|负责同志)(同志)?(参阅|阅示|审阅|阅批)?")


# Session 29 (review-read29, blind26 read): a county (city, province) body's own sending on a rhythm, addressed down to those
# below (县气象局每日向村级气象信息员发送天气提醒) — its service going down, no report sent up; the body opens the segment
# right before the rhythm. A report the same sentence demands further on (由乡镇每日汇总报县气象局) is read on its own words
_UPPER_LEAD = re.compile(r"^(县|市|省|区)[^，,。；各]{1,12}(局|办|委|会|馆|中心|站|部|社|联)$")
_SENT_DOWN = re.compile(r"向(各|全县|全镇|辖区)?[^。；，]{0,10}(村|社区|乡镇|街道|群众|农户|居民|村民|学校|信息员|网格员|联络员|责任人)"
                        r"[^。；，]{0,4}(发送|推送|发布|下发)$")


def sent_down(sentence: str, start: int, end: int) -> str | None:
    seg_start, _ = segment_bounds(sentence, start, end)
    if _UPPER_LEAD.match(sentence[seg_start:start].strip()) and _SENT_DOWN.search(sentence[start:end]):
        return "上级机关向下发送信息，并非基层的报送"
    return None


def own_bulletin(sentence: str, start: int) -> str | None:
    req_start, subject = requirement_subject(sentence, start)
    if subject and _COUNTY_BODY.match(_LIST_ITEM.sub("", subject)) and not GRASSROOTS.search(subject[1:]) \
            and _TO_OWN_LEADERS.search(sentence, req_start) and not _MOBILISES_LOWER.search(sentence, req_start) \
            and not _LOWER_UNITS.search(sentence, req_start):
        return "县级机关向县委、县政府报送自身工作"
    return None


# Session 21 (review-read21, blind18 read): a report on a rhythm confined to a named period of national events (全国“两会”期间,
# 重大活动期间, 重要节点期间) that stops when it ends (会议结束后自动停止) — the security watch of that period (安保: burden-rules.md
# trap 3, "app check-in etc. is allowed in 安保/应急 scenarios"; daily reports in an emergency are justified). Both are needed:
# a 两会 named without its end is no watch (两会期间及之后每日报送 stays a demand).
_EVENT_PERIOD = re.compile(r"(两会|重大活动|重要会议|重大会议|重要节点|重大节日|重要活动)[”\"]?(召开)?期间")
_WATCH_ENDS = re.compile(r"(结束后|结束即|闭幕后|过后)[^。；，]{0,4}(自动|即行|即|随即)?(停止|终止|取消|解除)")


# Session 21 (fix-cr21a): the period must be a named national event's (两会, 全国…) or a security one's (安保, 维稳, 应急) —
# a bare 重要节点期间 or 重大节日期间 names no watch, and a daily report in it stays a demand
_WATCH_ANCHOR = re.compile(r"两会|全国|安保|维稳|应急")


def event_watch(sentence: str) -> str | None:
    if _EVENT_PERIOD.search(sentence) and _WATCH_ENDS.search(sentence) and _WATCH_ANCHOR.search(sentence):
        return "重大活动安保期间的临时报告，期满自动停止"
    return None


# Session 21 (review-read21, blind18 read): the discipline organ's own checks (县纪委监委将适时…开展明察暗访) — its supervision
# under the party's rules (DATA_CARD.md blind18: "the 纪委's own supervision … 0"), read as a generic supervision phrase when
# it asks nothing of the units checked: no rhythm, materials, ranking or circulation (_INSPECTION_WEIGHT)
_DISCIPLINE_ORGAN = re.compile(r"^[^，,。；]{0,6}(纪委监委|纪委|监委|纪检监察(机关|组|室)?)(将|要|适时|不定期|对)")


def discipline_checks(sentence: str) -> bool:
    return bool(_DISCIPLINE_ORGAN.match(_LIST_ITEM.sub("", sentence.strip()))) and not _INSPECTION_WEIGHT.search(sentence)


# Session 21 (review-read21, blind18 read): the one table named, and the same data still demanded on paper after it
# (在“一表通”平台填报数据后，各社区仍须…分别报送纸质报表) — the duplicate the reform was to end; the reform does not exempt it
# (session 24, review-read21, blind21 read: or entered again in a second system — …“一表通”平台填报的…数据，还须同步录入县级…平台)
# (session 35, review-read35, blind32 read: or what is already in the system filled in again on paper — 已在“一表通”系统中填报的…
# 另行填写纸质登记表 — or entered again through another app after it — 在“一表通”系统填报…后，再通过…小程序重复录入)
_STILL_ON_PAPER = re.compile(r"(仍须|仍需|仍要|仍然要|仍然须|还须|还需|还要|依然要)[^。；]{0,30}(纸质|复印|打印|原格式)|"
                             r"(仍须|仍需|仍要|还须|还需|还要)[^。；，]{0,4}(录入|填报|上传|导入)[^。；，]{0,16}(系统|平台|小程序|APP|App|app)|"
                             r"已在[^。；，]{0,16}(系统|平台)[^。；]{0,30}(另行|另外|重新|再次|重复)[^。；，]{0,4}(填写|填报)[^。；，]{0,6}纸质|"
                             r"(填报|录入)[^。；，]{0,20}后[，,]\s*再(通过|在|向)[^。；，]{0,16}(系统|平台|小程序|APP|App|app)[^。；，]{0,4}"
                             r"(重复|再次|重新)?(录入|填报|上传|导入)")


# Session 35 (review-read35, blind32 read): a condition opened by 凡 and banned in the segment after it (凡未经批准的创建示范活动，
# 一律不得以村（社区）为对象开展) — the ban's object named first; the hit inside the 凡 segment is not demanded. A sanction after it
# (凡…的，予以通报) is no ban: only the negators below.
_BANNED_CONDITION = re.compile(r"凡(?P<cond>[^。；，]{2,40})[，,]\s*(均|都|一律|一概|各地)?(不得|严禁|禁止|不准|不予|一律停止|立即停止)")


def banned_condition(sentence: str, start: int, end: int) -> str | None:
    for m in _BANNED_CONDITION.finditer(sentence):
        if m.start("cond") <= start and end <= m.end("cond"):
            return "否定或取消表述（“凡……一律不得”）"
    return None


# Session 35 (review-read35, blind32 read): plaques, walls or a station's setting-up counted in a safety regime's assessment
# (挂牌上墙情况纳入乡镇安全生产考核) — the regime requires no plaque, so the assessment of them is added on it, as session 16
# reads the plaques themselves (_NEW_BODY_RULES) and session 24 an app's rate
_NEW_BODY_COUNTED = re.compile(r"(挂牌|上墙|牌子|标牌|展板|站点建设|设立)[^。；，]{0,6}情况[^。；，]{0,4}(纳入|列入|计入)")


def new_body_counted(sentence: str) -> bool:
    return bool(_NEW_BODY_COUNTED.search(sentence))
