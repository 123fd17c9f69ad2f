"""mend34 #7: the report page's three note boxes (转为监测问题, 纳入监测规则, 移送) were all labelled 告知反映人的意见;
each now says which action's note it is, and what the reporter is told when it is left blank."""

from __future__ import annotations

import re

import pytest

from jianfu.directline import services
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted

pytestmark = pytest.mark.django_db


def test_each_note_box_is_labelled_by_its_action(world):
    _key, private = county_key_with_handler(world)
    report, _code = submitted()
    services.report_accept(actor=world.users["county_office"], report=report, private=private)
    client = world.client("county_office")
    client.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    page = client.get(f"/directline/{report.pk}/").content.decode()
    labels = dict(re.findall(r'<label for="id_([frx]note)">([^<]+)</label>', page))
    assert labels == {"fnote": "转为监测问题：告知反映人的意见（反映人凭回执码可见）",
                      "rnote": "纳入监测规则：告知反映人的意见（反映人凭回执码可见）",
                      "xnote": "移送：告知反映人的意见（反映人凭回执码可见）"}
    placeholders = dict(re.findall(r'<textarea id="id_([frx]note)" name="note" rows="2" placeholder="([^"]+)"', page))
    assert placeholders == {"fnote": "不填则告知：已作为减负监测问题登记并督促整改。",
                            "rnote": "不填则告知：已纳入减负监测规则，今后同类问题将自动发现。",
                            "xnote": "不填则告知：已移送纪检监察机关依规处理。"}
