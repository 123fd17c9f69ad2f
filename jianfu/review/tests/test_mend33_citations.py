"""mend33 #1: the copy finding (照抄照搬上级文件, BR-DOC-06) cited 《若干规定》第2条 with its 5000/4000-character length
rule, which says nothing of copying. burden-rules.md §3 A files copying under article 2's "短实新" style and the
local rule that a draft more than half copied from the higher-level document is returned (§2.1, [S55]). Three other
rules cited a clause on another matter (BR-DOC-04, BR-INS-09, BR-DEMO-07); they now cite the clause that covers them."""

from __future__ import annotations

import io
import re
from importlib import import_module

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.review.engine.rules import load_catalogue, load_provisions
from jianfu.review.models import Finding, Review

SHORT = "《整治形式主义为基层减负若干规定》"
COPY = f"{SHORT}第2条（提升文件质量，坚持“短实新”文风）；地方减负规定（与上级文件重复超过50%的文稿予以退回）"
LENGTH = f"{SHORT}第2条（地方和部门文件一般不超过5000字，部署专项工作的一般不超过4000字）"
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
COPIED = ("一、各地要以村庄清洁行动为抓手，扎实推进农村人居环境整治提升，持续改善农村生产生活条件，建设宜居宜业和美乡村。\n"
          "二、各地要健全长效管护机制，明确管护主体、管护责任和管护经费，确保设施建得好、管得住、用得久。\n")
REFERENCE = "关于开展农村人居环境整治的通知\n" + COPIED + "三、各地要充分发挥农民主体作用，尊重农民意愿，不搞一刀切。\n"
DRAFT = "关于开展全县农村人居环境整治的通知\n各乡镇：\n" + COPIED + "三、各乡镇要结合本地实际抓好落实。\n"


def test_each_rule_cites_the_clause_on_what_it_flags():
    catalogue = load_catalogue()
    cited = {r.id: (r.provision, r.source) for r in catalogue.rules}
    assert cited["BR-DOC-06"] == (COPY, "中共中央办公厅、国务院办公厅，2024年8月印发，2025年8月6日公开；地方减负规定")
    assert cited["BR-DOC-01"][0] == LENGTH           # the length rule keeps the length clause
    assert cited["BR-DOC-04"][0] == (f"{SHORT}第1条（议事协调机构、部门和单位不得向下级党委和政府发指令性公文，"
                                     "也不得在公文中提指令性要求）")
    assert cited["BR-INS-09"][0] == f"{SHORT}第8条（上级到地方督查检查考核调研，不得动辄要求见主要负责同志）"
    assert cited["BR-DEMO-07"][0].startswith("《创建示范活动管理办法（试行）》（名称中使用“国家”“中国”“中华”“全国”")
    # the length clause is cited by the length rule alone
    assert sorted(rid for rid, (text, _s) in cited.items() if "5000字" in text) == ["BR-DOC-01"]


@pytest.mark.django_db
def test_the_copy_finding_on_the_page_and_in_the_word_cites_the_copy_rule(world):
    client = world.client("dept_housing")
    token = TOKEN.search(client.get("/review/submit/").content.decode()).group(1)
    client.post("/review/submit/", {"text": DRAFT, "form_token": token,
                                    "reference": SimpleUploadedFile("省通知.txt", REFERENCE.encode())})
    review = Review.objects.get()
    assert list(review.findings.filter(rule_id="BR-DOC-06").values_list("provision", flat=True)) == [COPY]
    office = world.client("county_office")
    page = office.get(f"/review/reviews/{review.pk}/").content.decode()
    assert f"依据：{COPY}" in page and "5000字" not in page
    answer = office.get(f"/review/reviews/{review.pk}/annotated.docx")
    comments = [c.text for c in docx.Document(io.BytesIO(answer.content)).comments]
    copy = next(c for c in comments if "照抄照搬上级文件" in c)
    assert f"\n依据：{COPY}\n" in copy and "5000" not in copy


@pytest.mark.django_db
def test_stored_findings_take_the_new_citation_in_the_migration(world):
    from django.apps import apps

    from jianfu.review.services import review_submit

    migration = import_module("jianfu.review.migrations.0009_citations_that_match_their_rule")
    # the frozen copies are today's citations, word for word, and the old ones were the rule files' before the fix
    provisions = {(p["provision"], p["source"]) for p in load_provisions().values()}
    assert {(new, source) for _old, new, source in migration.FIXED.values()} <= provisions
    assert migration.FIXED["BR-DOC-06"][0] == LENGTH
    review = review_submit(actor=world.users["dept_housing"], text="XX县住房和城乡建设局关于开展危房排查的通知\n"
                           "一、督查组将与各乡镇党政主要负责同志座谈。\n二、文件篇幅。" + "字" * 4100)
    meeting = Finding.objects.get(review=review, rule_id="BR-INS-09")
    length = Finding.objects.get(review=review, rule_id="BR-DOC-01")
    old_meeting = migration.FIXED["BR-INS-09"][0]
    Finding.objects.filter(pk=meeting.pk).update(provision=old_meeting, source="旧")   # as stored before the fix
    # a finding of another rule holding an old text is not this migration's: it stays as it is
    Finding.objects.filter(pk=length.pk).update(provision=old_meeting)
    others = dict(Finding.objects.exclude(pk=meeting.pk).values_list("pk", "provision"))
    migration.forward(apps, None)
    assert Finding.objects.filter(pk=meeting.pk).values_list("provision", "source").get() == (
        f"{SHORT}第8条（上级到地方督查检查考核调研，不得动辄要求见主要负责同志）",
        "中共中央办公厅、国务院办公厅，2024年8月印发，2025年8月6日公开")
    assert dict(Finding.objects.exclude(pk=meeting.pk).values_list("pk", "provision")) == others
