"""What the matcher reads from a posting's own words about its housing, rest days and shifts, in the words the public
posting page shows them (mend35 #2: a description saying 包吃住 showed 福利 —, and a shift written only in the text
showed no 班次 row). Pure: the readings are the matcher's own (`parse.houses_worker`, `parse.states_no_housing`,
`parse.WEEKENDS_OFF`, `parse.infer_job_demands`, `hours.job_hours`), said once here — no second parser.

Only what the matcher reads is said: meals and social insurance ("五险一金") are not read by it, so they are not
claimed; the page shows the employer's own 福利待遇 column as written beside these readings.
"""

from __future__ import annotations

from dataclasses import dataclass

from jianfu.employment.matching import hours, parse


@dataclass(frozen=True)
class TextReadings:
    benefits: tuple[str, ...] = ()   # "提供住宿", "不提供住宿", "双休"
    shifts: tuple[str, ...] = ()     # "有夜班或倒班", "白班，不上夜班", "全天班", "工作时间 8:00–17:00"

    def __bool__(self) -> bool:
        return bool(self.benefits or self.shifts)


def text_readings(*texts: object) -> TextReadings:
    """The readings of the texts given (a posting's title and description, or its benefits column alone)."""
    work = parse.conditions_text(texts[0] if texts else "", " ".join(str(t or "") for t in texts[1:]), "")
    benefits: list[str] = []
    if parse.states_no_housing(work):
        benefits.append("不提供住宿")
    elif parse.houses_worker(work):
        benefits.append("提供住宿")
    if parse.WEEKENDS_OFF.search(work):
        benefits.append("双休")
    demands = parse.infer_job_demands(work)
    shifts: list[str] = []
    if "NIGHT" in demands:
        shifts.append("有夜班或倒班")
    elif "DAYTIME" in demands:
        shifts.append("白班，不上夜班")
    if "FULL_DAY" in demands:
        shifts.append("全天班")
    stated = hours.job_hours(work)
    if stated.ranges:
        shifts.append(f"工作时间 {stated.label()}")
    return TextReadings(tuple(benefits), tuple(shifts))


def posting_readings(title: object, description: object, benefits: object = "", shifts: object = "") -> TextReadings:
    """What the posting's title and description say that its own 福利待遇 and 班次 columns do not: a reading the
    columns already give (their text read the same way) is not repeated, and shifts are read from the text only
    when the 班次 column is empty (the column is the employer's word on them)."""
    from_text = text_readings(title, description)
    from_columns = text_readings("", benefits, shifts)
    return TextReadings(tuple(b for b in from_text.benefits if b not in from_columns.benefits),
                        () if str(shifts or "").strip() else from_text.shifts)
