"""The import vocabulary: which registry fields a ledger column can map to, the header texts that usually
name them, and the synonyms accepted for every enumeration. Pure data, no Django.

The enumeration codes equal the TextChoices values in `jianfu.registry.models` (a test checks it).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


@lru_cache(maxsize=8192)
def norm_token(value: str) -> str:
    """Normalise a header or enumeration text for lookup: NFKC (full-width → half-width), no spaces or
    punctuation that ledgers sprinkle around (（）()*：:), lower case."""
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    for ch in " \t\r\n*:：()（）[]【】\u3000-_/、":
        text = text.replace(ch, "")
    return text


# kind: text | id_number | phone | date | int | bool | enum | ethnicity | org_code | grid_code
@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str
    headers: tuple[str, ...] = ()
    vocab: str = ""  # enum vocabulary name for kind == "enum"
    max_length: int = 0
    flags: tuple[str, ...] = field(default=())


ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "gender": {
        "M": ("男", "男性", "m", "male", "1"),
        "F": ("女", "女性", "f", "female", "2"),
    },
    "relation_to_head": {
        "head": ("户主", "本人", "户主本人"),
        "spouse": ("配偶", "妻", "妻子", "夫", "丈夫", "夫妻"),
        "child": ("子女", "子", "儿子", "长子", "次子", "三子", "女", "女儿", "长女", "次女", "三女", "养子",
                  "养女", "继子", "继女"),
        "child_in_law": ("儿媳", "媳", "女婿", "儿媳/女婿", "儿媳女婿"),
        "grandchild": ("孙子女", "孙子", "孙女", "外孙", "外孙子", "外孙女"),
        "parent": ("父母", "父亲", "母亲", "父", "母"),
        "grandparent": ("祖父母", "祖父", "祖母", "外祖父", "外祖母"),
        "sibling": ("兄弟姐妹", "兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"),
        "other": ("其他", "其它", "其他亲属", "非亲属"),
    },
    "education": {
        "none": ("未上过学", "未上学", "文盲", "无", "文盲或半文盲", "半文盲", "学龄前"),
        "primary": ("小学",),
        "junior": ("初中",),
        "senior": ("高中/中专", "高中", "中专", "职高", "技校", "中技", "高中中专"),
        "college": ("大专", "专科", "大学专科", "高职"),
        "bachelor": ("本科", "大学本科", "大学"),
        "postgraduate": ("研究生", "硕士", "博士", "硕士研究生", "博士研究生"),
    },
    "political_status": {
        "party_member": ("中共党员", "党员", "共产党员"),
        "probationary_member": ("中共预备党员", "预备党员"),
        "league_member": ("共青团员", "团员"),
        "masses": ("群众",),
        "other": ("其他", "民主党派", "无党派人士", "无党派"),
    },
    "marital_status": {
        "unmarried": ("未婚",),
        "married": ("已婚", "初婚", "再婚", "复婚", "有配偶"),
        "divorced": ("离婚", "离异"),
        "widowed": ("丧偶",),
    },
    "residence_status": {
        "huji": ("户籍", "户籍人口", "本地户籍", "户籍在册"),
        "changzhu": ("常住", "常住人口", "常住非户籍"),
        "liudong": ("流动", "流动人口", "外来人口", "暂住"),
    },
    "employment_status": {
        "employed": ("就业", "在岗", "务工", "已就业", "务农", "外出务工", "本地务工"),
        "unemployed": ("失业", "待业", "无业", "登记失业"),
        "student": ("在校学生", "学生", "在校生", "在读"),
        "retired": ("离退休", "退休", "离休"),
        "not_in_labour_force": ("非劳动力", "无劳动能力", "丧失劳动能力", "学龄前儿童"),
        "flexible": ("灵活就业", "自由职业", "零工"),
    },
    "disability_category": {
        "": ("无", "否", "非残疾", "健全"),
        "visual": ("视力残疾", "视力", "视残", "盲"),
        "hearing": ("听力残疾", "听力", "听残", "聋"),
        "speech": ("言语残疾", "言语", "语言残疾"),
        "physical": ("肢体残疾", "肢体", "肢残"),
        "intellectual": ("智力残疾", "智力", "智残"),
        "mental": ("精神残疾", "精神", "精残"),
        "multiple": ("多重残疾", "多重", "综合残疾"),
    },
    "insurance": {
        "employee": ("职工", "城镇职工", "职工医保", "职工养老", "城镇职工基本医疗保险", "城镇职工基本养老保险",
                     "企业职工"),
        "resident": ("城乡居民", "居民", "新农合", "新农保", "城乡居民医保", "城乡居民养老", "居民医保",
                     "居民养老", "城乡居民基本医疗保险", "城乡居民基本养老保险", "已参保"),
        "none": ("未参保", "无", "否", "未参加"),
    },
    "status": {
        "active": ("在册", "正常", "在世", "健在"),
        "deceased": ("已故", "死亡", "去世"),
        "moved_out": ("已迁出", "迁出", "外迁"),
    },
    "disability_grade": {
        "1": ("1", "一级", "1级", "一"),
        "2": ("2", "二级", "2级", "二"),
        "3": ("3", "三级", "3级", "三"),
        "4": ("4", "四级", "4级", "四"),
    },
}

# Lookup tables built once: vocab → normalised synonym → code. The code itself is accepted too.
_ENUM_LOOKUP: dict[str, dict[str, str]] = {}
for _name, _codes in ENUMS.items():
    table: dict[str, str] = {}
    for _code, _syns in _codes.items():
        if _code:
            table[norm_token(_code)] = _code
        for _s in _syns:
            table[norm_token(_s)] = _code
    _ENUM_LOOKUP[_name] = table


def enum_lookup(vocab: str, value: str) -> str | None:
    """The code for a synonym, or None when the text is unknown."""
    return _ENUM_LOOKUP[vocab].get(norm_token(value))


def enum_examples(vocab: str, limit: int = 6) -> str:
    """A short list of accepted words, for error messages."""
    words = [syns[0] for syns in ENUMS[vocab].values() if syns]
    return "、".join(words[:limit])


BOOL_TRUE = frozenset(norm_token(s) for s in ("是", "y", "yes", "true", "1", "√", "✓", "有", "对", "t"))
BOOL_FALSE = frozenset(norm_token(s) for s in ("否", "n", "no", "false", "0", "×", "x", "无", "不是", "f"))

# The 56 ethnic groups (GB/T 3304) plus the codes for others; '汉' is accepted for '汉族' and so on.
ETHNICITIES = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族",
    "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族",
    "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族",
    "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族",
    "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族",
    "门巴族", "珞巴族", "基诺族", "穿青人", "其他", "外国血统中国籍人士",
)
_ETHNICITY_LOOKUP = {norm_token(e): e for e in ETHNICITIES}
_ETHNICITY_LOOKUP.update({norm_token(e[:-1]): e for e in ETHNICITIES if e.endswith("族")})
# GB/T 3304 numeric codes 01..56
_ETHNICITY_LOOKUP.update({f"{i:02d}": e for i, e in enumerate(ETHNICITIES[:56], start=1)})


def ethnicity_lookup(value: str) -> str | None:
    return _ETHNICITY_LOOKUP.get(norm_token(value))


FLAG_HEADERS: dict[str, tuple[str, ...]] = {
    "is_dibao": ("低保", "是否低保", "低保对象", "低保户", "是否低保对象"),
    "is_tekun": ("特困", "是否特困", "特困人员", "特困供养", "是否特困人员", "五保"),
    "is_orphan": ("孤儿", "是否孤儿"),
    "is_left_behind_child": ("留守儿童", "是否留守儿童"),
    "is_left_behind_elder": ("留守老人", "是否留守老人"),
    "is_veteran": ("退役军人", "是否退役军人"),
    "is_poverty_alleviated": ("脱贫人口", "是否脱贫人口", "脱贫户", "建档立卡"),
    "is_monitoring_target": ("防返贫监测对象", "监测对象", "是否监测对象", "是否防返贫监测对象"),
    "is_entitled_group": ("优抚对象", "是否优抚对象"),
}
FLAG_LABELS: dict[str, str] = {
    "is_dibao": "低保", "is_tekun": "特困", "is_orphan": "孤儿", "is_left_behind_child": "留守儿童",
    "is_left_behind_elder": "留守老人", "is_veteran": "退役军人", "is_poverty_alleviated": "脱贫人口",
    "is_monitoring_target": "防返贫监测对象", "is_entitled_group": "优抚对象",
}

PERSON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", "text", ("姓名", "名字", "人员姓名", "成员姓名"), max_length=50),
    FieldSpec("id_number", "身份证号", "id_number",
              ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "证件号", "身份证件号码")),
    FieldSpec("gender", "性别", "enum", ("性别",), vocab="gender"),
    FieldSpec("birth_date", "出生日期", "date", ("出生日期", "出生年月日", "生日", "出生年月")),
    FieldSpec("ethnicity", "民族", "ethnicity", ("民族",)),
    FieldSpec("education", "文化程度", "enum", ("文化程度", "学历", "受教育程度"), vocab="education"),
    FieldSpec("political_status", "政治面貌", "enum", ("政治面貌",), vocab="political_status"),
    FieldSpec("marital_status", "婚姻状况", "enum", ("婚姻状况", "婚姻状态", "婚否"), vocab="marital_status"),
    FieldSpec("residence_status", "居住状态", "enum", ("居住状态", "人口类型", "户籍类型", "人口类别"),
              vocab="residence_status"),
    FieldSpec("employment_status", "就业状态", "enum", ("就业状态", "就业情况", "就业状况"),
              vocab="employment_status"),
    FieldSpec("disability_category", "残疾类别", "enum", ("残疾类别", "残疾类型", "残疾情况"),
              vocab="disability_category"),
    FieldSpec("disability_grade", "残疾等级", "enum", ("残疾等级", "残疾级别"), vocab="disability_grade"),
    *(FieldSpec(flag, FLAG_LABELS[flag], "bool", FLAG_HEADERS[flag]) for flag in FLAG_HEADERS),
    FieldSpec("health_insurance", "医疗保险", "enum", ("医疗保险", "医保", "医保类型", "医疗保险类型", "参加医疗保险"),
              vocab="insurance"),
    FieldSpec("pension_insurance", "养老保险", "enum", ("养老保险", "养老保险类型", "参加养老保险", "养老"),
              vocab="insurance"),
    FieldSpec("phone", "联系电话", "phone", ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式")),
    FieldSpec("address", "住址", "text", ("住址", "家庭住址", "现住址", "居住地址", "地址"), max_length=200),
    FieldSpec("org_code", "村（社区）代码", "org_code",
              ("村代码", "村社区代码", "所属村代码", "区划代码", "村居代码", "统计用区划代码")),
    FieldSpec("grid_code", "网格代码", "grid_code", ("网格代码", "网格编码", "网格编号")),
    FieldSpec("household_number", "户编号", "text", ("户编号", "户号", "家庭编号", "户籍编号"), max_length=32),
    FieldSpec("relation_to_head", "与户主关系", "enum", ("与户主关系", "与户主的关系", "家庭关系"),
              vocab="relation_to_head"),
    FieldSpec("status", "人员状态", "enum", ("人员状态", "状态"), vocab="status"),
)

FIELDS_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in PERSON_FIELDS}

_HEADER_LOOKUP: dict[str, str] = {}
for _f in PERSON_FIELDS:
    for _h in _f.headers:
        _HEADER_LOOKUP.setdefault(norm_token(_h), _f.key)


def guess_field(header: str) -> str | None:
    """The registry field a header most likely names (exact synonym match after normalisation)."""
    return _HEADER_LOOKUP.get(norm_token(header))
