"""fix-left17b #4: the forced-race setup the apps' tests copied (a Barrier after a check, threads that collect what
they returned or raised and close their connections) is one helper, `jianfu.core.testing.race.Race`."""

from __future__ import annotations

import threading
import types

from jianfu.core.testing.race import Race


def _step_recording(events: list[str], name: str):
    def step(who: str) -> str:
        events.append(f"{name} {who}")
        return who
    return step


def test_run_answers_each_calls_result_or_exception_in_order():
    def fails() -> None:
        raise ValueError("坏了")

    outcomes = Race(3).run(lambda: 1, fails, lambda: "三")
    assert [o if not isinstance(o, Exception) else (type(o), str(o)) for o in outcomes] == [1, (ValueError, "坏了"), "三"]


def test_hold_after_lets_no_call_return_before_every_call_has_made_its_step(monkeypatch):
    events: list[str] = []
    owner = types.SimpleNamespace(check=_step_recording(events, "check"))
    race = Race(timeout=5)
    race.hold_after(monkeypatch, owner, "check")
    lock = threading.Lock()

    def request(who: str) -> str:
        owner.check(who)
        with lock:
            events.append(f"write {who}")
        return who

    assert race.run(lambda: request("甲"), lambda: request("乙")) == ["甲", "乙"]
    assert sorted(events[:2]) == ["check 乙", "check 甲"] and sorted(events[2:]) == ["write 乙", "write 甲"]


def test_hold_before_lets_no_call_make_its_step_before_every_call_is_at_it(monkeypatch):
    events: list[str] = []
    owner = types.SimpleNamespace(write=_step_recording(events, "write"))
    race = Race(timeout=5)
    race.hold_before(monkeypatch, owner, "write")

    def request(who: str) -> str:
        events.append(f"arrive {who}")
        return owner.write(who)

    assert race.run(lambda: request("甲"), lambda: request("乙")) == ["甲", "乙"]
    assert sorted(events[:2]) == ["arrive 乙", "arrive 甲"] and sorted(events[2:]) == ["write 乙", "write 甲"]


def test_a_meeting_nobody_else_reaches_gives_up_after_its_timeout_and_goes_on():
    race = Race(2, timeout=0.2)

    def alone() -> str:
        race.meet()       # the other request is held by a lock elsewhere: go on after the timeout
        return "went on"

    assert race.run(alone) == ["went on"]
    assert race.barrier.broken
