"""Synthetic registry data: realistic households, persons and organisations for demos and benchmarks.
Pure Python (no Django); `services.registry_generate` turns the dicts into rows.

Nothing here is real: names are drawn from Faker zh_CN's name lists, ID numbers are built from the county
code, a birth date and a random order code with the check digit computed by python-stdnum, and credit codes
likewise (stdnum `cn.uscc`). The rates are round figures of the order published for rural south China
(2020 census age structure, 民政/残联/退役军人 statistics); they are parameters, not measurements.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from faker.providers.person.zh_CN import Provider as _Names
from stdnum.cn import uscc

from jianfu.orgs.names import bare_name

from .ledger.values import birthplace_known, make_id_number

# ---------------------------------------------------------------- names

_SURNAMES = list(_Names.last_names.keys())
_SURNAME_W = list(_Names.last_names.values())


def _char_pool(names: list[str]) -> list[str]:
    pool: list[str] = []
    for n in names:
        pool.extend(n)
    return sorted(set(pool))


_MALE_CHARS = _char_pool(_Names.first_names_male)
_FEMALE_CHARS = _char_pool(_Names.first_names_female)


def make_name(rng: random.Random, gender: str, surname: str | None = None) -> str:
    surname = surname or rng.choices(_SURNAMES, _SURNAME_W)[0]
    pool = _MALE_CHARS if gender == "M" else _FEMALE_CHARS
    given = rng.choice(pool) if rng.random() < 0.3 else rng.choice(pool) + rng.choice(pool)
    return surname + given


# ---------------------------------------------------------------- rates

@dataclass(frozen=True)
class Rates:
    household_sizes: tuple[tuple[int, float], ...] = ((1, 0.14), (2, 0.24), (3, 0.21), (4, 0.18), (5, 0.12),
                                                      (6, 0.07), (7, 0.04))
    married_head: float = 0.82
    migrant_share: float = 0.06          # 流动人口 households (ID from another county)
    changzhu_share: float = 0.03         # 常住非户籍
    dibao: float = 0.035
    tekun_elder: float = 0.02            # of persons ≥ 60 living alone
    orphan_child: float = 0.002
    left_behind_child: float = 0.14      # of children < 16 in huji households
    left_behind_elder: float = 0.10      # of persons ≥ 60
    veteran_male_adult: float = 0.03
    poverty_alleviated: float = 0.08
    monitoring: float = 0.008
    entitled: float = 0.004
    disability: float = 0.062
    party_adult: float = 0.065
    phone_adult: float = 0.88
    orgs_per_1000: float = 30.0


DISABILITY = (("physical", 0.30), ("multiple", 0.15), ("hearing", 0.15), ("visual", 0.13),
              ("mental", 0.12), ("intellectual", 0.10), ("speech", 0.05))
DISABILITY_GRADE = ((1, 0.12), (2, 0.23), (3, 0.30), (4, 0.35))

# Ethnic mix by province prefix (default: nearly all 汉族).
ETHNIC_MIX = {
    "45": (("汉族", 0.80), ("壮族", 0.16), ("瑶族", 0.02), ("苗族", 0.01), ("侗族", 0.01)),
    "52": (("汉族", 0.64), ("苗族", 0.12), ("布依族", 0.07), ("土家族", 0.04), ("侗族", 0.05), ("彝族", 0.08)),
    "53": (("汉族", 0.66), ("彝族", 0.11), ("哈尼族", 0.04), ("白族", 0.04), ("傣族", 0.03), ("壮族", 0.03),
           ("苗族", 0.03), ("回族", 0.02), ("傈僳族", 0.04)),
    "54": (("藏族", 0.86), ("汉族", 0.12), ("回族", 0.02)),
    "65": (("维吾尔族", 0.45), ("汉族", 0.42), ("哈萨克族", 0.07), ("回族", 0.04), ("柯尔克孜族", 0.02)),
    "15": (("汉族", 0.79), ("蒙古族", 0.18), ("满族", 0.02), ("回族", 0.01)),
}
DEFAULT_ETHNIC = (("汉族", 0.97), ("回族", 0.01), ("满族", 0.01), ("壮族", 0.01))

# Counties migrants come from (their ID numbers carry these codes); filtered by stdnum's table.
MIGRANT_ORIGINS = ("450102", "450103", "450721", "450722", "450803", "450921", "450981", "440106", "440304",
                   "440883", "441521", "430521", "431121", "360726", "510722", "522121", "530102", "350583")

INDUSTRIES = ("农、林、牧、渔业", "制造业", "批发和零售业", "住宿和餐饮业", "交通运输、仓储和邮政业", "建筑业",
              "居民服务、修理和其他服务业", "教育", "卫生和社会工作", "租赁和商务服务业")


def _pick(rng: random.Random, table) -> object:
    values = [v for v, _ in table]
    weights = [w for _, w in table]
    return rng.choices(values, weights)[0]


# ---------------------------------------------------------------- persons

@dataclass
class SynthVillage:
    code: str
    name: str
    grids: list[str] = field(default_factory=list)


@dataclass
class SynthHousehold:
    org_code: str
    grid_code: str | None
    number: str
    address: str
    members: list[dict]  # the first member is the head


class IdFactory:
    """Unique synthetic ID numbers: (place, birth date, order code) never repeats within one factory."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None):
        self.rng = rng
        self.taken = taken if taken is not None else set()

    def make(self, prefix6: str, birth: dt.date, gender: str) -> str:
        for _ in range(200):
            seq = self.rng.randrange(0, 500) * 2 + (1 if gender == "M" else 0)
            number = make_id_number(prefix6, birth, seq)
            if number not in self.taken:
                self.taken.add(number)
                return number
        raise RuntimeError(f"no free order code for {prefix6} {birth}")  # pragma: no cover


