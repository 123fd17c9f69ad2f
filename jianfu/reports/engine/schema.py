"""The registry columns the report engine may read, per subject.

This is the contract with the registry app (``registry_person``, ``registry_household``,
``registry_organisation``). The engine never imports the registry's models: it only needs to know
which columns exist, their kind, and the allowed values of the enumerations, so that a template
naming an unknown field or an impossible value is refused when it is loaded, not when it runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BOOL = "bool"
ENUM = "enum"
INT = "int"
TEXT = "text"
DATE = "date"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    label: str
    choices: tuple[str, ...] = ()
    nullable: bool = False


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


def _cols(*cols: Column) -> dict[str, Column]:
    return {c.name: c for c in cols}


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
        Column("id", INT, "编号"),
        Column("org_code", TEXT, "所属村（社区）"),
        Column("grid_code", TEXT, "所属网格", nullable=True),
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
)

HOUSEHOLD = Subject(
    key="household",
    label="户",
    table="registry_household",
    unit="户",
    columns=_cols(
        Column("id", INT, "编号"),
        Column("org_code", TEXT, "所属村（社区）"),
        Column("grid_code", TEXT, "所属网格", nullable=True),
        Column("number", TEXT, "户编号"),
        Column("head_id", INT, "户主", nullable=True),
    ),
)

ORGANISATION = Subject(
    key="organisation",
    label="单位",
    table="registry_organisation",
    unit="个",
    columns=_cols(
        Column("id", INT, "编号"),
        Column("org_code", TEXT, "所属村（社区）"),
        Column("kind", ENUM, "单位类型",
               ("enterprise", "individual_business", "social_org", "cooperative", "institution")),
        Column("industry", TEXT, "行业"),
        Column("employees", INT, "从业人员数", nullable=True),
        Column("is_active", BOOL, "是否在营"),
    ),
    defaults=(("is_active", "eq", True),),
    grid_column=None,
)

SUBJECTS: dict[str, Subject] = {s.key: s for s in (PERSON, HOUSEHOLD, ORGANISATION)}


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
}


def create_tables(cursor, tables: TableNames | None = None) -> None:
    """Create the three registry tables (contract columns only) — for pure tests and the benchmark."""
    tables = tables or TableNames()
    for subject, ddl in DDL.items():
        name = tables.of(subject)
        cursor.execute(ddl.format(table=name))
        cursor.execute(f"CREATE INDEX {name}_org_idx ON {name} (org_code)")
