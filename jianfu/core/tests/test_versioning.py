"""fix-left17b #1: one reader of "what changed since you opened it" (`change_lines`) behind one refusal
(`versioning.stale_error`), for the audit records (`audit_changes`) and the registry's FieldChange history alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from jianfu.core import versioning
from jianfu.core.audit import audit_record
from jianfu.core.versioning import Change, audit_changes, change_lines, stale_error, version_of

WHEN = timezone.make_aware(dt.datetime(2026, 12, 5, 9, 30))
AT = timezone.localtime(WHEN).strftime("%m-%d %H:%M")


def test_the_alias_and_the_second_reader_are_gone():
    assert [name for name in ("stale_conflict", "changes_since") if hasattr(versioning, name)] == []


def test_a_forms_labels_name_its_fields_in_its_order_and_show_nothing_as_a_dash():
    changes = [Change(field="places", old=["town"], new=["county", "town"], who="张三", when=WHEN),
               Change(field="education", old=None, new="junior", who="张三", when=WHEN),
               Change(field="internal", old="a", new="b", who="张三", when=WHEN)]     # not on the form: left out
    lines = change_lines(changes, labels={"education": "学历", "places": "地点"},
                         choices={"education": {"junior": "初中"}, "places": {"town": "本镇", "county": "县内"}})
    assert lines == [f"学历：“—”改为“初中”（张三，{AT}）", f"地点：“本镇”改为“县内、本镇”（张三，{AT}）"]


@pytest.mark.django_db
def test_a_model_names_every_field_by_its_label_and_shows_nothing_as_empty():
    changes = [Change(field="major", old="None", new="机电", who="李四", when=WHEN),
               Change(field="unemployment_ground", old="", new="dismissed", who="李四", when=WHEN)]
    assert change_lines(changes, model="employment.keyperson") == [
        f"所学专业：“”改为“机电”（李四，{AT}）", f"失业认定原因：“”改为“被解除劳动合同”（李四，{AT}）"]


def test_at_most_twenty_lines():
    changes = [Change(field="a", old=str(i), new=str(i + 1), who="x", when=WHEN) for i in range(25)]
    assert len(change_lines(changes, labels={"a": "甲"})) == versioning.MAX_LINES == 20


@pytest.mark.django_db
def test_the_audit_reader_reads_only_the_saves_since_the_version_and_not_the_forms_own(world):
    user = world.users["village_a"]
    user.first_name, user.last_name = "王五", ""
    user.save()
    target = world.users["grid_a"]
    # made just now, as `since` reads it for "new" (every versioned model's TimeStampedModel field; a User has none)
    target.created_at = timezone.now()

    def record(action: str, changes: dict) -> None:
        with transaction.atomic():
            audit_record(actor=user, action=action, obj=target, changes=changes)

    record("demo.thing.update", {"name": ["旧", "早"]})
    opened = versioning.version_at(target, timezone.now())
    record("demo.thing.update", {"name": ["早", "自己"], "version": opened})     # the form's own starting point
    record("demo.thing.update", {"fields": {"name": ["自己", "新"]}, "count": 3, "version": "other"})
    record("demo.other.update", {"name": ["新", "别处"]})
    found = audit_changes(target, opened, action_prefix="demo.thing.")
    assert [(c.field, c.old, c.new, c.who) for c in found] == [("name", "自己", "新", "王五")]
    assert [c.new for c in audit_changes(target, opened, actions=["demo.other.update"])] == ["别处"]
    # no version, or text that is not one, names no starting point: no one's history is listed (security17: a
    # malformed hidden field listed the record's last twenty changes)
    assert audit_changes(target, "", actions=["demo.thing.update"]) == []
    assert audit_changes(target, "not-a-version", action_prefix="demo.") == []
    # a form opened before the record existed ("new") reads every save since, where the caller's form creates records
    assert [c.new for c in audit_changes(target, versioning.NEW, actions=["demo.thing.update"], new_allowed=True)] \
        == ["早", "自己", "新"]
    assert audit_changes(target, versioning.NEW, actions=["demo.thing.update"]) == []
    # security18 #3: a well-formed time typed into the form, or a version signed for another record, names nothing
    typed = opened.partition(versioning.SIGNED)[0]
    assert audit_changes(target, typed, action_prefix="demo.") == []
    assert audit_changes(target, "2000-01-01T00:00:00+00:00", action_prefix="demo.") == []
    other = versioning.version_at(world.users["village_b"], timezone.now() - dt.timedelta(days=1))
    assert audit_changes(target, other, action_prefix="demo.") == []
    day_ago = versioning.version_at(target, timezone.now() - dt.timedelta(days=1))   # given for it: read
    assert [c.new for c in audit_changes(target, day_ago, action_prefix="demo.")] == ["早", "自己", "新", "别处"]


@pytest.mark.django_db
def test_the_one_refusal_names_the_changes_and_carries_the_current_version(world):
    current = world.users["village_a"]
    error = stale_error(current, [Change(field="name", old="甲", new="乙", who="王五", when=WHEN)],
                        labels={"name": "名称"})
    assert (error.code, error.status_code) == ("stale", 409)
    assert error.message == (f"该记录已被他人修改（在您打开表单之后），本次没有保存。对方修改了：名称：“甲”改为“乙”（王五，{AT}）。"
                             "您填写的内容已保留，请核对后再次保存。")
    assert error.details == {"changes": [f"名称：“甲”改为“乙”（王五，{AT}）"], "version": version_of(current)}
    assert stale_error(current, [], labels={}).message == ("该记录已被他人修改（在您打开表单之后），本次没有保存。"
                                                            "您填写的内容已保留，请核对后再次保存。")


def test_one_reading_of_since_a_version():
    """mend18b #2: the three-way test every history reader makes, in one place (`versioning.since`)."""
    from django.db.models import Q

    from jianfu.accounts.models import User

    record = User(pk=7, username="x")
    record.created_at = timezone.now()   # made just now (as a TimeStampedModel: a User has no created_at)
    when = dt.datetime.fromisoformat("2026-12-05T09:30:00+08:00")
    opened = versioning.version_at(record, when)
    assert versioning.since(versioning.NEW, field="created_at", record=record, new_allowed=True) == Q()
    assert versioning.since(versioning.NEW, field="created_at", record=record) is None   # no form of it creates
    assert versioning.since("", field="created_at", record=record) is None                # no version: no history
    assert versioning.since("not-a-version", field="changed_at", record=record) is None
    assert versioning.since(opened, field="changed_at", record=record) == Q(changed_at__gt=when)
    assert versioning.since(when.isoformat(), field="changed_at", record=record) is None   # typed, not given
    assert versioning.since(opened, field="changed_at", record=User(pk=8, username="y")) is None   # another's
    assert versioning.parse_version(opened) == when == versioning.parse_version(when.isoformat())


