"""The rules seeded for every county, from 《整治形式主义为基层减负若干规定》 (2024, the "Provisions",
issued by 中共中央办公厅 and 国务院办公厅) and related rules. Provision numbers follow the research notes
in docs/monitor.md; where a number was not in the sources the citation says so and the rule is seeded
switched off (`enabled: False`) for the county office to switch on with its own provincial number."""

from __future__ import annotations

from typing import Any

P = "《整治形式主义为基层减负若干规定》"
APP_2026 = "《政务移动互联网应用程序规范化管理办法》（国办函〔2026〕12号）"
CREATION_2022 = "《创建示范活动管理办法（试行）》（2022）"
VILLAGE_2022 = "中办国办《关于规范村级组织工作事务、机制牌子和证明事项的意见》（2022）"

SEED_RULES: list[dict[str, Any]] = [   # JSON-like: each rule's params differ
    # 一、切实精简文件
    {"code": "P1-DOC-COUNT", "name": "年度发文数量不得超过上年", "ledger": "document", "check": "count_over_last_year",
     "severity": "medium", "citation": f"{P} 第一部分第1条：年度实际发文数量一般只减不增，超过上年的须书面说明。",
     "scope": "各部门、单位年度发文"},
    {"code": "P2-DOC-5000", "name": "文件一般不超过5000字", "ledger": "document", "check": "doc_length_max",
     "threshold": 5000, "params": {"doc_kinds": ["general"]}, "severity": "info",
     "citation": f"{P} 第一部分第2条：地方和部门文件一般不超过5000字（部署综合性工作的除外）。",
     "scope": "除部署综合性工作外的文件"},
    {"code": "P2-DOC-4000", "name": "专项工作文件一般不超过4000字", "ledger": "document", "check": "doc_length_max",
     "threshold": 4000, "params": {"doc_kinds": ["special"]}, "severity": "info",
     "citation": f"{P} 第一部分第2条：部署专项工作或具体任务的文件一般不超过4000字。",
     "scope": "部署专项工作或具体任务的文件"},
    {"code": "P3-DOC-REVIEW", "name": "文件须经与为基层减负一致性评估", "ledger": "document", "check": "doc_unreviewed",
     "severity": "medium", "citation": f"{P} 第一部分第3条：地方和部门制发文件应当开展与为基层减负一致性评估。",
     "scope": "发往基层的全部文件"},
    {"code": "P3-DOC-SCORE", "name": "一致性评估不合格仍印发", "ledger": "document", "check": "doc_review_score_min",
     "threshold": 60, "severity": "medium",
     "citation": f"{P} 第一部分第3条（一致性评估）；评估得分见 jianfu 文件减负审查。",
     "scope": "已评估的文件"},
    {"code": "P3-DOC-REPORT", "name": "要求报送贯彻落实情况", "ledger": "document", "check": "doc_report_back",
     "severity": "low", "citation": f"{P} 第一部分第3条：一般不提出报送贯彻落实情况、制定配套文件的要求。",
     "scope": "发往基层的全部文件"},
    # 二、严格精简会议
    {"code": "P4-MTG-COMPREHENSIVE", "name": "综合性工作会议每年不超过1次", "ledger": "meeting",
     "check": "meeting_comprehensive_per_year", "threshold": 1, "severity": "medium",
     "citation": f"{P} 第二部分第4条：本系统、本领域综合性工作会议原则上每年不超过1次。",
     "scope": "各系统、各领域"},
    {"code": "P5-MTG-PRINCIPALS", "name": "分管负责同志召集的会议要求下级主要负责同志参会", "ledger": "meeting",
     "check": "meeting_principals", "severity": "low",
     "citation": f"{P} 第二部分第5条：分管负责同志召集的会议一般不要求下级主要负责同志参会。",
     "scope": "全部会议"},
    {"code": "P5-MTG-RELAY", "name": "层层陪会", "ledger": "meeting", "check": "meeting_relayed", "severity": "medium",
     "citation": f"{P} 第二部分第5条：严控参会范围、层级，不搞层层陪会。", "scope": "全部会议"},
    {"code": "P6-MTG-SPEECH", "name": "主要讲话不超过1小时", "ledger": "meeting", "check": "meeting_speech_max",
     "threshold": 60, "severity": "medium",
     "citation": f"{P} 第二部分第6条：主要负责同志讲话或会议主报告一般不超过1小时。", "scope": "全部会议"},
    {"code": "P6-MTG-HALFDAY", "name": "一般会议不超过半天", "ledger": "meeting", "check": "meeting_duration_max",
     "threshold": 240, "params": {"meeting_kinds": ["business", "relay"]}, "severity": "low",
     "citation": f"{P} 第二部分第6条：其他会议一般半天以内。", "scope": "业务会议和传达会议（法定会议除外）"},
    # 三、统筹规范督查检查考核
    {"code": "P7-INS-PLAN", "name": "督查检查考核须列入年度计划", "ledger": "inspection", "check": "inspection_unplanned",
     "severity": "medium",
     "citation": f"{P} 第三部分第7条：督查检查考核事项按年度计划执行（安全生产、自然灾害防治类除外）。",
     "scope": "非应急类督查检查考核"},
    {"code": "P7-INS-COMPREHENSIVE", "name": "综合性督查检查考核每部门每年不超过1项", "ledger": "inspection",
     "check": "inspection_comprehensive_per_year", "threshold": 1, "severity": "medium",
     "citation": f"{P} 第三部分第7条：综合性督查检查考核事项原则上每部门不超过1项，同类合并。",
     "scope": "各部门综合性督查检查考核"},
    {"code": "P8-INS-TRACES", "name": "要求基层提供照片、台账等留痕材料", "ledger": "inspection",
     "check": "inspection_materials_max", "threshold": 0, "params": {"fields": ["photos_demanded", "ledgers_demanded"]},
     "severity": "high",
     "citation": f"{P} 第三部分第8条：不得频繁要求基层填表格报材料；不把拍照留痕等作为评判工作优劣的标准。",
     "scope": "非应急类督查检查考核"},
    {"code": "P7-INS-MONTHLY", "name": "每月实地督查检查次数上限", "ledger": "inspection",
     "check": "inspection_onsite_month_max", "threshold": 4, "severity": "medium", "enabled": False,
     "citation": f"{P} 第三部分第7条：每月实地督查检查考核不超过规定次数（全国数字未公开，阈值由县减负办按本省规定设定）。",
     "scope": "非应急类实地督查检查"},
    # 四、规范借调干部
    {"code": "P10-SEC-BELOW", "name": "不得从县及以下单位借调干部", "ledger": "secondment",
     "check": "secondment_from_below", "severity": "high",
     "citation": f"{P} 第四部分：上级机关、单位原则上不得从县及以下单位借调干部。", "scope": "全部借调"},
    {"code": "P10-SEC-APPROVAL", "name": "借调须履行审批手续", "ledger": "secondment", "check": "secondment_unapproved",
     "severity": "medium", "citation": f"{P} 第四部分（规范借调干部）。", "scope": "全部借调"},
    {"code": "P10-SEC-MONTHS", "name": "借调时间一般不超过6个月", "ledger": "secondment",
     "check": "secondment_months_max", "threshold": 6, "severity": "low", "enabled": False,
     "citation": "省级规定示例（如云南省：借调时间一般不得超过6个月）；全国规定的时长未检索到，由县减负办按本省规定启用。",
     "scope": "全部借调"},
    # 五、规范政务移动互联网应用程序管理
    {"code": "P5A-APP-FEATURES", "name": "政务应用不得设置打卡、积分排名、在线时长等功能", "ledger": "app",
     "check": "app_forbidden_features", "severity": "high",
     "citation": f"{P} 第五部分；{APP_2026}：不得强制要求打卡签到、积分排名、在线时长，不得以下载率等考核。",
     "scope": "面向基层的政务应用"},
    {"code": "P5A-APP-ONE", "name": "每个部门面向基层的政务应用原则上不超过1个", "ledger": "app",
     "check": "app_per_owner_max", "threshold": 1, "severity": "medium",
     "citation": f"{P} 第五部分：同一部门面向基层的政务应用原则上只保留1个。", "scope": "面向基层的政务应用"},
    {"code": "P5A-APP-FILING", "name": "政务应用须备案", "ledger": "app", "check": "app_unfiled", "severity": "medium",
     "citation": f"{APP_2026}：政务移动互联网应用程序实行备案管理。", "scope": "在用政务应用"},
    {"code": "P5A-APP-REPEAT", "name": "不得要求重复填报", "ledger": "app", "check": "app_repeat_filling",
     "severity": "medium", "citation": f"{APP_2026}：不得要求基层重复填报数据。", "scope": "在用政务应用"},
    # 六、规范明晰基层权责
    {"code": "P6A-PLAQUE-OUT", "name": "村（社区）办公场所外部牌子不超过6块", "ledger": "plaque",
     "check": "plaques_outside_max", "threshold": 6, "severity": "medium",
     "citation": f"{P} 第六部分；{VILLAGE_2022}；各地将村（社区）办公场所外部牌子规范为4至6块。",
     "scope": "村（社区）办公场所"},
    {"code": "P6A-DEMAND", "name": "村级工作事项、证明事项须在清单内", "ledger": "demand", "check": "demand_not_listed",
     "severity": "medium", "citation": f"{P} 第六部分；{VILLAGE_2022}：村级工作事项实行准入，证明事项实行清单管理。",
     "scope": "对村（社区）的工作要求和证明要求"},
    # 七、规范创建示范和达标活动
    {"code": "P7A-CREATION", "name": "创建示范、评比表彰须经批准", "ledger": "activity", "check": "activity_unapproved",
     "params": {"activity_kinds": ["creation", "appraisal"]}, "severity": "high",
     "citation": f"{P} 第七部分；{CREATION_2022}：创建示范活动实行审批和清单管理。",
     "scope": "创建示范、评比表彰"},
    {"code": "P7A-FESTIVAL", "name": "节庆、展会、论坛须经批准", "ledger": "activity", "check": "activity_unapproved",
     "params": {"activity_kinds": ["festival", "exhibition", "forum"]}, "severity": "medium",
     "citation": f"{P} 第七部分；2023 年十部门关于规范论坛活动的通知。", "scope": "节庆、展会、论坛"},
    {"code": "P7A-FEES", "name": "不得向参与单位收费或摊派", "ledger": "activity", "check": "activity_fees_max",
     "threshold": 0, "severity": "high", "citation": f"{CREATION_2022}：不得收取费用；{P} 第七部分。",
     "scope": "全部活动"},
]
