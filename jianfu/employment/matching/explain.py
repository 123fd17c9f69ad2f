"""为何推荐: the requirements a pair meets and those it does not, in short Chinese phrases."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from jianfu.employment.matching.features import (
    NO_PLACE,
    UNKNOWN_EDU,
    W_CERT,
    W_DESIRED,
    W_EXPERIENCE,
    W_SEMANTIC,
)
from jianfu.employment.matching.occupations import OCCUPATIONS, OPEN_CODE, RELATED
from jianfu.employment.matching.parse import (
    CERT_BITS,
    DEMAND_BITS,
    DEMAND_LABELS,
    EDUCATION_LEVELS,
    gender_phrase,
    men_only_lawful,
)
from jianfu.employment.matching.places import LEVEL_NAMES, Gazetteer

if TYPE_CHECKING:
    import numpy as np

    from jianfu.employment.matching.features import JobTable, SeekerTable
    from jianfu.employment.matching.outcomes import OutcomeModel
    from jianfu.employment.matching.types import Job, Seeker


def _certs(bits: int) -> list[str]:
    return [name for name, bit in CERT_BITS.items() if bits & bit]


def _code(levels: np.ndarray) -> str:
    for value in reversed(levels.tolist()):
        if value >= 0:
            return str(value)
    return ""


def explain(S: SeekerTable, i: int, J: JobTable, j: int, *, seeker: Seeker, job: Job, gazetteer: Gazetteer,
            outcomes: OutcomeModel | None = None) -> tuple[list[str], list[str]]:
    met: list[str] = []
    unmet: list[str] = []
    jo = int(J.occ[j])
    sos = [(int(o), round(float(w), 2)) for o, w in zip(S.occ[i], S.occ_w[i], strict=True) if o >= 0]
    if jo >= 0:
        name = OCCUPATIONS[jo].name
        same = [w for o, w in sos if o == jo]
        middle = [w for o, w in sos if OCCUPATIONS[o].middle == OCCUPATIONS[jo].middle]
        related = [o for o, _ in sos if OCCUPATIONS[jo].code in RELATED.get(OCCUPATIONS[o].code, {})]
        if same and same[0] == W_DESIRED:
            met.append(f"求职意向相符（{name}）")
        elif same and same[0] == W_EXPERIENCE:
            met.append(f"有相关工作经历（{name}）")
        elif same and same[0] == W_SEMANTIC:
            met.append(f"求职意向与此工种相近（{name}，按词义推断）")
        elif same and same[0] == W_CERT:
            met.append(f"持有本工种证书（{name}）")
        elif same or (related and OCCUPATIONS[related[0]].code == OPEN_CODE):
            met.append(f"入门岗位，无需专门技能（{name}）")
        elif related:
            met.append(f"与求职意向相近（{OCCUPATIONS[related[0]].name}→{name}）")
        elif middle:
            met.append(f"与求职意向同类（{name}）")
        else:
            unmet.append(f"与求职意向不同（{name}）")
    else:
        unmet.append("岗位工种未能识别")
    age = int(S.age[i])
    lo, hi = int(J.age_min[j]), int(J.age_max[j])
    if lo > 0 or hi < 200:
        span = f"{lo if lo > 0 else ''}–{hi if hi < 200 else ''}岁".replace("–岁", "岁以上") if hi >= 200 else \
            (f"{lo}–{hi}岁" if lo > 0 else f"{hi}岁以下")
        if age < 0:
            unmet.append(f"年龄未填，岗位要求{span}")
        else:
            met.append(f"年龄{age}岁符合{span}")
    if J.edu[j] > 0:
        if S.edu[i] == UNKNOWN_EDU:
            unmet.append(f"学历未填，岗位要求{EDUCATION_LEVELS[int(J.edu[j])]}及以上")
        else:
            met.append(f"学历满足{EDUCATION_LEVELS[int(J.edu[j])]}及以上")
    req = _certs(int(J.cert_req[j]))
    if req:
        met.append("持有" + "、".join(req))
    pref = _certs(int(J.cert_pref[j]))
    if pref:
        have = [c for c in pref if int(S.certs[i]) & CERT_BITS[c]]
        if have:
            met.append("持有优先证书" + "、".join(have))
        else:
            unmet.append("无优先证书" + "、".join(pref))
    if J.place_known[j]:
        # a posting at two places is described at the one nearer the seeker (the one the kernel scored)
        places = [J.place[j]] + ([J.place2[j]] if J.place2[j, 0] != NO_PLACE else [])
        levels = [5 - int(sum(S.home[i, lvl] == p[lvl] for lvl in range(5))) for p in places]
        level = min(levels)
        nearest = places[levels.index(level)]
        where = gazetteer.name_of(_code(nearest))
        named = [gazetteer.name_of(str(int(v))) for li, v in S.explicit[i].tolist()
                 if li != 5 and any(p[li] == v for p in places)]
        if named and level > 1:
            met.append(f"工作地点{where}，是本人想去的地方（{named[0]}）")
        else:
            met.append(f"工作地点{where}（{LEVEL_NAMES[level]}），在可接受范围内")
    elif str(job.place).strip():
        unmet.append(f"工作地点“{str(job.place).strip()[:20]}”未能识别，请核实路程")
    wanted = float(S.wage[i])
    offered_hi, offered_lo = float(J.wage_hi[j]), float(J.wage_lo[j])
    if not math.isnan(offered_hi):
        offer = f"{offered_lo:.0f}–{offered_hi:.0f}元" if offered_hi != offered_lo else f"{offered_hi:.0f}元"
        if math.isnan(wanted):
            met.append(f"月薪{offer}")
        elif offered_hi >= wanted:
            met.append(f"月薪{offer}，达到期望{wanted:.0f}元")
        else:
            unmet.append(f"月薪{offer}，低于期望{wanted:.0f}元")
    else:
        unmet.append("月薪面议或未注明")
    if J.years[j] > 0:
        if S.years[i] >= J.years[j]:
            met.append(f"经验满足{J.years[j]:g}年")
        else:
            unmet.append(f"经验不足（要求{J.years[j]:g}年）")
    demands = int(J.demands[j])
    limits = [DEMAND_LABELS[d] for d, bit in DEMAND_BITS.items()
              if int(S.cannot[i]) & bit and not demands & bit and d not in ("NO_HOUSING", "MEN_ONLY_LAWFUL")]
    if int(S.cannot[i]) & DEMAND_BITS["NO_HOUSING"] and not demands & DEMAND_BITS["NO_HOUSING"]:
        met.append("提供住宿")       # a wish met, said plainly (not "不涉及其不能做的不提供住宿")
    if limits:
        met.append("不涉及其不能做的" + "、".join(limits[:3]))
    if outcomes is not None and jo >= 0:
        key = (int(S.occ[i, 0]) if S.occ[i, 0] >= 0 else len(OCCUPATIONS), jo)
        pos, neg = outcomes.counts.get(key, (0.0, 0.0))
        if pos > neg:
            met.append("同类求职者在此类岗位上有面试或录用记录")
        elif neg > pos:
            unmet.append("同类求职者曾拒绝或被拒此类岗位")
    return met, unmet


def notices(job: Job) -> list[str]:
    """What the seeker and the clerk must know about the posting itself, whoever the seeker is. A gender requirement
    is possible discrimination (ADR 0027): it is not applied, and the seeker is told it binds nobody and where to turn if refused — except
    where the law closes the work to women (parse.men_only_lawful), a hard constraint the matcher applies."""
    text = f"{job.title} {job.description}"[:2000]
    phrase = gender_phrase(text)
    if not phrase or men_only_lawful(text):
        return []
    # true whatever the office has decided about the posting, and in a batch run with no office at all
    return [f"该岗位写有性别要求（“{phrase}”），用人单位不得以性别为由拒绝录用；求职者不受此限制，可照常报名，遇到拒绝可向人社部门反映"]


def sentence(met: list[str], unmet: list[str], notes: list[str] | None = None) -> str:
    text = "为何推荐：" + ("；".join(met) if met else "综合条件接近")
    if unmet:
        text += "。不足：" + "；".join(unmet)
    if notes:
        text += "。提示：" + "；".join(notes)
    return text + "。"