def test_new_names_the_history_of_a_record_made_within_a_day_only():
    """mend19b #4: the day's bound on "new" is `since`'s (it was the employment profile's own rule, security18 #3):
    posted to an older record, "new" would list its whole history."""
    from django.db.models import Q

    from jianfu.accounts.models import User

    now = timezone.now()

    def new(made: dt.datetime | None) -> Q | None:
        record = User(pk=7, username="x")
        if made is not None:
            record.created_at = made   # as a TimeStampedModel's (a User has no created_at)
        return versioning.since(versioning.NEW, field="created_at", record=record, new_allowed=True)

    assert dt.timedelta(days=1) == versioning.NEW_WITHIN
    assert new(now) == Q()
    assert new(now - dt.timedelta(hours=23, minutes=59)) == Q()
    assert new(now - dt.timedelta(days=1, minutes=1)) is None
    assert new(None) is None    # a record with no creation time is taken as old


@pytest.mark.django_db
def test_the_audit_reader_leaves_out_the_posters_own_save_of_the_values_it_posts(world):
    """mend19c #1: a change the posting account made that wrote the very value the refused post holds is the form's
    own earlier save (back and 保存 again) — left out, field by field, values compared as the record stores them."""
    me, other = world.users["village_a"], world.users["grid_a"]
    target = world.users["village_b"]
    opened_at = timezone.now() - dt.timedelta(minutes=1)
    opened = versioning.version_at(target, opened_at)

    def record(actor, changes: dict) -> None:
        with transaction.atomic():
            audit_record(actor=actor, action="demo.thing.update", obj=target, changes=changes)

    # the form's own first save: a date (stored as its ISO text), a number, a list
    record(me, {"date": [dt.date(2026, 11, 2), dt.date(2026, 11, 3)], "minutes": [60, 90], "places": [[], ["town"]],
                "note": ["", "甲"]})
    record(other, {"title": ["旧", "新"]})
    record(me, {"note": ["甲", "乙"]})      # the same account in another tab: a value this post does not hold
    carried = {"date": dt.date(2026, 11, 3), "minutes": 90, "places": ["town"], "note": "甲", "title": "新"}
    found = audit_changes(target, opened, actions=["demo.thing.update"], actor=me, carried=carried)
    assert [(c.field, c.new) for c in found] == [("title", "新"), ("note", "乙")]
    # without the poster, or posted by no account, every change is named
    assert len(audit_changes(target, opened, actions=["demo.thing.update"], carried=carried)) == 6
    assert len(audit_changes(target, opened, actions=["demo.thing.update"], actor=None, carried=carried)) == 6

    others = versioning.audit_stale_error(target, opened, actor=me, carried=carried, actions=["demo.thing.update"],
                                          labels={"note": "备注", "minutes": "时长"})
    assert others.details["changes"] == [f"备注：“甲”改为“乙”（village_a，{_at_last()}）"]
    assert others.message.startswith("该记录已被他人修改")
    # a record whose only save since is the form's own: said so, naming no one
    mine_only = world.users["town_quzhang"]
    with transaction.atomic():
        audit_record(actor=me, action="demo.thing.update", obj=mine_only, changes={"note": ["", "甲"]})
    yours = versioning.audit_stale_error(mine_only, versioning.version_at(mine_only, opened_at), actor=me,
                                         carried={"note": "甲", "minutes": 5}, actions=["demo.thing.update"],
                                         labels={"note": "备注", "minutes": "时长"})
    assert (yours.message, yours.details["changes"]) == (
        "您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您填写的内容已保留，请核对后再次保存。", [])


