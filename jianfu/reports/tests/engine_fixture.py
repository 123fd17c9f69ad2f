"""A tiny registry in an in-memory sqlite3 database, for the pure engine's tests."""

from __future__ import annotations

import pathlib
import sqlite3

from jianfu.reports.engine import load_directory
from jianfu.reports.engine.schema import create_tables

FORMS = pathlib.Path(__file__).resolve().parents[1] / "forms"

V_QUMU = "450521200206"  # 曲木村, 曲樟乡
V_ZHANGJIA = "450521200201"  # 璋嘉村, 曲樟乡
V_LIANZHOU = "450521100001"  # 廉州镇

# id, org_code, household, gender, birth, extra columns
PERSONS = [
    (1, V_QUMU, 1, "F", "1950-06-30", {"is_dibao": 1, "residence_status": "huji"}),
    (2, V_QUMU, 1, "M", "1965-07-01", {"is_dibao": 1}),
    (3, V_QUMU, 2, "F", "2010-01-01", {"is_left_behind_child": 1}),
    (4, V_ZHANGJIA, 3, "M", "1960-06-30", {"is_veteran": 1, "political_status": "party_member"}),
    (5, V_ZHANGJIA, 4, "F", "1940-02-29", {"is_tekun": 1, "disability_category": "physical",
                                           "disability_grade": 1}),
    (6, V_ZHANGJIA, 5, "M", "1990-05-05", {"employment_status": "unemployed", "residence_status": "liudong"}),
    (7, V_LIANZHOU, 6, "F", "2000-01-01", {"employment_status": "employed",
                                          "political_status": "probationary_member"}),
    (8, V_LIANZHOU, 6, "M", "1930-01-01", {"is_dibao": 1, "status": "deceased"}),
    (9, V_QUMU, 2, "M", "2025-01-01", {}),
]
HOUSEHOLDS = [(1, V_QUMU), (2, V_QUMU), (3, V_ZHANGJIA), (4, V_ZHANGJIA), (5, V_ZHANGJIA), (6, V_LIANZHOU)]
ORGS = [(1, V_QUMU, "enterprise", 12, 1), (2, V_LIANZHOU, "enterprise", 30, 1),
        (3, V_LIANZHOU, "individual_business", 2, 1), (4, V_ZHANGJIA, "enterprise", 50, 0)]


def insert_person(cur, pid, org, household, gender, birth, extra):
    cols = {"id": pid, "org_code": org, "household_id": household, "gender": gender, "birth_date": birth,
            **extra}
    names = ", ".join(cols)
    marks = ", ".join("?" for _ in cols)
    cur.execute(f"INSERT INTO registry_person ({names}) VALUES ({marks})", list(cols.values()))


def make_db(persons=PERSONS) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    cur = con.cursor()
    create_tables(cur)
    for p in persons:
        insert_person(cur, *p)
    cur.executemany("INSERT INTO registry_household (id, org_code) VALUES (?, ?)", HOUSEHOLDS)
    cur.executemany("INSERT INTO registry_organisation (id, org_code, kind, employees, is_active) "
                    "VALUES (?, ?, ?, ?, ?)", ORGS)
    con.commit()
    return con


_CATALOG = None


def shipped_catalog():
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = load_directory(FORMS)
    return _CATALOG