class PersonFactory:
    def __init__(self, *, county_code: str, seed: int = 0, today: dt.date | None = None,
                 rates: Rates | None = None, taken_ids: set[str] | None = None):
        self.county = county_code[:6]
        self.rng = random.Random(seed)
        self.today = today or dt.date(2025, 6, 30)
        self.rates = rates or Rates()
        self.ids = IdFactory(self.rng, taken_ids)
        self.ethnic = ETHNIC_MIX.get(self.county[:2], DEFAULT_ETHNIC)
        self.origins = [c for c in MIGRANT_ORIGINS if c != self.county and birthplace_known(c)]
        self._phones: set[str] = set()

    # -- single facts
    def birth_for_age(self, age: int) -> dt.date:
        start = dt.date(self.today.year - age - 1, self.today.month, self.today.day) + dt.timedelta(days=1)
        return start + dt.timedelta(days=self.rng.randrange(0, 365))

    def phone(self) -> str:
        while True:
            number = "1" + self.rng.choice("3456789") + f"{self.rng.randrange(0, 10**9):09d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def education(self, age: int) -> str:
        if age < 7:
            return "none"
        if age < 13:
            return "primary"
        if age < 16:
            return "junior"
        if age < 19:
            return self.rng.choice(("junior", "senior"))
        if age >= 65:
            return _pick(self.rng, (("none", 0.25), ("primary", 0.45), ("junior", 0.22), ("senior", 0.08)))
        if age >= 45:
            return _pick(self.rng, (("none", 0.05), ("primary", 0.30), ("junior", 0.45), ("senior", 0.15),
                                    ("college", 0.04), ("bachelor", 0.01)))
        return _pick(self.rng, (("primary", 0.08), ("junior", 0.42), ("senior", 0.22), ("college", 0.15),
                                ("bachelor", 0.12), ("postgraduate", 0.01)))

    def person(self, *, age: int, gender: str, relation: str, surname: str | None = None,
               prefix6: str | None = None, residence: str = "huji", married: bool | None = None) -> dict:
        rng, r = self.rng, self.rates
        birth = self.birth_for_age(age)
        id_number = self.ids.make(prefix6 or self.county, birth, gender)
        if married is None:
            married = age >= 22 and rng.random() < (0.55 if age < 30 else 0.85)
        marital = "unmarried"
        if age >= 18 and married:
            marital = "married" if age < 70 or rng.random() < 0.7 else "widowed"
        elif age >= 30 and rng.random() < 0.15:
            marital = "divorced"
        if age < 6:
            employment = "not_in_labour_force"
        elif age < 16:
            employment = "student"
        elif age < 22:
            employment = "student" if rng.random() < 0.6 else _pick(rng, (("employed", 0.7), ("unemployed", 0.3)))
        elif age < 60:
            employment = _pick(rng, (("employed", 0.72), ("flexible", 0.15), ("unemployed", 0.05),
                                     ("not_in_labour_force", 0.08)))
        else:
            employment = _pick(rng, (("retired", 0.12), ("employed", 0.25), ("not_in_labour_force", 0.63)))
        political = "masses"
        if age >= 18 and rng.random() < r.party_adult * (1.6 if gender == "M" else 0.6):
            political = "party_member" if rng.random() < 0.97 else "probationary_member"
        elif 14 <= age <= 28 and rng.random() < 0.25:
            political = "league_member"
        disability, grade = "", None
        if rng.random() < r.disability * (0.4 if age < 18 else 1.0 if age < 60 else 2.0):
            disability, grade = _pick(rng, DISABILITY), _pick(rng, DISABILITY_GRADE)
        huji = residence == "huji"
        p = {
            "name": make_name(rng, gender, surname), "id_number": id_number, "gender": gender,
            "birth_date": birth, "birthplace_code": id_number[:6], "relation_to_head": relation,
            "ethnicity": _pick(rng, self.ethnic), "education": self.education(age),
            "political_status": political, "marital_status": marital, "residence_status": residence,
            "employment_status": employment, "disability_category": disability, "disability_grade": grade,
            "is_dibao": False, "is_tekun": False, "is_orphan": False,
            "is_left_behind_child": huji and age < 16 and rng.random() < r.left_behind_child,
            "is_left_behind_elder": huji and age >= 60 and rng.random() < r.left_behind_elder,
            "is_veteran": gender == "M" and 20 <= age <= 85 and rng.random() < r.veteran_male_adult * 2,
            "is_poverty_alleviated": False, "is_monitoring_target": False, "is_entitled_group": False,
            "health_insurance": _pick(rng, (("resident", 0.91), ("employee", 0.07), ("none", 0.02))),
            "pension_insurance": "" if age < 16 else (
                _pick(rng, (("resident", 0.66), ("employee", 0.18), ("none", 0.16)))),
            "phone": self.phone() if age >= 16 and rng.random() < r.phone_adult else "",
            "status": "active",
            "_age": age,
        }
        if p["is_veteran"] and rng.random() < r.entitled / (r.veteran_male_adult * 2 * 0.5):
            p["is_entitled_group"] = True
        return p

    # -- households
    def household(self, village: SynthVillage, number: int) -> SynthHousehold:
        rng, r = self.rng, self.rates
        roll = rng.random()
        residence = "liudong" if roll < r.migrant_share else (
            "changzhu" if roll < r.migrant_share + r.changzhu_share else "huji")
        prefix6 = rng.choice(self.origins) if residence != "huji" and self.origins else None
        size = _pick(rng, r.household_sizes)
        if residence == "liudong":
            size = min(size, 4)
        members: list[dict] = []
        head_gender = "M" if rng.random() < (0.45 if size == 1 else 0.8) else "F"
        if size == 1:
            head_age = _pick(rng, ((rng.randint(20, 40), 0.25), (rng.randint(41, 59), 0.25),
                                   (rng.randint(60, 95), 0.5)))
        elif residence == "liudong":
            head_age = rng.randint(20, 50)
        else:
            head_age = min(90, max(22, int(rng.gauss(52, 14))))
        surname = rng.choices(_SURNAMES, _SURNAME_W)[0]
        head = self.person(age=head_age, gender=head_gender, relation="head", surname=surname,
                           prefix6=prefix6, residence=residence, married=size > 1 and rng.random() < r.married_head)
        members.append(head)
        if size > 1 and head["marital_status"] == "married":
            spouse_age = max(20, min(95, head_age + rng.randint(-6, 4) * (1 if head_gender == "M" else -1)))
            members.append(self.person(age=spouse_age, gender="F" if head_gender == "M" else "M",
                                       relation="spouse", prefix6=prefix6, residence=residence, married=True))
        parent_age = head_age
        while len(members) < size:
            slot = len(members)
            if head_age < 50 and slot == size - 1 and size >= 4 and rng.random() < 0.5:
                age = min(98, head_age + rng.randint(22, 32))
                members.append(self.person(age=age, gender="F" if rng.random() < 0.65 else "M", relation="parent",
                                           prefix6=prefix6, residence=residence, married=True))
                continue
            child_age = parent_age - rng.randint(22, 34)
            if child_age < 0:
                child_age = rng.randint(0, max(0, head_age - 20))
            if head_age >= 55 and child_age >= 24 and rng.random() < 0.45:
                gender = rng.choice("MF")
                members.append(self.person(age=child_age, gender=gender, relation="child",
                                           surname=surname if gender == "M" else None, prefix6=prefix6,
                                           residence=residence))
                grand = max(0, child_age - rng.randint(22, 30))
                if len(members) < size:
                    members.append(self.person(age=grand, gender=rng.choice("MF"), relation="grandchild",
                                               surname=surname, prefix6=prefix6, residence=residence,
                                               married=False))
                continue
            members.append(self.person(age=max(0, child_age), gender=rng.choice("MF"), relation="child",
                                       surname=surname, prefix6=prefix6, residence=residence,
                                       married=None if child_age >= 22 else False))
        self._household_flags(members, residence)
        grid = rng.choice(village.grids) if village.grids else None
        group = rng.randint(1, 12)
        return SynthHousehold(org_code=village.code, grid_code=grid, number=f"{village.code[-6:]}{number:05d}",
                              address=f"{village.name}{group}组{rng.randint(1, 200)}号", members=members)

    def _household_flags(self, members: list[dict], residence: str) -> None:
        rng, r = self.rng, self.rates
        if residence != "huji":
            for m in members:
                m["is_left_behind_child"] = m["is_left_behind_elder"] = False
            return
        # household-level programmes: 低保, 脱贫, 监测 apply to every member of the household
        dibao = rng.random() < r.dibao
        alleviated = rng.random() < r.poverty_alleviated
        monitoring = alleviated and rng.random() < r.monitoring / r.poverty_alleviated
        for m in members:
            m["is_dibao"] = dibao
            m["is_poverty_alleviated"] = alleviated
            m["is_monitoring_target"] = monitoring
        if len(members) == 1 and members[0]["_age"] >= 60 and rng.random() < r.tekun_elder * 5:
            members[0]["is_tekun"] = True
            members[0]["is_dibao"] = False
        adults = [m for m in members if m["_age"] >= 18]
        for m in members:
            if m["_age"] < 18 and not adults and rng.random() < 0.5 or (
                    m["_age"] < 18 and rng.random() < r.orphan_child):
                m["is_orphan"] = True