def _at_last() -> str:
    from jianfu.core.models import AuditRecord

    return timezone.localtime(AuditRecord.objects.latest("id").created_at).strftime("%m-%d %H:%M")


def test_the_posters_own_saves_do_not_crowd_out_a_later_change_of_another(world):
    """cr19b #1: 25 saves of the poster's own values since the form's version, then one of another account: the
    other's change is named (the reader once sliced 21 records first and dropped the poster's own after, so the
    refusal said "您…已经保存过", hiding the other's change)."""
    me, other = world.users["village_a"], world.users["grid_a"]
    target = world.users["village_b"]
    opened = versioning.version_at(target, timezone.now() - dt.timedelta(minutes=1))
    for _ in range(25):
        with transaction.atomic():
            audit_record(actor=me, action="demo.thing.update", obj=target, changes={"note": ["", "甲"]})
    with transaction.atomic():
        audit_record(actor=other, action="demo.thing.update", obj=target, changes={"title": ["旧", "新"]})
    carried = {"note": "甲", "title": "旧"}
    found = audit_changes(target, opened, actions=["demo.thing.update"], actor=me, carried=carried)
    assert [(c.field, c.old, c.new, c.who) for c in found] == [("title", "旧", "新", "grid_a")]
    refusal = versioning.audit_stale_error(target, opened, actor=me, carried=carried, actions=["demo.thing.update"],
                                           labels={"note": "备注", "title": "标题"})
    assert refusal.message.startswith("该记录已被他人修改")
    assert refusal.details["changes"] == [f"标题：“旧”改为“新”（grid_a，{_at_last()}）"]
    # the changes named are still at most MAX_LINES + 1 (the refusal shows MAX_LINES)
    assert len(audit_changes(target, opened, actions=["demo.thing.update"])) == versioning.MAX_LINES + 1


def test_posters_own_is_one_decision_for_every_history():
    """mend19d #2/#3: the registry's FieldChange rows and the audit records' readers decide "yours" by one helper."""
    from types import SimpleNamespace

    posters_own = versioning.posters_own
    when = dt.datetime(2026, 12, 5, 9, 30, tzinfo=dt.UTC)
    poster = SimpleNamespace(pk=7, is_authenticated=True)
    mine, theirs = (Change(field="phone", old="", new="139****2222", who="a", when=when, by=by) for by in (7, 8))
    assert posters_own([], actor=poster, saved_since=lambda: True) is True
    assert posters_own([], actor=poster, saved_since=lambda: False) is False
    assert posters_own([mine, mine], actor=poster, saved_since=lambda: False) is True
    assert posters_own([mine, theirs], actor=poster, saved_since=lambda: True) is False
    anonymous = SimpleNamespace(pk=None, is_authenticated=False)
    assert posters_own([mine], actor=anonymous, saved_since=lambda: True) is False
