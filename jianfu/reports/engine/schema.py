"""The registry columns the report engine may read, per subject.

This is the contract with the registry app (``registry_person``, ``registry_household``,
``registry_organisation``). The engine never imports the registry's models: it only needs to know
which columns exist, their kind, and the allowed values of the enumerations, so that a template
naming an unknown field or an impossible value is refused when it is loaded, not when it runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

BOOL = "bool"
ENUM = "enum"
INT = "int"
TEXT = "text"
DATE = "date"


class Cursor(Protocol):
    """The part of a DB-API cursor the engine uses (sqlite3, psycopg, Django's cursor wrapper)."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> object: ...

    def fetchall(self) -> Sequence[Sequence[Any]]: ...


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    label: str
    choices: tuple[str, ...] = ()
    nullable: bool = False
    # Today's value only: no dated history of it is kept, so a past period reads what is recorded now (a 重点群体
    # flag ticked in December is counted in November too). The run page and the export say so beside a past
    # period's column that reads one (`runner.Column.current_only`).
    current: bool = False
    # Computed at the period's reference date (统计时点) from a dated history rather than read from a column of the
    # row (`planner.status_at_sql`): the key person's status then.
    as_of: bool = False


@dataclass(frozen=True)
class Subject:
    key: str
    label: str
    table: str
    unit: str
    columns: dict[str, Column]
    # Predicates applied when an element does not filter on that column itself
    # (e.g. only living, resident persons are counted unless a form asks otherwise).
    defaults: tuple[tuple[str, str, object], ...] = ()
    grid_column: str | None = "grid_code"
    # Its rows are the registry as it stands today (who lives in a village, their flags, an organisation's state):
    # a past period counts what is recorded now, ages taken at the period's reference date; the registry's change
    # log (`registry.FieldChange`) is not read. A past period's column of such a subject says so like a column of
    # today's value only (`runner.Column.current_only`, session 28), in its own words (`runner.CURRENT_REGISTRY`).
    current: bool = False


def _cols(*cols: Column) -> dict[str, Column]:
    return {c.name: c for c in cols}


# The columns that place a row: its id, its village (社区) and, for most subjects, its grid.
ID = Column("id", INT, "编号")
ORG_CODE = Column("org_code", TEXT, "所属村（社区）")
GRID_CODE = Column("grid_code", TEXT, "所属网格", nullable=True)
IN_GRID = (ID, ORG_CODE, GRID_CODE)
# What was done for a key person of 就业帮扶 (visits, referrals, services) names the person.
FOR_KEY_PERSON = (*IN_GRID, Column("key_person_id", INT, "人员"))


PERSON_FLAGS = {
    "is_dibao": "低保对象",
    "is_tekun": "特困人员",
    "is_orphan": "孤儿",
    "is_left_behind_child": "留守儿童",
    "is_left_behind_elder": "留守老人",
    "is_veteran": "退役军人",
    "is_poverty_alleviated": "脱贫人口",
    "is_monitoring_target": "防返贫监测对象",
    "is_entitled_group": "优抚对象",
}

PERSON = Subject(
    key="person",
    label="人员",
    table="registry_person",
    unit="人",
    columns=_cols(
        *IN_GRID,
        Column("household_id", INT, "户", nullable=True),
        Column("relation_to_head", TEXT, "与户主关系"),
        Column("gender", ENUM, "性别", ("M", "F")),
        Column("birth_date", DATE, "出生日期", nullable=True),
        Column("birthplace_code", TEXT, "出生地"),
        Column("ethnicity", TEXT, "民族"),
        Column("education", TEXT, "文化程度"),
        Column("political_status", ENUM, "政治面貌",
               ("party_member", "probationary_member", "league_member", "masses", "other")),
        Column("marital_status", TEXT, "婚姻状况"),
        Column("residence_status", ENUM, "居住类型", ("huji", "changzhu", "liudong")),
        Column("employment_status", ENUM, "就业状况",
               ("employed", "unemployed", "student", "retired", "not_in_labour_force", "flexible")),
        Column("disability_category", ENUM, "残疾类别",
               ("", "visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple")),
        Column("disability_grade", INT, "残疾等级", nullable=True),
        *(Column(k, BOOL, v) for k, v in PERSON_FLAGS.items()),
        Column("health_insurance", ENUM, "医疗保险", ("employee", "resident", "none")),
        Column("pension_insurance", ENUM, "养老保险", ("employee", "resident", "none")),
        Column("status", ENUM, "人员状态", ("active", "deceased", "moved_out")),
    ),
    defaults=(("status", "eq", "active"),),
    current=True,
)

HOUSEHOLD = Subject(
    key="household",
    label="户",
    table="registry_household",
    unit="户",
    columns=_cols(
        *IN_GRID,
        Column("number", TEXT, "户编号"),
        Column("head_id", INT, "户主", nullable=True),
    ),
    current=True,
)

ORGANISATION = Subject(
    key="organisation",
    label="单位",
    table="registry_organisation",
    unit="个",
    columns=_cols(
        ID,
        ORG_CODE,
        Column("kind", ENUM, "单位类型",
               ("enterprise", "individual_business", "social_org", "cooperative", "institution")),
        Column("industry", TEXT, "行业"),
        Column("employees", INT, "从业人员数", nullable=True),
        Column("is_active", BOOL, "是否在营"),
    ),
    defaults=(("is_active", "eq", True),),
    grid_column=None,
    current=True,
)

# ---- 就业帮扶 (jianfu.employment): key persons and what was done for them. Their tables carry the person's
# village code (and grid), so the same grouped scan serves them; dates of events are counted with
# `{in_period: true}` (the event fell inside the report period).
KEY_GROUP_COLUMNS = {
    "is_registered_unemployed": "登记失业人员", "is_graduate": "未就业高校毕业生", "is_rural_labour": "农村劳动力",
    "is_poverty_labour": "脱贫劳动力", "is_returning_migrant": "返乡农民工", "is_hard_to_employ": "就业困难人员",
    "is_disabled": "残疾人", "is_veteran": "退役军人", "is_dibao_labour": "低保家庭劳动力",
}
STATUS_AT_END = "status_at_end"
KEY_STATUSES = ("unemployed", "referred", "interviewing", "employed", "flexible", "exited")
EMPLOYMENT_PERSON = Subject(
    key="employment_person",
    label="重点群体人员",
    table="employment_keyperson",
    unit="人",
    columns=_cols(
        *IN_GRID,
        Column("status", ENUM, "帮扶状态（当前）", KEY_STATUSES, current=True),
        # the status on the period's reference date, from the status history (`employment_status_change`): a hire on
        # 12-07 leaves November as it was (tryout27 #1). Filtering on it also keeps out those taken in after that day.
        Column(STATUS_AT_END, ENUM, "帮扶状态（统计时点）", KEY_STATUSES, as_of=True),
        Column("identified_on", DATE, "纳入帮扶日期"),
        Column("placed_on", DATE, "就业日期", nullable=True),
        *(Column(k, BOOL, v, current=True) for k, v in KEY_GROUP_COLUMNS.items()),
    ),
)
EMPLOYMENT_VISIT = Subject(
    key="employment_visit",
    label="就业帮扶走访",
    table="employment_visit",
    unit="人次",
    columns=_cols(
        *FOR_KEY_PERSON,
        Column("visited_on", DATE, "走访日期"),
        Column("outcome", ENUM, "走访结果", ("met", "phone", "not_home", "employed", "declined")),
    ),
)
EMPLOYMENT_REFERRAL = Subject(
    key="employment_referral",
    label="推荐就业",
    table="employment_referral",
    unit="人次",
    columns=_cols(
        *FOR_KEY_PERSON,
        Column("status", ENUM, "推荐结果", ("recommended", "applied", "interviewed", "hired", "refused", "elsewhere")),
        Column("referred_on", DATE, "推荐日期"),
        Column("closed_on", DATE, "结果日期", nullable=True),
    ),
)
EMPLOYMENT_SERVICE = Subject(
    key="employment_service",
    label="培训和补贴",
    table="employment_servicerecord",
    unit="人次",
    columns=_cols(
        *FOR_KEY_PERSON,
        Column("kind", ENUM, "类别", ("training", "si_subsidy", "post_subsidy", "startup_subsidy")),
        Column("outcome", ENUM, "结果", ("ongoing", "completed", "certified", "dropped")),
        Column("started_on", DATE, "日期"),
    ),
)

# The status history: one row per change (失业 → 推荐 → 面试 → 就业 …), dated. A placement is a change from looking for
# work into work; counted distinct by person it is what the dashboard counts (`employment.metrics.placements`), a
# person placed in two periods counting in both — which a person's one 就业日期 cannot give.
EMPLOYMENT_STATUS_CHANGE = Subject(
    key="employment_status_change",
    label="帮扶状态变化",
    table="employment_statuschange",
    unit="人次",
    columns=_cols(
        ID,
        ORG_CODE,
        Column("key_person_id", INT, "人员"),
        Column("from_status", ENUM, "原状态", KEY_STATUSES),
        Column("to_status", ENUM, "新状态", KEY_STATUSES),
        Column("on", DATE, "变化日期"),
        # the person's 登记失业人员 group, carried on each change (失业人员再就业人数 counts from this table alone); it
        # follows the person's record as it is today (`employment.services.key_person_update`)
        Column("is_registered_unemployed", BOOL, "登记失业人员", current=True),
    ),
    grid_column=None,
)

SUBJECTS: dict[str, Subject] = {s.key: s for s in (PERSON, HOUSEHOLD, ORGANISATION, EMPLOYMENT_PERSON,
                                                   EMPLOYMENT_VISIT, EMPLOYMENT_REFERRAL, EMPLOYMENT_SERVICE,
                                                   EMPLOYMENT_STATUS_CHANGE)}


@dataclass(frozen=True)
class TableNames:
    """Physical table names; the bench and the pure tests use their own."""

    names: dict[str, str] = field(default_factory=lambda: {k: s.table for k, s in SUBJECTS.items()})

    def of(self, subject: str) -> str:
        return self.names[subject]


DDL = {
    "person": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, grid_code VARCHAR(20),
        household_id INTEGER, relation_to_head VARCHAR(20) NOT NULL DEFAULT '', name VARCHAR(50) NOT NULL DEFAULT '',
        gender VARCHAR(1) NOT NULL, birth_date DATE, birthplace_code VARCHAR(12) NOT NULL DEFAULT '',
        ethnicity VARCHAR(20) NOT NULL DEFAULT '', education VARCHAR(20) NOT NULL DEFAULT '',
        political_status VARCHAR(20) NOT NULL DEFAULT 'masses', marital_status VARCHAR(20) NOT NULL DEFAULT '',
        residence_status VARCHAR(10) NOT NULL DEFAULT 'huji', employment_status VARCHAR(30) NOT NULL DEFAULT '',
        disability_category VARCHAR(20) NOT NULL DEFAULT '', disability_grade SMALLINT,
        is_dibao BOOLEAN NOT NULL DEFAULT FALSE, is_tekun BOOLEAN NOT NULL DEFAULT FALSE,
        is_orphan BOOLEAN NOT NULL DEFAULT FALSE, is_left_behind_child BOOLEAN NOT NULL DEFAULT FALSE,
        is_left_behind_elder BOOLEAN NOT NULL DEFAULT FALSE, is_veteran BOOLEAN NOT NULL DEFAULT FALSE,
        is_poverty_alleviated BOOLEAN NOT NULL DEFAULT FALSE, is_monitoring_target BOOLEAN NOT NULL DEFAULT FALSE,
        is_entitled_group BOOLEAN NOT NULL DEFAULT FALSE,
        health_insurance VARCHAR(10) NOT NULL DEFAULT 'none', pension_insurance VARCHAR(10) NOT NULL DEFAULT 'none',
        address VARCHAR(200) NOT NULL DEFAULT '', status VARCHAR(12) NOT NULL DEFAULT 'active')""",
    "household": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, grid_code VARCHAR(20),
        number VARCHAR(30) NOT NULL DEFAULT '', address VARCHAR(200) NOT NULL DEFAULT '', head_id INTEGER)""",
    "organisation": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, name VARCHAR(200) NOT NULL DEFAULT '',
        credit_code VARCHAR(18) NOT NULL DEFAULT '', kind VARCHAR(30) NOT NULL,
        industry VARCHAR(50) NOT NULL DEFAULT '', employees INTEGER, is_active BOOLEAN NOT NULL DEFAULT TRUE)""",
    "employment_person": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, grid_code VARCHAR(20),
        status VARCHAR(16) NOT NULL DEFAULT 'unemployed', identified_on DATE NOT NULL, placed_on DATE,
        is_registered_unemployed BOOLEAN NOT NULL DEFAULT FALSE, is_graduate BOOLEAN NOT NULL DEFAULT FALSE,
        is_rural_labour BOOLEAN NOT NULL DEFAULT FALSE, is_poverty_labour BOOLEAN NOT NULL DEFAULT FALSE,
        is_returning_migrant BOOLEAN NOT NULL DEFAULT FALSE, is_hard_to_employ BOOLEAN NOT NULL DEFAULT FALSE,
        is_disabled BOOLEAN NOT NULL DEFAULT FALSE, is_veteran BOOLEAN NOT NULL DEFAULT FALSE,
        is_dibao_labour BOOLEAN NOT NULL DEFAULT FALSE)""",
    "employment_visit": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, grid_code VARCHAR(20), key_person_id INTEGER NOT NULL,
        visited_on DATE NOT NULL, outcome VARCHAR(12) NOT NULL DEFAULT 'met')""",
    "employment_referral": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, grid_code VARCHAR(20), key_person_id INTEGER NOT NULL,
        status VARCHAR(12) NOT NULL DEFAULT 'recommended', referred_on DATE NOT NULL, closed_on DATE)""",
    "employment_service": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, grid_code VARCHAR(20), key_person_id INTEGER NOT NULL,
        kind VARCHAR(16) NOT NULL, outcome VARCHAR(12) NOT NULL DEFAULT 'ongoing', started_on DATE NOT NULL)""",
    "employment_status_change": """CREATE TABLE {table} (
        id INTEGER PRIMARY KEY, org_code VARCHAR(20) NOT NULL, key_person_id INTEGER NOT NULL,
        from_status VARCHAR(16) NOT NULL DEFAULT '', to_status VARCHAR(16) NOT NULL, "on" DATE NOT NULL,
        is_registered_unemployed BOOLEAN NOT NULL DEFAULT FALSE)""",
}


def create_tables(cursor: Cursor, tables: TableNames | None = None) -> None:
    """Create the subject tables (contract columns only) — for pure tests and the benchmark."""
    tables = tables or TableNames()
    for subject, ddl in DDL.items():
        name = tables.of(subject)
        cursor.execute(ddl.format(table=name))
        cursor.execute(f"CREATE INDEX {name}_org_idx ON {name} (org_code)")
