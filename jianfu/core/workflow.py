"""One guarded-transition helper for every status workflow (dispatch, direct line, village pages).

An app declares its statuses, its actions and ONE table `(action, from status) -> to status`, and
wraps them in a `Workflow`. The workflow answers which moves exist (`target_status`, `actions_from`,
`allowed_from`) and makes a move with a conditional UPDATE (`WHERE pk = … AND status = <from>`): when
two people act on the same row at once exactly one UPDATE matches, the other gets a ConflictError and
nothing is written for it. The caller holds the transaction and writes its timeline and audit rows
after `move` returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext

from jianfu.core.errors import ApplicationError, ConflictError

_Row = TypeVar("_Row", bound=models.Model)


class Workflow:
    """A transition table with its Chinese refusals.

    `refused` is the message for a move the table does not have; it may use `%(status)s` (the
    current status's label) and `%(action)s` (the action's label). `conflict` is the message for a
    move that lost a race; it may use `%(status)s` (the status the row has now). Both are msgids
    marked with gettext_lazy, translated when an error is raised."""

    def __init__(self, transitions: Mapping[tuple[str, str], str], *,
                 statuses: type[models.TextChoices], actions: type[models.TextChoices],
                 refused: str | Promise, conflict: str | Promise, status_field: str = "status") -> None:
        for (action, frm), to in transitions.items():
            # a typo in a table is a programming error: fail at import (ValueError), not in front of a user
            actions(action)
            statuses(frm)
            statuses(to)
        self.transitions: dict[tuple[str, str], str] = dict(transitions)
        self.statuses = statuses
        self.actions = actions
        self.refused = refused
        self.conflict = conflict
        self.status_field = status_field

    def status_label(self, status: str | None) -> str:
        if status is None:
            return gettext("已删除")
        return str(self.statuses(status).label)

    def target_status(self, action: str, current: str) -> str:
        """The status `action` leads to from `current`, or a Chinese ApplicationError (wrong_state)."""
        try:
            return self.transitions[(action, current)]
        except KeyError:
            raise ApplicationError(
                str(self.refused)
                % {"status": self.status_label(current), "action": str(self.actions(action).label)},
                code="wrong_state", field=self.status_field,
            ) from None

    def actions_from(self, current: str) -> list[str]:
        """The actions the table allows from `current`, in table order."""
        return [act for (act, frm) in self.transitions if frm == current]

    def allowed_from(self, action: str) -> tuple[str, ...]:
        """The statuses `action` may start from, in table order."""
        return tuple(frm for (act, frm) in self.transitions if act == action)

    def move(self, rows: models.QuerySet[_Row] | models.Manager[_Row], pk: object, action: str, current: str,
             **updates: Any) -> str:
        """Move row `pk` of `rows` (a model's manager or a queryset) from `current` along `action` with one
        conditional UPDATE; return the new status.

        Refuses (ApplicationError, wrong_state) a move the table does not have, and (ConflictError) a
        move whose row is no longer in `current` — someone else moved it first, or it is gone. Either
        way nothing is written. `updates` are further columns set by the same UPDATE."""
        to = self.target_status(action, current)
        moved = rows.filter(pk=pk, **{self.status_field: current}).update(**{self.status_field: to}, **updates)
        if moved != 1:
            now = rows.filter(pk=pk).values_list(self.status_field, flat=True).first()
            raise ConflictError(str(self.conflict) % {"status": self.status_label(now)},
                                code="conflict", field=self.status_field)
        return to
