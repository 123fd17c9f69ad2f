"""newuser20 #5: in "…悬挂“…示范村”牌子，并开具无违建证明" the certificate finding quoted "村”牌子，并开具" — from the 村 that
ends the clause before the comma to the bare verb. The quote (the finding's words and the annotated .docx's anchor) is
now the demand: the verb and the certificate it names, with the village body when it stands in the same clause."""

from __future__ import annotations

import io
import re
import zipfile

from jianfu.review.engine import review_text
from jianfu.review.engine.annotate import annotate

TEXT = ("关于开展人居环境整治的通知\n一、各村要在村部外墙张贴“美丽乡村示范村”标牌，并开具无违建证明。\n"
        "二、申请补助的，由村委会出具家庭收入证明。\n三、不再要求村（社区）出具“无犯罪记录证明”。")


def test_the_certificate_finding_quotes_the_demand():
    result = review_text(TEXT)
    quoted = [(f.matched, f.clause_text[f.start:f.end]) for f in result.findings if f.rule_id == "BR-DUTY-04"]
    assert quoted == [("开具无违建证明", "开具无违建证明"), ("村委会出具家庭收入证明", "村委会出具家庭收入证明")]
    document = zipfile.ZipFile(io.BytesIO(annotate(result))).read("word/document.xml").decode()
    anchored = [re.sub(r"<[^>]+>", "", words) for words in
                re.findall(r'<w:commentRangeStart w:id="\d+"/>(.*?)<w:commentRangeEnd', document)]
    assert "开具无违建证明" in anchored and "村委会出具家庭收入证明" in anchored
    assert not any("，并开具" in words for words in anchored)
