"""Header matching: propose, for each header cell of a department's form, the data element it means (pure).

A header such as "其中：60周岁以上老年人数（人）" is read into
- text features: jieba tokens and characters, compared with rapidfuzz to each element's name,
  synonyms and cell labels;
- structured features: an age range (≥60), a gender, a unit (人/户/元/%/次 …), which must agree with
  the candidate's own filters and unit — a text match with the wrong age or unit is demoted.

Candidates are every element, and every element × single category option (so "女性低保对象" can
map straight to 低保对象人数（女）). Structural headers (序号, 村名, 备注, 填表人 …) map to nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import AGE, Catalog, DataElement, Predicate

try:  # jieba is a declared dependency; keep the import lazy-safe for tools that only load YAML
    import jieba

    jieba.setLogLevel(60)
except ImportError:  # pragma: no cover
    jieba = None
from rapidfuzz import fuzz

STRUCTURAL = re.compile(
    r"^(序号|编号|行次|单位|单位名称|填报单位|村|村名|村（社区）|村（社区）名称|村居名称|社区名称|乡镇|乡镇名称|乡镇（街道）|"
    r"名称|项目|指标|指标名称|备注|说明|填表人|填报人|审核人|负责人|联系电话|电话|填报日期|日期|时间|合计|总计|小计|"
    r"姓名|身份证号|身份证号码|地址|家庭住址|签字|盖章)$")

UNIT_WORDS = {
    "%": "%", "％": "%", "人": "人", "户": "户", "元": "元", "万元": "万元", "个": "个", "家": "个",
    "次": "次", "人次": "人次", "件": "件", "处": "处", "套": "套", "间": "套", "名": "人", "位": "人",
}
UNIT_CLASS = {"人": "people", "人次": "count", "户": "households", "元": "money", "万元": "money",
              "%": "ratio", "个": "units", "次": "count", "件": "count", "处": "count", "套": "units"}

CN_NUM = {"十八": 18, "十六": 16, "六十五": 65, "六十": 60, "七十": 70, "八十": 80, "九十": 90, "一百": 100,
          "百": 100, "十四": 14, "十五": 15}

STOP = {"其中", "数", "人数", "数量", "情况", "本期", "本月", "累计", "合计", "总数", "个数", "人口数", "的", "（", "）",
        "(", ")", "：", ":", "、", "及", "和", "名", "共", "现有", "辖区", "辖区内", "户数"}

# ------------------------------------------------------------------ features


@dataclass(frozen=True)
class Features:
    text: str  # normalised header without units, ages, "其中"
    tokens: tuple[str, ...]
    age: tuple[int | None, int | None] | None  # [lo, hi) in years, None = not mentioned
    gender: str | None
    unit: str | None
    age_implied: bool = False  # from words (儿童, 老年人) rather than numbers


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）.、]", "", text)  # "1." "（一）" "3、"
    text = re.sub(r"^[①②③④⑤⑥⑦⑧⑨⑩]", "", text)
    return text


_UNIT_PAREN = re.compile(r"[(（]\s*(?:单位[:：])?\s*(%|％|人次|万元|元|人|户|个|家|次|件|处|套|间|名|位)\s*[)）]")
_AGE_RANGE = re.compile(r"(\d{1,3})\s*(?:周岁|岁)?\s*[-—~～至到]\s*(\d{1,3})\s*(?:周岁|岁)")
_AGE_GTE = re.compile(r"(\d{1,3})\s*(?:周岁|岁)\s*(及以上|以上|以上的|\+|和以上)")
_AGE_LT = re.compile(r"(?:未满|不满)\s*(\d{1,3})\s*(?:周岁|岁)|(\d{1,3})\s*(?:周岁|岁)\s*(以下|及以下)")
_AGE_BARE = re.compile(r"(\d{1,3})\s*(?:周岁|岁)")


def _cn_numbers(text: str) -> str:
    for k in sorted(CN_NUM, key=len, reverse=True):
        text = re.sub(k + r"(?=周岁|岁)", str(CN_NUM[k]), text)
    return text.replace("百岁", "100岁及以上")


def extract(text: str) -> Features:
    t = normalise(text)
    unit = None
    m = _UNIT_PAREN.search(t)
    if m:
        unit = UNIT_WORDS[m.group(1)]
        t = t[: m.start()] + t[m.end():]
    t = _cn_numbers(t)
    age: tuple[int | None, int | None] | None = None
    if m := _AGE_RANGE.search(t):
        lo, hi = int(m.group(1)), int(m.group(2))
        age = (lo, hi + 1)
        t = t[: m.start()] + t[m.end():]
    elif m := _AGE_LT.search(t):
        n = int(m.group(1) or m.group(2))
        age = (None, n + 1 if m.group(3) == "及以下" else n)
        t = t[: m.start()] + t[m.end():]
    elif (m := _AGE_GTE.search(t)) or (m := _AGE_BARE.search(t)):
        age = (int(m.group(1)), None)
        t = t[: m.start()] + t[m.end():]
    if age is not None and age[0] == 0:
        age = (None, age[1])
    implied = False
    if age is None:
        if re.search(r"儿童|未成年|女童|男童", t):
            age, implied = (None, 18), True
        elif re.search(r"老年|老人", t):
            age, implied = (60, None), True
        elif re.search(r"劳动年龄", t):  # 16 to 59 (the catalogue's working age)
            age, implied = (16, 60), True
    gender = None
    if re.search(r"女|妇女|孕产妇", t) and not re.search(r"男女|儿女|子女", t):
        gender = "F"
    elif re.search(r"男(?!女)", t):
        gender = "M"
    if gender:  # the gender is a feature now; the word itself would only blur the text match
        t = re.sub(r"女性|男性|妇女|女童|男童|(?<!妇)女|男", "", t) or t
    if unit is None:
        if re.search(r"率|比例|占比|比重|百分比", t):
            unit = "%"
        elif re.search(r"金额|资金|支出|补贴发放|元$", t):
            unit = "元"
        elif re.search(r"户数|户$|家庭数", t):
            unit = "户"
        elif re.search(r"人次", t):
            unit = "人次"
        elif re.search(r"次数", t):
            unit = "次"
        elif re.search(r"件数", t):
            unit = "件"
    core = re.sub(r"^其中[:：]?", "", t)
    core = re.sub(r"[(（][^)）]*[)）]$", "", core) or core
    core = re.sub(r"按.{1,6}分", "", core)  # "按年龄分": a grouping caption, not a subject
    if not re.sub(r"[\W\d]", "", core):  # nothing but an age band or a gender: a count of persons
        core = "人口数"
    return Features(core, _tokens(core), age, gender, unit, implied)


def _tokens(text: str) -> tuple[str, ...]:
    words = jieba.lcut(text) if jieba else list(text)
    return tuple(w for w in words if w.strip() and w not in STOP)


def can_qualify(leaf: str, parent: str) -> bool:
    """Whether a sub-column ("其中：60岁以上", "女") can be a part of the column `parent`: its age band lies within
    the parent's (an age implied by a word counts: 未成年人 is under 18, 老年人 60 and over, 劳动年龄 16 to 59) and
    its gender does not contradict the parent's. "60岁以上" cannot qualify "随迁未成年人数"; "女" cannot qualify
    "男性人数"; a leaf that names neither qualifies any parent."""
    lf, pf = extract(leaf), extract(parent)
    if lf.gender and pf.gender and lf.gender != pf.gender:
        return False
    if lf.age is None or pf.age is None:
        return True
    (llo, lhi), (plo, phi) = lf.age, pf.age
    low_ok = plo is None or (llo is not None and llo >= plo)
    high_ok = phi is None or (lhi is not None and lhi <= phi)
    return low_ok and high_ok


def choose_parent(leaf: str, parents: Iterable[str]) -> str | None:
    """The nearest of `parents` (nearest first) that `leaf` can qualify, or None."""
    return next((p for p in parents if can_qualify(leaf, p)), None)


# ------------------------------------------------------------------ candidates


@dataclass(frozen=True)
class Candidate:
    element: str
    by: tuple[tuple[str, str], ...]
    label: str
    aliases: tuple[Features, ...]
    age: tuple[int | None, int | None] | None
    gender: str | None
    unit: str

    @property
    def ref(self) -> str:
        return self.element + ("[" + ",".join(f"{c}={o}" for c, o in self.by) + "]" if self.by else "")


def _age_of(preds: Iterable[Predicate]) -> tuple[int | None, int | None] | None:
    lo: int | None = None
    hi: int | None = None
    found = False
    for p in preds:
        if p.column != AGE:
            continue
        found = True
        v = p.years
        if p.op in ("gte", "gt"):
            v = v if p.op == "gte" else v + 1
            lo = v if lo is None else max(lo, v)
        else:
            v = v if p.op == "lt" else v + 1
            hi = v if hi is None else min(hi, v)
    return (lo, hi) if found else None


def _gender_of(preds: Iterable[Predicate]) -> str | None:
    for p in preds:
        if p.column == "gender" and p.op == "eq":
            return str(p.value)
    return None


def _strip_age(name: str) -> str:
    t = _cn_numbers(normalise(name))
    for rx in (_AGE_RANGE, _AGE_LT, _AGE_GTE, _AGE_BARE):
        t = rx.sub("", t)
    return t


def build_candidates(catalog: Catalog) -> list[Candidate]:
    out = []
    for el in catalog.elements.values():
        base_preds: tuple[Predicate, ...] = el.predicates
        names = (el.name, *el.synonyms)
        out.append(Candidate(el.code, (), el.name, tuple(extract(n) for n in names),
                             _age_of(base_preds), _gender_of(base_preds), el.unit))
        for cat_code in el.categories:
            cat = catalog.categories[cat_code]
            for opt in cat.options:
                preds = base_preds + opt.predicates
                label = catalog.cell_label(el, ((cat_code, opt.code),))
                aliases = tuple(extract(f"{opt.name}{_strip_age(n)}") for n in names[:4])
                out.append(Candidate(el.code, ((cat_code, opt.code),), label,
                                     (extract(label), *aliases), _age_of(preds), _gender_of(preds), el.unit))
    return out


# ------------------------------------------------------------------ scoring


@dataclass
class Suggestion:
    ref: str  # "elderly_60" or "elderly_60[gender=F]"
    element: str
    by: tuple[tuple[str, str], ...]
    label: str
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Match:
    header: str
    best: Suggestion | None
    alternatives: list[Suggestion]
    structural: bool = False


def _text_score(h: Features, a: Features) -> float:
    tok = fuzz.token_sort_ratio(" ".join(h.tokens), " ".join(a.tokens)) if h.tokens and a.tokens else 0
    chars = fuzz.ratio(h.text, a.text)
    part = fuzz.partial_ratio(h.text, a.text) if min(len(h.text), len(a.text)) >= 2 else 0
    return 0.45 * tok + 0.25 * chars + 0.30 * part


def _unit_class(u: str | None) -> str | None:
    return UNIT_CLASS.get(u) if u else None


#: How many of the best candidates (by text, age, gender, unit) are scored again with `_missing_words`.
RESCORED = 40
#: What each word of the header that a name lacks costs (see `_missing_words`), at most `MISSING_MAX` in all.
MISSING_COST = 8.0
MISSING_MAX = 12.0


def _missing_words(h: Features, a: Features) -> list[str]:
    """The header's words that the name `a` does not contain. A name lacking a word the header says is a different
    fact more often than a name that adds one the header leaves out: "就业率(%)" is not 登记失业率 (it lacks 就业; the
    names share 业率), while 重点群体就业率 only adds the group (tryout27 #3). Character similarity alone scores the
    short opposite name higher."""
    missing = [w for w in h.tokens if w not in a.text]
    if not missing:
        return missing
    extra = [chars for v, chars in zip(a.tokens, _chars(a.tokens), strict=True) if v not in h.text]
    if not extra:
        return []
    return [w for w, chars in zip(missing, _chars(tuple(missing)), strict=True)
            if any(_replaces(chars, v) for v in extra)]


@functools.lru_cache(maxsize=4096)
def _chars(words: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(w) for w in words)


def _replaces(word: frozenset[str], other: frozenset[str]) -> bool:
    """`other` is `word` with a character swapped — they share one and each has one the other lacks (就业率 / 失业率,
    已就业 / 未就业) —, not a shortening of it (老年人 / 老人) nor an unrelated word."""
    return bool(word & other) and bool(word - other) and bool(other - word)


def _alias_score(h: Features, a: Features) -> float:
    return _text_score(h, a) - min(MISSING_MAX, MISSING_COST * len(_missing_words(h, a)))


def score(h: Features, c: Candidate, *, words: bool = True) -> tuple[float, list[str]]:
    """`words`: charge for the header's words a name replaces (`_missing_words`); the matcher scores every
    candidate without, then the best `RESCORED` with it (the charge only lowers a score)."""
    text = max((_alias_score if words else _text_score)(h, a) for a in c.aliases)
    s = text
    reasons = [f"文字相似度 {text:.0f}"]
    if h.age is not None and h.age_implied:
        if c.age == h.age:
            s += 6
    elif h.age is not None:
        if c.age == h.age:
            s += 22
            reasons.append("年龄范围一致")
        elif c.age is None:
            s -= 18
        else:
            s -= 30
    elif c.age is not None:
        s -= 6
    if h.gender is not None:
        if c.gender == h.gender:
            s += 14
            reasons.append("性别一致")
        elif c.gender is None:
            s -= 14
        else:
            s -= 30
    elif c.gender is not None:
        s -= 16
    hu, cu = _unit_class(h.unit), _unit_class(c.unit)
    if hu and cu:
        if hu == cu:
            s += 8
            reasons.append(f"单位一致（{c.unit}）")
        elif {hu, cu} <= {"people", "count"}:
            s -= 4
        else:
            s -= 25
    return s, reasons


def _order(x: tuple[float, Candidate, list[str]]) -> tuple[float, int, str]:
    return (-x[0], len(x[1].by), x[1].ref)


class HeaderMatcher:
    """Ranks data elements for header texts. Build once per catalog, reuse for many headers."""

    def __init__(self, catalog: Catalog, *, threshold: float = 55.0):
        self.catalog = catalog
        self.threshold = threshold
        self.candidates = build_candidates(catalog)
        self._facts = {c.ref: fact_key(catalog, c.ref) for c in self.candidates}

    def match(self, header: str, *, parent: str | None = None, top: int = 3) -> Match:
        raw = normalise(header)
        if not raw or STRUCTURAL.match(re.sub(r"[(（].*?[)）]", "", raw)):
            return Match(header, None, [], structural=True)
        text = header
        # a short sub-column ("女", "其中：60岁以上") is read together with its parent column — one it can be a part
        # of: "60岁以上" is not a part of "随迁未成年人数", and is then read alone
        if parent and (len(extract(header).text) <= 4 or raw.startswith("其中")) and can_qualify(header, parent):
            leaf = re.sub(r"^其中[:：]?", "", raw)
            if re.search(r"户数|户$|人数|人$", extract(leaf).text or leaf):
                # "低保对象 / 户数": the group's subject with the leaf's measure (低保户数)
                parent = re.sub(r"(对象|人员)$", "", re.sub(r"[(（][^)）]*[)）]$", "", normalise(parent)))
            text = f"{parent}{leaf}"
        h = extract(text)
        scored = []
        for c in self.candidates:
            s, reasons = score(h, c, words=False)
            scored.append((s, c, reasons))
        scored.sort(key=_order)
        for i, (_s, c, _r) in enumerate(scored[:RESCORED]):
            s, reasons = score(h, c)
            scored[i] = (s, c, reasons)
        scored.sort(key=_order)
        out: list[Suggestion] = []
        seen: dict[tuple[object, ...], int] = {}
        for s, c, reasons in scored:
            fact = self._facts[c.ref]
            if fact in seen:  # the same fact under another name: keep the simpler name
                i = seen[fact]
                if len(c.by) < len(out[i].by):
                    out[i] = Suggestion(c.ref, c.element, c.by, c.label, out[i].score, reasons)
                continue
            if len(out) == top:
                continue
            seen[fact] = len(out)
            out.append(Suggestion(c.ref, c.element, c.by, c.label, round(min(max(s, 0), 100), 1), reasons))
        best = out[0] if out and out[0].score >= self.threshold else None
        return Match(header, best, out)


def fact_key(catalog: Catalog, ref: str) -> tuple[object, ...]:
    """What a candidate counts, independent of how it is named: two refs with the same key are the
    same fact (e.g. 低保家庭未成年人数 and 低保对象人数（0-17岁）)."""
    code, by = parse_ref(ref)
    el = catalog.elements.get(code)
    if el is None:
        return ("?", ref)
    if not el.is_computed:
        return ("element", code)
    preds = list(el.predicates)
    for cat_code, opt_code in by:
        cat = catalog.categories.get(cat_code)
        opt = cat.option(opt_code) if cat else None
        if opt is None:
            return ("?", ref)
        preds.extend(opt.predicates)
    keys = set()
    for p in preds:
        keys.add((p.column, p.op, p.value))
    # age bounds: keep only the tightest ones
    return (el.subject, el.kind, el.field, _age_of(preds),
            tuple(sorted((k for k in keys if k[0] != AGE), key=repr)))


def parse_ref(ref: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """'elderly_60[gender=F]' → ('elderly_60', (('gender', 'F'),))."""
    m = re.match(r"^([a-z][a-z0-9_]*)(?:\[(.*)\])?$", ref.strip())
    if not m:
        raise ValueError(ref)
    by = tuple(tuple(p.split("=", 1)) for p in m.group(2).split(",")) if m.group(2) else ()
    return m.group(1), by


def element_summary(el: DataElement) -> str:
    return f"{el.name}（{el.unit}）" if el.unit else el.name
