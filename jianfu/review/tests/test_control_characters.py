"""Control characters, very long text, emoji and RTL marks in reviewed text: cleaned, never a 500 (issue 11.3)."""

from __future__ import annotations

import io

import docx
import pytest

from jianfu.core.formtokens import token_new


@pytest.mark.django_db
def test_reviewed_text_with_control_characters_gives_an_annotated_docx(world):
    from jianfu.review.models import Review

    client = world.client("dept_housing")
    text = "关于加强考核的通知\n一、各村每月上报\x01工作台账，实行一票否决。\x0b\n二、严格落实\x02千分制考核。"
    posted = client.post("/review/submit/", {"text": text, "title": "测\x01试", "form_token": token_new()})
    assert posted.status_code == 302
    review = Review.objects.get()
    download = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    assert download.status_code == 200
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert "上报工作台账" in body and "\x01" not in body
