"""Errors raised by the pure report engine. Messages are Chinese: they reach users unchanged."""

from __future__ import annotations


class EngineError(Exception):
    """A template, element, unit or period the engine cannot work with."""

    def __init__(self, message: str, *, field: str | None = None, place: str | None = None):
        self.message = message
        self.field = field
        self.place = place
        super().__init__(f"{place}: {message}" if place else message)


class DefinitionError(EngineError):
    """One or more problems in YAML/UI definitions; `problems` lists each with its place."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        text = "；\n".join(f"{place}：{msg}" for place, msg in problems)
        super().__init__(f"定义有 {len(problems)} 处错误：\n{text}")
