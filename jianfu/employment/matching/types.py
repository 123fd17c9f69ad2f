"""The public data types of the matching core. Fields are the words people fill in (as in the import
sheets); the matcher parses them. A caller that already holds normalised data may pass
`occupation_codes` (codes of `occupations.OCCUPATIONS`) and a list of certificate names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Seeker:
    id: str
    age: int | str | None = None
    education: str = ""                 # 学历: 初中 / 高中 / 中专 / 大专 …
    residence: str = ""                 # 现居住地: a village or town name (or a division code)
    desired: str = ""                   # 求职意向, free text: "做过流水线，想进厂"
    certificates: str | Sequence[str] = ""   # 技能证书
    experience: str = ""                # 工作经历
    wage: str = ""                      # 期望月薪: "3000以上" / "面议"
    places: str = ""                    # 可接受工作地点: "本镇" / "县内" / "广东东莞" / "离家近就行"
    notes: str = ""                     # 备注: limits ("只上白班", "不能久站", "要接送孩子", "肢体残疾")
    name: str = ""
    gender: str = ""
    category: str = ""                  # 人员类别: 登记失业人员 / 脱贫劳动力 …
    occupation_codes: tuple[str, ...] = ()
    # 出生日期 as a register holds it (the website's person; emp-mend27): counted on a posting's start and against the
    # statutory retirement date as a birth date the row's words state is (`minors.seeker_birth`)
    born: date | None = None


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    title: str = ""                     # 岗位名称
    employer: str = ""                  # 单位名称
    headcount: int | None = None        # 招聘人数
    education: str = ""                 # 学历要求
    age: str = ""                       # 年龄要求: "18-35周岁" / "45岁以下"
    experience: str = ""                # 经验要求
    certificates: str | Sequence[str] = ""   # 技能证书要求 ("电工证"; "健康证优先" is preferred, not required)
    wage: str = ""                      # 月薪
    place: str = ""                     # 工作地点
    description: str = ""               # 岗位描述 (shifts, standing, lifting … are read from here)
    benefits: str = ""                  # 福利待遇
    occupation_codes: tuple[str, ...] = ()


OUTCOME_STAGES = ("recommended", "applied", "interviewed", "hired", "refused")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to a recommendation. `refused` carries who refused (`seeker` or `employer`) and
    the reason in words ("太远了", "工资低", "要上夜班", "年龄大")."""
    seeker_id: str
    job_id: str
    stage: str
    reason: str = ""
    by: str = ""

    def __post_init__(self) -> None:
        if self.stage not in OUTCOME_STAGES:
            raise ValueError(f"未知的结果阶段“{self.stage}”：应为 {'、'.join(OUTCOME_STAGES)}。")


@dataclass(frozen=True, slots=True)
class Recommendation:
    seeker_id: str
    job_id: str
    rank: int
    score: float
    reasons: str                        # "为何推荐：…；不足：…"
    met: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # about the posting itself (a gender requirement under review)
    # the one phrase about eyesight among `met`/`unmet` (`explain.sight_said`), shown apart from the other reasons
    # (newuser21 #4), and whether it is a doubt ("需要良好视力（收银），请核实") rather than a fit
    sight: str = ""
    sight_doubt: bool = False

    @property
    def met_shown(self) -> list[str]:
        """The requirements met, less the phrase about eyesight (shown on its own)."""
        return [m for m in self.met if m != self.sight]

    @property
    def unmet_shown(self) -> list[str]:
        """The requirements not met, less the phrase about eyesight (shown on its own)."""
        return [u for u in self.unmet if u != self.sight]

    @property
    def reasons_shown(self) -> str:
        """`reasons` less the phrase about eyesight, in its words ("为何推荐：…。不足：…。提示：…。")."""
        text = "为何推荐：" + ("；".join(self.met_shown) if self.met_shown else "综合条件接近")
        if self.unmet_shown:
            text += "。不足：" + "；".join(self.unmet_shown)
        if self.notes:
            text += "。提示：" + "；".join(self.notes)
        return text + "。"
