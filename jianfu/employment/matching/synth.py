"""A seeded generator of job seekers and postings with the variety of a Guangxi county labour market:
seafood processing, electronics in the industrial park, logistics, construction, agriculture and
aquaculture, tourism, live-stream e-commerce, 家政 and care, catering, 公益性岗位, and work in Guangdong.
Texts are colloquial ("做过流水线，想进厂", "离家近就行"), and a share of rows carries bad values
(wages as words nobody can parse, ages out of range, empty intents) when `bad_rate` > 0.

Pure Python (random.Random), no Django: used by the matching benchmark (millions of rows, places given as
division codes across many synthetic counties) and by the employment app's demo (a few hundred rows in
合浦县, places as town names). All names are invented; no real person or employer."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace

from jianfu.employment.matching.places import BUILTIN_TOWNS
from jianfu.employment.matching.types import Job, Seeker

SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万覃"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅丹玲海燕春雪建国志文斌辉鹏飞宇浩凤莲妹"
CATEGORIES = ("登记失业人员", "农村劳动力", "脱贫劳动力", "返乡农民工", "未就业高校毕业生", "就业困难人员（4050人员）",
              "就业困难人员（零就业家庭成员）", "残疾人", "退役军人", "低保家庭劳动力")


@dataclass(frozen=True)
class Sector:
    name: str
    weight: float
    titles: tuple[str, ...]
    employers: tuple[str, ...]
    ages: tuple[str, ...]
    education: tuple[str, ...]
    experience: tuple[str, ...]
    certificates: tuple[str, ...]
    wages: tuple[str, ...]
    descriptions: tuple[str, ...]
    benefits: tuple[str, ...]
    wants: tuple[str, ...]             # how a seeker says they want this work
    did: tuple[str, ...]               # how a seeker says they did it
    seeker_certs: tuple[str, ...] = ("",)
    seeker_wages: tuple[str, ...] = ("3000", "3500", "4000以上", "面议")
    edu_bias: tuple[str, ...] = ("初中", "初中", "小学", "高中", "中专")


_AGES = ("18-45周岁", "18-50岁", "18-55岁", "20-50岁", "45岁以下", "50岁以下", "不限", "18-40周岁", "16-55岁", "25-55岁")

SECTORS: tuple[Sector, ...] = (
    Sector("seafood", 1.3, ("剥虾工", "海鲜加工工", "水产加工普工", "冻品分拣工", "开蚝工", "鱿鱼加工工", "挑虾仁（计件）"),
           ("合浦{t}水产食品有限公司", "合浦县{t}冷冻厂", "北海市{t}海产品加工有限公司"), _AGES, ("不限", "不限", "初中"),
           ("不限", "无经验可", "熟手优先"), ("健康证", "健康证可入职后办理", "", "健康证优先"),
           ("3500元+计件", "3500-5000元/月", "4千到5千", "计件，多劳多得", "150元/天"),
           ("虾仁剥壳挑线，长白班，可坐着做", "冷库冻品分拣，两班倒", "海鲜清洗加工，站立作业", "鱿鱼切片，计件，长白班"),
           ("包午餐", "包住", "包吃住", ""),
           ("想去海鲜厂", "做海鲜加工", "剥虾也可以", "想在附近冻品厂做", "海产加工"),
           ("剥过虾", "在冷冻厂做过两年", "开过蚝", "在海鲜厂干过")),
    Sector("electronics", 1.6, ("电子厂普工", "插件工", "电子装配工", "操作工", "流水线普工", "质检员", "贴片质检（坐岗）"),
           ("北海{t}电子科技有限公司", "合浦{t}电子有限公司", "广西{t}新能源科技有限公司"), _AGES, ("初中", "不限", "高中"),
           ("不限", "半年以上", "无经验可"), ("", "", ""),
           ("4500-6000元/月", "5000-6500元", "4千到6千", "综合工资5000以上"),
           ("手机配件组装，流水线作业，两班倒，需长时间站立", "电池生产线操作，两班倒", "显微镜目检，长白班，坐着",
            "电子元件插件，长白班，流水线"),
           ("包吃住，购买五险", "包住，有空调宿舍", "五险一金"),
           ("想进厂", "做过流水线，想进厂", "电子厂普工", "进厂打工", "工厂普工都可以", "流水线"),
           ("在东莞电子厂做过", "深圳电子厂三年", "做过流水线", "在厂里做过组装")),
    Sector("logistics", 1.0, ("叉车司机", "仓库分拣员", "快递员", "货车司机", "装卸工", "仓管员", "外卖骑手"),
           ("合浦{t}物流有限公司", "合浦县{t}快递服务有限公司", "北海市{t}运输有限公司"), ("20-50岁", "22-45岁", "18-50岁", "25-55岁"), ("不限", "初中"),
           ("不限", "1年以上", "2年以上驾驶经验"), ("", "叉车证", "B2驾照", "C1驾照", ""),
           ("5000-6500元/月", "4000-7000元（计件）", "6000-8000", "3500-4500元"),
           ("仓库叉车装卸货物，白班为主", "快递包裹分拣打包，长白班", "县城片区派件揽件，骑电动车", "县内配送，早出晚归",
            "水泥瓷砖装卸搬运，体力好"),
           ("五险", "包住", "", "油补"),
           ("叉车司机、仓库", "开货车、跑运输", "送快递", "跑外卖", "仓库分拣", "搬运装卸都行"),
           ("开叉车5年", "开了6年货车", "在仓库做过分拣", "跑过外卖"),
           seeker_certs=("叉车证", "B2驾照", "C1驾照", "", "A2驾照")),
    Sector("construction", 1.0, ("钢筋工", "建筑小工", "泥水工", "木工", "电焊工", "架子工", "油漆工", "水电工"),
           ("广西{t}建筑工程有限公司", "合浦县{t}建筑劳务有限公司", "合浦{t}装饰工程有限公司"), ("20-55岁", "18-60岁", "25-55岁", "20-50岁"), ("不限",),
           ("1年以上经验", "不限", "有经验"), ("", "", "焊工证", "高处作业证", "电工证"),
           ("300元/天", "200元/天", "7000-9000元", "300-350元/天", "日结250元"),
           ("工地扎钢筋，体力好", "工地搬运、杂活，日结", "搭设脚手架，高处作业", "室内刷墙批荡", "钢结构焊接，二保焊"),
           ("包住", "", "日结"),
           ("工地上干活", "泥水、小工都行", "做建筑", "电焊", "木工", "搞装修"),
           ("做建筑十多年", "在工地干过", "做电焊5年", "在工地做过小工"),
           seeker_certs=("", "焊工证", "电工证", "高处作业证"), seeker_wages=("250元/天", "300元一天", "6000", "7000")),
    Sector("agriculture", 1.0, ("对虾养殖工", "火龙果采摘工（季节工）", "大棚种植工", "养殖场饲养员", "农机手", "植保无人机飞手"),
           ("合浦县{t}水产养殖专业合作社", "合浦{t}农业发展有限公司", "合浦县{t}果蔬种植专业合作社"), ("18-65岁", "25-55岁", "20-60岁"), ("不限",),
           ("不限", "有养殖经验优先"), ("", "", "无人机驾驶证"),
           ("150元/天", "4000-5000元", "2800-3500元", "6000-9000元"),
           ("虾塘投料巡塘，需夜间巡塘", "果园采摘、搬运，日结", "蔬菜大棚种植管理", "农田植保飞防，季节性"),
           ("包住", "", "包午餐"),
           ("种菜、农活", "养虾", "摘果", "在村里干农活", "养殖"),
           ("一直在家种地", "自己养过虾塘", "种过火龙果", "在养猪场干过"),
           seeker_wages=("150元/天", "2500", "3000", "4000")),
    Sector("tourism", 0.7, ("客房服务员", "景区讲解员", "餐厅服务员", "酒店前台", "景区售票员"),
           ("合浦{t}大酒店", "合浦星岛湖{t}旅游开发有限公司", "北海银滩{t}度假酒店"), ("18-50岁", "20-35岁", "18-40岁"), ("不限", "高中", "大专"),
           ("不限",), ("健康证优先", "", "导游证优先", "健康证"),
           ("2800-3300元", "3500-5000元", "3000-3800元"),
           ("客房清洁整理，铺床，需长时间站立走动", "景区讲解接待，普通话标准", "传菜、点菜，站立", "前台接待，坐班"),
           ("包吃", "包吃住", ""),
           ("在景区或者酒店上班", "酒店服务员", "景区工作", "做前台"),
           ("在农家乐做过服务员", "在酒店做过客房", "做过导游"),
           seeker_certs=("", "健康证", "导游证")),
    Sector("ecommerce", 0.6, ("直播带货主播", "网店客服", "电商运营", "珍珠直播带货", "短视频剪辑"),
           ("合浦{t}电子商务有限公司", "合浦县{t}网络科技有限公司", "北海{t}珍珠饰品有限公司"), ("18-35周岁", "18-40岁"), ("高中", "不限", "大专"),
           ("不限", "有直播经验优先"), ("",),
           ("4千到8千", "底薪3000+提成", "3000-4000元"),
           ("抖音直播销售本地特产，晚上直播", "在线客服，回复买家消息，坐班", "网店上架运营，电脑熟练"),
           ("提供培训", "", "五险"),
           ("直播带货", "电商运营或者直播带货", "做网店客服", "想做电商"),
           ("在抖音卖过货", "做过淘宝客服兼职", "开过网店"),
           edu_bias=("高中", "大专", "中专", "本科")),
    Sector("domestic", 1.0, ("住家保姆", "钟点工（做饭打扫）", "育儿嫂", "月嫂", "养老护理员", "护工"),
           ("合浦县{t}家政服务有限公司", "合浦{t}养老服务中心", "合浦{t}护理院"), ("35-55岁", "30-60岁", "30-50岁", "35-58岁"), ("不限", "初中"),
           ("不限", "有带娃经验优先", "有经验"), ("", "育婴员证优先", "母婴护理证", "养老护理员证优先", "健康证"),
           ("5000-6500元/月", "25元/小时", "8000-12000元", "3500-4500元"),
           ("照顾1岁宝宝及做饭家务，住家", "上门做家务，时间灵活", "照顾老人起居，需搬扶老人，轮班", "病房陪护，24小时轮班"),
           ("月休4天", "包吃住", ""),
           ("带娃、做保姆", "做家务、钟点工", "护工、照顾老人", "月嫂", "家政"),
           ("做过两年育儿嫂", "做过保姆", "在医院做过护工", "照顾过老人"),
           seeker_certs=("", "育婴员证", "养老护理员证", "母婴护理证", "健康证")),
    Sector("catering", 0.8, ("厨房帮工（洗碗切配）", "中式厨师", "餐厅服务员", "烧腊学徒", "收银员"),
           ("合浦{t}大酒楼", "合浦县{t}烧腊店", "合浦{t}超市有限公司"), ("18-55岁", "25-50岁", "18-40岁"), ("不限", "初中"),
           ("不限", "3年以上"), ("健康证", "健康证", "健康证可代办"),
           ("3000-3500元", "6000-8000元/月", "2800-3500元"),
           ("洗碗、切配，早上9点到晚上9点", "炒菜、主厨", "超市收银，做六休一", "学做烧腊、斩料"),
           ("包两餐", "包吃住", ""),
           ("在饭店做服务员或者帮厨", "厨师", "收银", "饭店做事"),
           ("饭店服务员5年", "做过超市收银两年", "在饭店帮过厨"),
           seeker_certs=("健康证", "", "厨师证")),
    Sector("public", 0.5, ("乡村保洁公益岗", "护林员（公益性岗位）", "治安协管员（公益性岗位）", "小区保安", "保洁员"),
           ("{county}{town}人民政府", "{county}{town}社会事务服务中心", "合浦{t}物业服务有限公司"), ("40-60岁", "30-60岁", "18-55岁"), ("不限", "初中"),
           ("不限",), ("", "保安员证优先"),
           ("1800元/月", "1500元", "2000元", "2800-3200元"),
           ("负责村内道路保洁，每天上午工作", "巡山护林防火", "协助治安巡逻，白班", "门岗巡逻，24小时值班轮班"),
           ("就业困难人员优先", ""),
           ("搞卫生、保洁都可以", "保安、巡逻", "在村里附近找点事做", "公益性岗位"),
           ("做过清洁工", "当过兵，做过门卫", "在家务农"),
           seeker_wages=("1500以上", "2000左右", "2500")),
    Sector("guangdong", 0.5, ("普工", "针车工", "注塑机操作工", "包装工"),
           ("东莞市{t}电子有限公司", "东莞市{t}鞋业有限公司", "佛山市{t}家具有限公司"), ("18-40周岁", "18-48岁"), ("初中", "不限"),
           ("不限", "熟手"), ("",),
           ("5500-7000元", "4千到6千", "月入过万"),
           ("流水线组装，两班倒，包吃住", "鞋面针车，计件", "注塑机看机取件，两班倒"),
           ("包吃住", "包住"),
           ("去广东进厂", "外出打工进厂", "车工，做鞋或者衣服都会"),
           ("在佛山工厂做过", "在东莞鞋厂做针车8年"),
           seeker_wages=("6000", "5000以上", "7000")),
)
SECTOR_WEIGHTS = [s.weight for s in SECTORS]
# Every title's own descriptions and certificates: a sector-wide pool makes incoherent postings (a 快递员 asking for a
# 叉车证, a 收银员 described as cutting roast meat, a 小区保安 sweeping village roads). Chosen by the row's index,
# not by the generator, so every other field of every row is drawn exactly as before.
ROLE_DETAILS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "叉车司机": (("仓库叉车装卸货物，白班为主", "工业园仓库叉车作业，长白班"), ("叉车证", "叉车证", "叉车证可入职后办理")),
    "仓库分拣员": (("快递包裹分拣打包，长白班", "仓库货物分拣、贴单，长白班"), ("",)),
    "快递员": (("县城片区派件揽件，骑电动车", "乡镇快递派送，自备电动车"), ("", "C1驾照优先")),
    "货车司机": (("县内配送，早出晚归", "北海至合浦货物运输，跑短途"), ("B2驾照", "C1驾照", "A2驾照")),
    "装卸工": (("水泥瓷砖装卸搬运，体力好", "货车装卸搬运，计件"), ("",)),
    "仓管员": (("仓库收发货、盘点，电脑记账", "仓库出入库登记，长白班"), ("",)),
    "外卖骑手": (("县城外卖配送，自备电动车", "外卖配送，时间自由"), ("",)),
    "钢筋工": (("工地扎钢筋，体力好",), ("",)),
    "建筑小工": (("工地搬运、杂活，日结",), ("",)),
    "泥水工": (("砌砖、抹灰、贴砖",), ("",)),
    "木工": (("建筑模板支模、拆模",), ("",)),
    "电焊工": (("钢结构焊接，二保焊",), ("焊工证", "焊工证优先")),
    "架子工": (("搭设脚手架，高处作业",), ("高处作业证", "高处作业证可协助办理")),
    "油漆工": (("室内刷墙批荡",), ("",)),
    "水电工": (("室内水电安装维修",), ("电工证", "电工证优先")),
    "植保无人机飞手": (("农田植保飞防，季节性",), ("无人机驾驶证", "无人机驾驶证可培训")),
    "景区讲解员": (("景区讲解接待，普通话标准",), ("导游证优先", "")),
    "剥虾工": (("虾仁剥壳挑线，长白班，可坐着做",), ("健康证", "健康证可入职后办理")),
    "海鲜加工工": (("海鲜清洗加工，站立作业", "海产品清洗分级，长白班"), ("健康证", "健康证可入职后办理")),
    "水产加工普工": (("水产品清洗、分级、装箱，长白班", "海产品加工流水线，站立作业"), ("健康证", "健康证优先")),
    "冻品分拣工": (("冷库冻品分拣，两班倒",), ("健康证", "健康证可入职后办理")),
    "开蚝工": (("生蚝开壳取肉，计件，长白班",), ("健康证", "")),
    "鱿鱼加工工": (("鱿鱼切片，计件，长白班", "鱿鱼晾晒加工，长白班"), ("健康证", "健康证优先")),
    "挑虾仁（计件）": (("挑虾仁去虾线，计件，可坐着做",), ("健康证可入职后办理", "")),
    "电子厂普工": (("手机配件组装，流水线作业，两班倒，需长时间站立", "电子元件组装，流水线，长白班"), ("",)),
    "插件工": (("电子元件插件，长白班，流水线",), ("",)),
    "电子装配工": (("手机配件组装，流水线作业，两班倒，需长时间站立", "电池生产线操作，两班倒"), ("",)),
    "操作工": (("电池生产线操作，两班倒", "设备看机操作，两班倒"), ("",)),
    "流水线普工": (("流水线组装包装，长白班", "手机配件组装，流水线作业，两班倒，需长时间站立"), ("",)),
    "质检员": (("产品外观检验、记录，长白班", "来料检验，电脑登记，长白班"), ("",)),
    "贴片质检（坐岗）": (("显微镜目检，长白班，坐着",), ("",)),
    "对虾养殖工": (("虾塘投料巡塘，需夜间巡塘",), ("",)),
    "火龙果采摘工（季节工）": (("果园采摘、搬运，日结",), ("",)),
    "大棚种植工": (("蔬菜大棚种植管理",), ("",)),
    "养殖场饲养员": (("猪场喂料、清理栏舍，包住", "鸡场喂料捡蛋，长白班"), ("",)),
    "农机手": (("拖拉机耕地、收割机作业，季节性",), ("拖拉机驾驶证", "拖拉机驾驶证可协助办理")),
    "客房服务员": (("客房清洁整理，铺床，需长时间站立走动",), ("健康证优先", "健康证")),
    "酒店前台": (("前台接待，坐班", "前台登记入住、收银，三班倒"), ("",)),
    "景区售票员": (("景区售票、验票，坐班",), ("",)),
    "直播带货主播": (("抖音直播销售本地特产，晚上直播",), ("",)),
    "网店客服": (("在线客服，回复买家消息，坐班",), ("",)),
    "电商运营": (("网店上架运营，电脑熟练",), ("",)),
    "珍珠直播带货": (("直播销售南珠饰品，晚上直播",), ("",)),
    "短视频剪辑": (("拍摄剪辑产品短视频，电脑熟练，坐班",), ("",)),
    "住家保姆": (("照顾1岁宝宝及做饭家务，住家", "照顾老人饮食起居，住家"), ("", "健康证")),
    "钟点工（做饭打扫）": (("上门做家务，时间灵活",), ("", "健康证")),
    "育儿嫂": (("照顾1岁宝宝及做饭家务，住家",), ("育婴员证优先", "")),
    "月嫂": (("照顾产妇和新生儿，住家26天",), ("母婴护理证", "母婴护理证可培训后上岗")),
    "养老护理员": (("照顾老人起居，需搬扶老人，轮班",), ("养老护理员证优先", "健康证")),
    "护工": (("病房陪护，24小时轮班",), ("", "健康证")),
    "厨房帮工（洗碗切配）": (("洗碗、切配，早上9点到晚上9点",), ("健康证", "健康证可代办")),
    "中式厨师": (("炒菜、主厨",), ("健康证", "健康证可代办")),
    "餐厅服务员": (("传菜、点菜，站立", "点菜、收台，站立"), ("健康证", "健康证可代办")),
    "烧腊学徒": (("学做烧腊、斩料",), ("健康证", "健康证可代办")),
    "收银员": (("超市收银，做六休一", "收银、理货，长白班"), ("健康证", "健康证可代办")),
    "乡村保洁公益岗": (("负责村内道路保洁，每天上午工作",), ("",)),
    "护林员（公益性岗位）": (("巡山护林防火",), ("",)),
    "治安协管员（公益性岗位）": (("协助治安巡逻，白班",), ("",)),
    "小区保安": (("门岗巡逻，24小时值班轮班",), ("", "保安员证优先")),
    "保洁员": (("小区楼道、公共区域保洁，白班", "负责村内道路保洁，每天上午工作"), ("",)),
    "普工": (("流水线组装，两班倒，包吃住",), ("",)),
    "针车工": (("鞋面针车，计件", "服装车缝，计件，包吃住"), ("",)),
    "注塑机操作工": (("注塑机看机取件，两班倒",), ("",)),
    "包装工": (("成品包装装箱，长白班，包吃住",), ("",)),
}
OUTSIDE_PLACES = ("广东东莞", "广东深圳", "广东佛山", "广东中山")
_ACCEPT = (("本镇", 4), ("离家近就行", 3), ("县内", 6), ("县城", 2), ("北海市内", 3), ("市区也可以", 1), ("外出", 1),
           ("县内或广东", 1), ("哪里都行", 1), ("", 2), ("本村附近", 1))
_LIMITS = (("", 60), ("只上白班", 6), ("不能上夜班", 4), ("要接送孩子", 5), ("不能久站", 3), ("腰不好，不能干重活", 3),
           ("肢体残疾，腿脚不便", 1), ("听力残疾", 1), ("晕船", 1), ("恐高", 1))
_BAD_WAGES = ("很多", "？？", "看情况吧", "")
_BAD_AGES = ("200", "三百", "abc", "-5")


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


@dataclass
class Geography:
    """Where people live and work: town names (a county) or division codes (many synthetic counties)."""
    towns: list[str]                      # names or 9-digit codes
    outside: tuple[str, ...] = OUTSIDE_PLACES
    county_word: str = "合浦县"

    @classmethod
    def county(cls) -> Geography:
        return cls(list(BUILTIN_TOWNS))

    @classmethod
    def province(cls, *, cities: int = 14, counties: int = 8, towns: int = 10) -> Geography:
        """Synthetic division codes in province 45: cities × counties × towns (codes, not names)."""
        codes = [f"45{c:02d}{k + 21:02d}{100 + t:03d}" for c in range(1, cities + 1)
                 for k in range(counties) for t in range(towns)]
        return cls(codes, outside=("4419", "4403", "4406", "4420"), county_word="")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


# 字号, the trade names of invented firms ("合浦鑫海水产食品有限公司"): a person's given name glued to an
# organisation's suffix ("娟人民政府") was what the generator wrote before
BRANDS = ("鑫海", "恒丰", "宏达", "海源", "南珠", "金湾", "瑞丰", "兴旺", "富民", "顺发", "永盛", "华茂", "嘉禾", "汇通",
          "福泰", "长盛", "润丰", "锦程", "佳和", "鸿运", "德润", "广源", "裕丰", "新海", "惠民", "利达", "星海", "蓝海",
          "绿源", "康盛", "东升", "合兴", "安达", "信达", "宏图", "万利", "昌隆", "泰和", "海韵", "珠城")


def _employer(template: str, drawn: str, town: str, county_word: str) -> str:
    """An employer's name from its sector's template: `{t}` a trade name chosen by the name `drawn` from the
    random stream (drawn as before, so every later field of the synthetic data stays the same), `{town}`
    and `{county}` the posting's town and county (a government employer is the town's)."""
    brand = BRANDS[sum(map(ord, drawn)) % len(BRANDS)]
    where = town if not town.isdigit() else "某镇"
    return template.format(t=brand, town=where, county=county_word)


def _employer_city(employer: str, place: str) -> str:
    """A firm named after a Guangdong city is named after the city it works in: "东莞市新海鞋业有限公司" drawn for a job
    in 广东佛山 becomes "佛山市新海鞋业有限公司" (newuser16: the demo showed "东莞市新海鞋业有限公司 · 广东佛山"). The place
    stays as drawn, and nothing is drawn: every other field of the synthetic data stays the same."""
    for city in GUANGDONG_CITIES:
        if employer.startswith(f"{city}市") and place.startswith("广东") and place[2:] in GUANGDONG_CITIES:
            return f"{place[2:]}市{employer[len(city) + 1:]}"
    return employer


GUANGDONG_CITIES = ("东莞", "深圳", "佛山", "中山", "广州")


def seekers(n: int, *, seed: int = 0, geography: Geography | None = None, bad_rate: float = 0.0,
            prefix: str = "S") -> Iterator[Seeker]:
    geo = geography or Geography.county()
    rng = random.Random(seed)
    for i in range(n):
        sector = rng.choices(SECTORS, weights=SECTOR_WEIGHTS)[0]
        other = rng.choices(SECTORS, weights=SECTOR_WEIGHTS)[0]
        desired = rng.choice(sector.wants)
        r = rng.random()
        if r < 0.08:
            desired = rng.choice(("什么都能干", "有活就干", "不挑，能挣钱就行", "随便"))
        elif r < 0.2:
            desired = desired + "或者" + rng.choice(other.wants)
        experience = rng.choice(sector.did) if rng.random() < 0.7 else rng.choice(("无", "", "在家带孩子", rng.choice(other.did)))
        home = rng.choice(geo.towns)
        residence = home if geo.county_word == "" else home + rng.choice(("", "", "某村", "街上"))
        places = _weighted(rng, _ACCEPT)
        if rng.random() < 0.04:
            places = rng.choice(("广东东莞", "广东", "深圳")) if geo.county_word else "广东"
        age: int | str = rng.randint(16, 64)
        wage: str = rng.choice(sector.seeker_wages)
        if bad_rate and rng.random() < bad_rate:
            which = rng.random()
            if which < 0.4:
                wage = rng.choice(_BAD_WAGES[:3])
            elif which < 0.8:
                age = rng.choice(_BAD_AGES)
            else:
                desired, experience = "", ""
        yield Seeker(
            id=f"{prefix}{i + 1:07d}", name=_name(rng), gender=rng.choice("男女"), age=age,
            education=rng.choice(sector.edu_bias), residence=residence, category=rng.choice(CATEGORIES),
            desired=desired, certificates=rng.choice(sector.seeker_certs) or rng.choice(("无", "", "C1驾照", "健康证")),
            experience=experience, wage=wage, places=places, notes=_weighted(rng, _LIMITS))


def jobs(n: int, *, seed: int = 1, geography: Geography | None = None, bad_rate: float = 0.0,
         prefix: str = "J") -> Iterator[Job]:
    geo = geography or Geography.county()
    rng = random.Random(seed)
    for i in range(n):
        sector = rng.choices(SECTORS, weights=SECTOR_WEIGHTS)[0]
        title = rng.choice(sector.titles)
        if rng.random() < 0.01:
            title = rng.choice(("综合岗", "临时工", "储备干部", "杂务"))       # titles no occupation list knows (加油员 is one since session 10)
        town = rng.choice(geo.towns)
        if sector.name == "guangdong":
            place = rng.choice(geo.outside)
        elif rng.random() < 0.05:
            place = geo.county_word or town[:6]
        else:
            place = town
        employer = _employer(rng.choice(sector.employers), _name(rng), town, geo.county_word)
        employer = _employer_city(employer, place)
        wage = rng.choice(sector.wages)
        age = rng.choice(sector.ages)
        if bad_rate and rng.random() < bad_rate:
            if rng.random() < 0.5:
                wage = rng.choice(_BAD_WAGES[:3])
            else:
                age = rng.choice(("200-300岁", "老少皆宜吧"))
        job = Job(
            id=f"{prefix}{i + 1:07d}", title=title, employer=employer, headcount=rng.choice((1, 2, 3, 5, 10, 20, 50)),
            education=rng.choice(sector.education), age=age, experience=rng.choice(sector.experience),
            certificates=rng.choice(sector.certificates), wage=wage, place=place,
            description=rng.choice(sector.descriptions), benefits=rng.choice(sector.benefits))
        if title in ROLE_DETAILS:
            descriptions, certificates = ROLE_DETAILS[title]
            job = replace(job, description=descriptions[i % len(descriptions)],
                          certificates=certificates[i % len(certificates)])
        yield job


SEEKER_HEADERS = ("编号", "姓名", "性别", "年龄", "学历", "现居住地", "人员类别", "求职意向", "技能证书", "工作经历", "期望月薪",
                  "可接受工作地点", "备注")
JOB_HEADERS = ("编号", "单位名称", "岗位名称", "招聘人数", "学历要求", "年龄要求", "经验要求", "技能证书要求", "月薪", "工作地点",
               "岗位描述", "福利待遇")


def seeker_row(s: Seeker) -> list[str]:
    return [s.id, s.name, s.gender, str(s.age), s.education, s.residence, s.category, s.desired, str(s.certificates),
            s.experience, s.wage, s.places, s.notes]


def job_row(j: Job) -> list[str]:
    return [j.id, j.employer, j.title, str(j.headcount or ""), j.education, j.age, j.experience, str(j.certificates),
            j.wage, j.place, j.description, j.benefits]