def generate_village(factory: PersonFactory, village: SynthVillage, persons: int,
                     start_number: int = 1) -> Iterator[SynthHousehold]:
    """Households of one village until about `persons` persons exist."""
    made = 0
    number = start_number
    while made < persons:
        hh = factory.household(village, number)
        if made + len(hh.members) > persons:
            hh.members = hh.members[: persons - made]
        made += len(hh.members)
        number += 1
        yield hh


def split_persons(total: int, villages: int, rng: random.Random) -> list[int]:
    """Village sizes that sum to `total`, uneven like real villages (lognormal weights)."""
    if villages <= 0:
        return []
    weights = [rng.lognormvariate(0, 0.45) for _ in range(villages)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % villages] += 1
    return sizes


# ---------------------------------------------------------------- organisations

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_KINDS = (("individual_business", "92", 0.62), ("enterprise", "91", 0.20), ("cooperative", "93", 0.10),
             ("social_org", "52", 0.04), ("institution", "12", 0.04))


def make_credit_code(rng: random.Random, prefix2: str, county: str) -> str:
    body = prefix2 + county[:6] + "".join(rng.choice(_USCC_ALPHABET) for _ in range(9))
    code = body + uscc.calc_check_digit(body + "0")
    return uscc.validate(code)


def make_organisation(rng: random.Random, faker, village: SynthVillage, county: str) -> dict:
    kind, prefix2, _ = rng.choices(ORG_KINDS, [w for *_, w in ORG_KINDS])[0]
    place = bare_name(village.name)
    if kind == "individual_business":
        name = f"{village.name}{faker.last_name()}记{rng.choice(('小卖部', '农资店', '餐馆', '修理店', '理发店', '养殖场'))}"
        employees = rng.randint(1, 5)
    elif kind == "cooperative":
        name = f"合浦县{place}{rng.choice(('水果', '养殖', '蔬菜', '海产', '种植'))}专业合作社" if county == "450521" else \
            f"{place}{rng.choice(('水果', '养殖', '蔬菜', '种植'))}专业合作社"
        employees = rng.randint(5, 40)
    elif kind == "social_org":
        name = f"{place}{rng.choice(('老年协会', '志愿者协会', '文体协会', '红白理事会'))}"
        employees = rng.randint(0, 6)
    elif kind == "institution":
        name = f"{place}{rng.choice(('小学', '卫生室', '幼儿园', '农业服务站'))}"
        employees = rng.randint(3, 40)
    else:
        name = faker.company()
        employees = int(rng.lognormvariate(2.3, 1.0)) + 1
    industry = {"cooperative": INDUSTRIES[0], "institution": rng.choice(("教育", "卫生和社会工作")),
                "social_org": "居民服务、修理和其他服务业"}.get(kind) or rng.choice(INDUSTRIES)
    return {"org_code": village.code, "grid_code": rng.choice(village.grids) if village.grids else None,
            "name": name[:200], "credit_code": make_credit_code(rng, prefix2, county), "kind": kind,
            "industry": industry, "employees": employees, "is_active": rng.random() < 0.94,
            "address": f"{village.name}{rng.randint(1, 12)}组{rng.randint(1, 200)}号"}
