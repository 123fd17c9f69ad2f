"""newuser15 F5: what the drafting department reads — a finding's citation and the annotated Word — carries no
unfinished note ("条号待核") and no rule code; the office's own page keeps the code only as the title's tooltip."""

from __future__ import annotations

import io

import docx

from jianfu.review.engine import load_catalogue, review_bytes
from jianfu.review.engine.annotate import annotate
from jianfu.review.engine.rules import load_provisions

PLACEHOLDERS = ("待核", "待查", "待补", "待定", "TODO", "TBD", "？", "?")
SECONDMENT = "《整治形式主义为基层减负若干规定》第四部分“规范借调干部”（上级机关、单位原则上不得从县及以下单位借调干部）"


def test_no_citation_holds_a_placeholder():
    catalogue = load_catalogue()
    cited = {rule.id: rule.provision for rule in catalogue.rules}
    assert len(cited) > 50
    unfinished = {rid: text for rid, text in cited.items() if any(p in text for p in PLACEHOLDERS)}
    assert unfinished == {}
    shared = {key: p for key, p in load_provisions().items() if any(m in str(p) for m in PLACEHOLDERS)}
    assert shared == {}
    assert cited["BR-SEC-01"] == SECONDMENT
    assert {cited[r] for r in ("BR-DUTY-01", "BR-DEMO-01") if r in cited} <= {
        "《整治形式主义为基层减负若干规定》第六部分“规范明晰基层权责”",
        "《整治形式主义为基层减负若干规定》第七部分“规范创建示范和达标活动”",
        "《创建示范活动管理办法（试行）》（仅中央和省级党政机关、市县党委政府经批准可开展；不得收费）"}


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_annotated_word_cites_the_part_and_names_no_rule_code():
    data = _docx(["关于开展专项整治的通知", "一、工作力量", "（一）从各乡镇（街道）抽调工作人员到县专班集中办公。"])
    result = review_bytes(data, "draft.docx")
    assert "BR-SEC-01" in [f.rule_id for f in result.findings]
    comments = [c.text for c in docx.Document(io.BytesIO(annotate(result, original=data))).comments]
    secondment = next(c for c in comments if c.startswith("【从县及以下单位借调干部｜高】"))
    assert f"\n依据：{SECONDMENT}\n" in secondment
    assert [c for c in comments if "待核" in c or "规则 " in c or "BR-" in c] == []


def test_stored_findings_lose_the_placeholder_in_the_migration(world):
    from importlib import import_module

    from django.apps import apps

    from jianfu.review.models import Finding
    from jianfu.review.services import review_submit

    migration = import_module("jianfu.review.migrations.0004_citations_without_placeholder")
    old = next(k for k in migration.FIXED if "借调" in k)
    assert "条号待核" in old and migration.FIXED[old] == SECONDMENT
    # the frozen copies are today's citations, word for word
    assert set(migration.FIXED.values()) <= {p["provision"] for p in load_provisions().values()}
    review = review_submit(actor=world.users["dept_housing"], text="关于开展专项整治的通知\n一、从各乡镇抽调工作人员到县专班集中办公。")
    finding = Finding.objects.get(review=review, rule_id="BR-SEC-01")
    others = dict(Finding.objects.exclude(pk=finding.pk).values_list("pk", "provision"))
    Finding.objects.filter(pk=finding.pk).update(provision=old)      # as stored before the fix
    migration.forward(apps, None)
    assert Finding.objects.get(pk=finding.pk).provision == SECONDMENT
    assert dict(Finding.objects.exclude(pk=finding.pk).values_list("pk", "provision")) == others
