"""mend21 #6: pypinyin is imported where a name is compared (no longer with the module, which the URLconf imports);
the comparison answers as before."""

from __future__ import annotations

from jianfu.registry.ledger.dedup import name_pinyin, name_similarity


def test_names_are_compared_by_pinyin_with_the_import_deferred():
    assert name_pinyin("李娜") == name_pinyin("李纳") == "li na"
    assert name_similarity("李娜", "李纳") == (100.0, "姓名拼音相同")
