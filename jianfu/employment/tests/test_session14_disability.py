"""N06 (session 14): the matcher's reasons said "符合“视力残疾”" while the person's page showed no disability (the
registry recorded the category, the 残疾人 group was not ticked). One source now: `KeyPerson.disability_words`."""

from __future__ import annotations

import pytest

from jianfu.employment import matchsvc
from jianfu.employment.tests.factories import key_person_in, person_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("category", "ticked", "words", "note"), [
    ("visual", False, "视力残疾", True), ("visual", True, "视力残疾", False), ("", True, "残疾", False),
])
def test_the_page_shows_the_disability_the_matcher_reads(world, category, ticked, words, note):
    person = person_in(disability_category=category)
    kp = key_person_in(person=person, profile={"desired_text": "想进厂"})
    if ticked:
        type(kp).objects.filter(pk=kp.pk).update(is_disabled=True)
        kp.refresh_from_db()
    assert kp.disability_words == words
    assert words in matchsvc.seeker_of(kp).notes.split("，")
    html = world.client("village_a").get(f"/employment/people/{kp.pk}/").content.decode()
    row = html.split('<tr id="disability">')[1].split("</tr>")[0]
    assert f"<td>{words}" in row
    assert ("（户籍登记；未勾选“残疾人”类别）" in row) is note


def test_no_disability_no_row_and_no_note(world):
    kp = key_person_in(person=person_in(disability_category=""), profile={"desired_text": "想进厂"})
    assert kp.disability_words == ""
    assert 'id="disability"' not in world.client("village_a").get(f"/employment/people/{kp.pk}/").content.decode()
    assert "残疾" not in matchsvc.seeker_of(kp).notes
