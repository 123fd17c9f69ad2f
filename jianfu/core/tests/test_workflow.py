"""The shared transition table (`jianfu.core.workflow`) without a database: lookups and refusals.

Its conditional UPDATE, and a real race between two movers, are tested on a real model in
`tests/test_guarded_transition.py` (core's tests may not import the apps)."""

from __future__ import annotations

import pytest
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.errors import ApplicationError
from jianfu.core.workflow import Workflow


class Door(models.TextChoices):
    SHUT = "shut", _("关闭")
    OPEN = "open", _("打开")
    LOCKED = "locked", _("上锁")


class Push(models.TextChoices):
    OPEN = "open", _("开门")
    SHUT = "shut", _("关门")
    LOCK = "lock", _("锁门")


DOOR = Workflow(
    {(Push.OPEN, Door.SHUT): Door.OPEN, (Push.SHUT, Door.OPEN): Door.SHUT, (Push.LOCK, Door.SHUT): Door.LOCKED},
    statuses=Door, actions=Push,
    refused=_("门当前状态为「%(status)s」，不能%(action)s。"), conflict=_("门刚被别人动过。"),
)


def test_target_status_follows_the_table():
    assert DOOR.target_status("open", "shut") == "open"
    assert DOOR.target_status("lock", "shut") == "locked"


def test_a_move_not_in_the_table_is_refused_in_chinese():
    with pytest.raises(ApplicationError) as err:
        DOOR.target_status("lock", "open")
    assert (err.value.message, err.value.code, err.value.field) == (
        "门当前状态为「打开」，不能锁门。", "wrong_state", "status")


def test_actions_from_and_allowed_from_keep_table_order():
    assert DOOR.actions_from("shut") == ["open", "lock"]
    assert DOOR.actions_from("locked") == []
    assert DOOR.allowed_from("shut") == ("open",)
    assert DOOR.allowed_from("lock") == ("shut",)


def test_a_typo_in_a_table_fails_at_import():
    with pytest.raises(ValueError):
        Workflow({("open", "ajar"): "open"}, statuses=Door, actions=Push, refused="", conflict="")
    with pytest.raises(ValueError):
        Workflow({("kick", "shut"): "open"}, statuses=Door, actions=Push, refused="", conflict="")


def test_a_deleted_row_has_a_label():
    assert DOOR.status_label(None) == "已删除"
    assert DOOR.status_label("locked") == "上锁"
