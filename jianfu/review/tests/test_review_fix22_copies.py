"""Session 22 (branch review-fix22): newuser22, as a county burden-reduction office, added by hand the finding the reviewer
missed on "…以纸质和电子版各报一份" — the same material sent up twice (BR-APP-07). Sentences written here (not corpus
clauses): each kind that must fire with its look-alikes, and the .docx upload once. docs/review.md "Session 22
(review-fix22)"."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest

from jianfu.core.formtokens import token_new
from jianfu.review.engine import review_text
from jianfu.review.models import Review

# a county office's notice to the townships
TITLE = "关于做好2031年下半年重点工作的通知\n各乡镇人民政府，县直有关单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 1. a paper and an electronic copy of the same material, each sent up
        ("相关材料请以纸质和电子版各报一份。", ["BR-APP-07"]),
        ("各村的人居环境整治档案报乡镇农业办，纸质版和电子版各一份。", ["BR-APP-07"]),
        ("各乡镇的换届资料报县委组织部时，须提交电子版和加盖公章的纸质版各一份。", ["BR-APP-07"]),
        # look-alikes: an electronic copy alone; either form; a paper original kept locally; the issuer's own archive
        ("相关材料请以电子版报送。", []),
        ("相关材料可报送电子版或纸质版。", []),
        ("相关材料报送电子版即可，纸质材料原件由乡镇留存备查。", []),
        ("本通知纸质版和电子版由县委办公室存档一份。", []),
        # an applicant's or an enterprise's paper and electronic filing: enterprises and applicants are not grassroots
        ("申报企业须提交纸质申报材料一式三份和电子版。", []),
        ("各企业将年度报告纸质版和电子版各一份报县工信局。", []),
        ("请申请人将申请书纸质版和电子版各一份报县人社局。", []),
        # the county's own departments sending their own account to the county office (blind10 B10107's kind)
        ("请县直各部门将本部门档案整理情况报县委办公室，纸质稿和电子稿各一份。", []),
    ],
)
def test_a_paper_and_an_electronic_copy(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 2. paper copies 一式X份 and an electronic one besides, in either wording
        ("相关资料纸质材料一式三份，另报电子版。", ["BR-APP-07"]),
        ("各村的土地确权资料纸质材料一式两份交乡镇经管站，同时报送电子版。", ["BR-APP-07"]),
        ("相关材料电子版发送至指定邮箱，纸质版加盖公章后报县委办公室。", ["BR-APP-07"]),
        # look-alikes: paper copies alone (one filing in one form), a recommendation forwarding applicants' materials
        ("相关资料纸质材料一式三份报县委办公室。", []),
        ("各乡镇将推荐的示范家庭申报材料一式三份，附电子版报县妇联。", []),
    ],
)
def test_paper_copies_and_an_electronic_one(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 3. a system's entry followed by a paper copy sent besides
        ("各村在低保信息系统填报后，另报纸质表格一份至乡镇民政办。", ["BR-APP-07"]),
        ("各乡镇在系统录入完成后，另交打印件一份至县民政局。", ["BR-APP-07"]),
        # look-alikes: the system's entry alone; a printed copy kept by the village
        ("各村在低保信息系统填报即可。", []),
        ("各村在低保信息系统填报后，打印一份留存备查。", []),
    ],
)
def test_a_systems_entry_and_a_paper_copy(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 4. the same material sent at once to two offices
        ("各乡镇的摸排结果同时报送县民政局和县乡村振兴局两个部门。", ["BR-APP-07"]),
        ("各村的低保复核名单同时报乡镇民政办和县民政局。", ["BR-APP-07"]),
        # look-alikes: one office; two offices that send the work down together (a joint notice, no report)
        ("各村的低保复核名单报乡镇民政办。", []),
        ("县民政局和县乡村振兴局同时部署摸排工作。", []),
    ],
)
def test_the_same_material_sent_to_two_offices(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 5. the copies of a report found as such are that report's form (the writers' labels: blind8 B8111, blind9 B9103,
        # blind5 B5009/B5047 — a rhythm report, an account or evidence, no APP beside it): one burden, one finding
        ("各村于每月5日前将巡查台账报乡镇，纸质版和电子版各一份。", ["BR-INS-08"]),
        ("请各乡镇于6月30日前将自查情况报县委办公室，纸质版和电子版各一份。", ["BR-DOC-02"]),
        # …but a system beside the copies is a second filing of its own (heldout H044's kind)
        ("各村于每月5日前在系统填报巡查情况后，另行打印纸质版加盖公章报乡镇。", ["BR-APP-07", "BR-INS-08"]),
    ],
)
def test_copies_of_a_report_found_as_such(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.django_db
def test_the_county_office_uploads_a_docx_and_sees_the_finding(world: Any) -> None:
    d = docx.Document()
    for line in (
        "县减负办关于开展基层减负自查的通知",
        "各乡镇人民政府：",
        "一、报送要求",
        "（一）相关材料请以纸质和电子版各报一份。",
    ):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    buf.name = "减负自查通知.docx"
    buf.seek(0)
    client = world.client("county_office")
    response = client.post("/review/submit/", {"file": buf, "form_token": token_new()})
    assert response.status_code == 302
    review = Review.objects.get()
    assert list(review.findings.values_list("rule_id", "matched")) == [("BR-APP-07", "纸质和电子版各报一份")]
    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    assert '<mark class="medium" title="多头重复报送（BR-APP-07）">纸质和电子版各报一份</mark>' in page
