"""mend31 #2: the county's published notices an account has not opened are a to-do on its 工作台, until it opens each
(its page marks it read, once); a draft, another county's notice, a national one and the county office have none."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.monitor import selectors, services, workbench
from jianfu.monitor.models import Notice, NoticeRead

pytestmark = pytest.mark.django_db


def _notice(world, title: str, *, publish: bool = True) -> Notice:
    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={"title": title, "issuer": "县减负办",
                                                        "date": timezone.localdate().isoformat(), "body": "正文"})
    if publish:
        services.notice_publish(actor=office, pk=notice.pk)
    return notice


def _todo(user) -> tuple[str, str, int] | None:
    found = [(t.title, t.url, t.count) for t in workbench.todos(user) if "通报" in t.title]
    assert len(found) <= 1
    return found[0] if found else None


def test_unread_notices_of_the_county_until_each_is_opened(world, client):
    first = _notice(world, "第一批")
    second = _notice(world, "第二批")
    _notice(world, "草稿", publish=False)
    Notice.objects.create(level="provincial", date=timezone.localdate(), issuer="省减负办", title="省级通报")
    Notice.objects.create(level="county", county_code="450522000000", date=timezone.localdate(), issuer="别县",
                          title="别县通报", status="published")
    cadre = world.users["village_a"]
    assert _todo(cadre) == ("未读的本县典型问题通报", f"/monitor/notices/{second.pk}/", 2)
    client.force_login(cadre)
    assert client.get(f"/monitor/notices/{second.pk}/").status_code == 200
    assert client.get(f"/monitor/notices/{second.pk}/").status_code == 200      # again: one mark
    assert NoticeRead.objects.filter(user=cadre).count() == 1
    assert _todo(cadre) == ("未读的本县典型问题通报", f"/monitor/notices/{first.pk}/", 1)
    client.get(f"/monitor/notices/{first.pk}/")
    assert _todo(cadre) is None
    # each account its own: the township, a department and the other village still have both
    for name in ("town_quzhang", "dept_forestry", "village_b"):
        assert _todo(world.users[name]) == ("未读的本县典型问题通报", f"/monitor/notices/{second.pk}/", 2), name
    assert _todo(world.users["county_office"]) is None and _todo(world.users["admin"]) is None


def test_a_draft_or_a_refused_open_marks_nothing(world, client):
    draft = _notice(world, "草稿", publish=False)
    assert services.notice_mark_read(actor=world.users["county_office"], notice=draft) is False
    client.force_login(world.users["village_a"])
    assert client.get(f"/monitor/notices/{draft.pk}/").status_code == 404    # not visible to a village
    assert NoticeRead.objects.count() == 0
    assert list(selectors.notices_unread(user=world.users["grid_a"])) == []   # a grid account reads no notices


def test_the_mark_says_whether_it_was_made_once(world):
    """fixcr31a #3: the first open makes the mark (True); a second, and one racing it past the lookup, make none."""
    notice = Notice.objects.get(pk=_notice(world, "第一批").pk)      # as the page reads it: published
    cadre = world.users["village_a"]
    assert services.notice_mark_read(actor=cadre, notice=notice) is True
    read = NoticeRead.objects.get(user=cadre, notice=notice)
    assert services.notice_mark_read(actor=cadre, notice=notice) is False
    assert list(NoticeRead.objects.values_list("pk", "read_at")) == [(read.pk, read.read_at)]


def test_a_second_tab_racing_past_the_lookup_makes_no_mark(world, monkeypatch):
    """The other tab's row lands between this one's lookup and its insert: the unique constraint refuses the insert,
    the row is read back, and the answer is False (bulk_create(ignore_conflicts=True) answered True)."""
    from django.db.models import QuerySet

    notice = Notice.objects.get(pk=_notice(world, "第一批").pk)      # as the page reads it: published
    cadre = world.users["village_a"]
    assert services.notice_mark_read(actor=cadre, notice=notice) is True
    read = NoticeRead.objects.get(user=cadre, notice=notice)
    real_get, missed = QuerySet.get, []

    def lookup_before_the_other_tab(self, *args, **kwargs):
        if self.model is NoticeRead and not missed:
            missed.append(kwargs)
            raise NoticeRead.DoesNotExist
        return real_get(self, *args, **kwargs)

    def exists_before_the_other_tab(self):
        return False

    monkeypatch.setattr(QuerySet, "get", lookup_before_the_other_tab)
    monkeypatch.setattr(QuerySet, "exists", exists_before_the_other_tab)
    assert services.notice_mark_read(actor=cadre, notice=notice) is False
    monkeypatch.undo()
    assert list(NoticeRead.objects.values_list("pk", "read_at")) == [(read.pk, read.read_at)]
