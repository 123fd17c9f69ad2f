"""Session 33 (fixcr33a, review H1): the product stores a seeker's education as written — a certificate alternative in
their words ("大专，有电工证或焊工证") is no "不限" —, and a posting's "…及以上或…证" as no requirement."""

from __future__ import annotations

from jianfu.employment import parsing
from jianfu.registry.models import Education


def test_a_seekers_education_is_stored_whatever_alternative_it_names() -> None:
    assert parsing.education("大专，有电工证或焊工证") == Education.COLLEGE
    assert parsing.education("中专（有毕业证或结业证）") == Education.SENIOR
    assert parsing.education("中专或技师学院") == Education.SENIOR
    assert parsing.education("大专及以上或电工三级（高级工）及以上证书") == Education.COLLEGE


def test_a_postings_qualification_alternative_asks_no_level() -> None:
    assert parsing.education("本科及以上或中级会计职称（满足其一）", required=True) == ""
    assert parsing.education("大专及以上或电工三级（高级工）及以上证书", required=True) == ""
    # look-alikes: a school paper or a school is no alternative on a posting either
    assert parsing.education("中专（有毕业证或结业证）", required=True) == Education.SENIOR
    assert parsing.education("中专或技师学院", required=True) == Education.SENIOR
    assert parsing.education("本科及以上", required=True) == Education.BACHELOR
