"""直通车 reads. Handlers see their county's reports (and read them only with the unlocked key); a
reporter sees one report through its receipt code; statistics are suppressed and per closed quarter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import ratelimits
from jianfu.core.errors import ApplicationError, NotFoundError, UnavailableError
from jianfu.directline import sealing
from jianfu.directline.models import Attachment, Category, CountyKey, Message, Report
from jianfu.directline.services import require_slot
from jianfu.directline.suppression import SuppressedList, suppress
from jianfu.directline.workflow import Status
from jianfu.orgs.models import OrgUnit


class TooManyGuesses(ApplicationError):
    status_code = 429
    default_code = "throttled"


# --- handlers -------------------------------------------------------------------------------------
def report_list(*, user, status: str = "", category: str = ""):
    slot = require_slot(user)
    qs = scope_for(user).filter(Report.objects.filter(county_key=slot.county_key, held=False))
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    # what waits to be accepted comes first (it was last of 15 for a handler), then the newest
    waiting_first = Case(When(status=Status.NEW, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.select_related("county_key").order_by(waiting_first, "-received_on", "-id")


def report_get(*, user, pk) -> Report:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundError(_("找不到该反映。")) from None
    report = report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise NotFoundError(_("找不到该反映。"))
    return report


@dataclass
class OpenedMessage:
    author: str
    author_label: str
    text: str
    created_on: dt.date
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class OpenedReport:
    report: Report
    text: str
    outcome: str
    messages: list[OpenedMessage]
    attachments: list[Attachment]   # those sent with the report itself


def _messages(report: Report, private: bytes, *, as_reporter: bool) -> tuple[list[OpenedMessage], list[Attachment]]:
    out = []
    attachments = {}
    for attachment in report.attachments.all():
        attachments.setdefault(attachment.message_id, []).append(attachment)
    for message in report.messages.all():
        blob = message.sealed_for_reporter if as_reporter else message.sealed_for_county
        out.append(OpenedMessage(message.author, Message.Author(message.author).label,
                                 sealing.open_text(bytes(blob), private=private, aad=message.aad()),
                                 message.created_on, attachments.get(message.pk, [])))
    return out, attachments.get(None, [])


def report_open(*, user, report: Report, private: bytes) -> OpenedReport:
    """A handler reads a report with the county's private key from the unlocked session."""
    require_slot(user)
    body = sealing.open_text(bytes(report.body_sealed), private=private, aad=report.aad("body"))
    outcome = (sealing.open_text(bytes(report.outcome_sealed), private=private, aad=report.aad("outcome"))
               if report.outcome_sealed else "")
    messages, attachments = _messages(report, private, as_reporter=False)
    return OpenedReport(report, body, outcome, messages, attachments)


def attachment_open(*, user, report: Report, private: bytes, pk) -> tuple[Attachment, bytes]:
    attachment = report.attachments.filter(pk=pk).first() if str(pk).isdigit() else None
    if attachment is None:
        raise NotFoundError(_("找不到该附件。"))
    return attachment, sealing.open_sealed(bytes(attachment.sealed_content), private=private, aad=attachment.aad())


def private_key_matches(report_or_key, private: bytes | None) -> bool:
    key = report_or_key.county_key if isinstance(report_or_key, Report) else report_or_key
    return bool(private) and sealing.public_of(private) == bytes(key.public_key)


# --- the reporter ---------------------------------------------------------------------------------
_DUMMY_UID = "0" * 32
_DUMMY_WRAPPED = sealing.wrap(b"\0" * 32, key=b"\1" * 32, aad="dummy")


def _guesses_key() -> str:
    minute, _into = ratelimits.window_of(60)
    return f"directline:guesses:{minute}"


def _guess_budget_spent() -> bool:
    """Whether this minute's wrong guesses reached the county-wide budget. With the cache that counts them unreachable,
    no code is tried (limits fail closed, `core.ratelimits`): a 503 with Retry-After in words that do not blame the
    reporter — read as 0 it would be no limit on guessing at all."""
    key = _guesses_key()
    try:
        spent = int(cache.get(key, 0))
    except ratelimits.CACHE_ERRORS as exc:
        ratelimits.unreachable(exc, key)
        raise UnavailableError(_("系统暂时无法查询回执码，请几分钟后再试。"), retry_after=ratelimits.RETRY_AFTER) from None
    return spent >= getattr(settings, "JIANFU_DIRECTLINE_GUESSES_PER_MINUTE", 30)


def _count_guess() -> None:
    key = _guesses_key()
    try:
        ratelimits.count(key, 1, 60, store=cache)
    except ratelimits.CACHE_ERRORS as exc:   # gone since the check above: the guess was refused anyway
        ratelimits.unreachable(exc, key)


def report_by_receipt(*, code: str) -> tuple[Report, bytes]:
    """The report a receipt code opens, with the report's own private key; one NotFoundError for a
    mistyped, unknown or malformed code alike. Wrong guesses are counted county-wide per minute (no
    address is kept, so there is no per-address limit) and, over the budget, refused for the minute.
    The miss path does the same key derivation as the hit path, so timing does not tell them apart."""
    if _guess_budget_spent():
        raise TooManyGuesses(_("查询过于频繁，请一分钟后再试。"))
    normal = sealing.normalise_receipt_code(code or "")
    report = (Report.objects.select_related("county_key").filter(receipt_hash=sealing.receipt_lookup_hash(normal))
              .first()) if normal else None
    uid = report.uid if report else _DUMMY_UID
    key = sealing.receipt_key(normal or "0" * sealing.CODE_LENGTH, report_uid=uid)
    try:
        if report is None:
            sealing.unwrap(_DUMMY_WRAPPED, key=key, aad="dummy")
        return report, sealing.unwrap(bytes(report.reporter_private_wrapped), key=key, aad=report.aad("reporter-key"))
    except (sealing.OpenError, AttributeError):
        _count_guess()
        raise NotFoundError(_("回执码不正确。请核对后重新输入（不区分大小写，可省略短横线）。"), field="code") from None


def reporter_view(*, report: Report, private: bytes) -> OpenedReport:
    body = sealing.open_text(bytes(report.body_for_reporter), private=private, aad=report.aad("body"))
    outcome = (sealing.open_text(bytes(report.outcome_for_reporter), private=private, aad=report.aad("outcome"))
               if report.outcome_for_reporter else "")
    messages, _attachments = _messages(report, private, as_reporter=True)
    # The reporter sees which files were received, not their content (only the county key opens those).
    return OpenedReport(report, body, outcome, messages, list(report.attachments.filter(message__isnull=True)))


# --- public choices -------------------------------------------------------------------------------
def counties_enabled() -> list[OrgUnit]:
    codes = CountyKey.objects.filter(is_active=True).values_list("org_code", flat=True)
    return list(OrgUnit.objects.filter(code__in=list(codes)).order_by("code"))


def place_split(place: str) -> tuple[str, str]:
    """A chosen place (a county, or a township of it) → (county code, township code or ""). Anything else (a
    village's code, say) is an error about `place` (badinput15 #16: it was “该县尚未开通直通车”, keyed county)."""
    unit = OrgUnit.objects.filter(code=place or "", kind__in=("county", "town")).first()
    if unit is None:
        raise ApplicationError(_("请选择县级单位或本县的乡镇（街道）：反映地点应为县或乡镇（街道）代码，不能是村（社区）或其他单位。"),
                               code="unknown_place", field="place")
    return (unit.parent_code, unit.code) if unit.kind == "town" else (unit.code, "")


def townships_of(county_code: str) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(parent_code=county_code, kind="town", is_active=True).order_by("code"))


# --- statistics -----------------------------------------------------------------------------------
@dataclass
class Statistics:
    period: str
    start: dt.date
    end: dt.date
    by_township: SuppressedList
    by_category: SuppressedList
    by_status: SuppressedList


def closed_quarters(today: dt.date, n: int = 4) -> list[tuple[dt.date, dt.date]]:
    """The last `n` finished calendar quarters, newest first."""
    q_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    out = []
    for _i in range(n):
        end = q_start - dt.timedelta(days=1)
        q_start = dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        out.append((q_start, end))
    return out


def statistics(*, user, start: dt.date, end: dt.date) -> Statistics:
    """Counts for one closed quarter of the account's county, every list small-count suppressed."""
    scope = scope_for(user)
    if not scope.can(Capability.DIRECTLINE_HANDLE):
        scope.require(Capability.STATISTICS_VIEW)
    if end >= timezone.localdate():
        raise ApplicationError(_("只能查看已结束季度的统计。"), code="period_open", field="period")
    qs = scope.filter(Report.objects.filter(received_on__gte=start, received_on__lte=end))
    towns = {u.code: u.name for u in OrgUnit.objects.filter(kind="town").filter(
        code__in=list(qs.values_list("org_code", flat=True).distinct()))}
    by_town: dict[str, int] = {}
    for row in qs.values("org_code").annotate(n=Count("id")).order_by("org_code"):
        label = towns.get(row["org_code"], _("未选择乡镇"))
        by_town[label] = by_town.get(label, 0) + row["n"]
    counts = dict(qs.values_list("category").annotate(n=Count("id")))
    by_category = {str(label): counts.get(value, 0) for value, label in Category.choices}
    statuses = dict(qs.values_list("status").annotate(n=Count("id")))
    by_status = {str(label): statuses.get(value, 0) for value, label in Status.choices}
    quarter = (start.month - 1) // 3 + 1
    return Statistics(f"{start.year} 年第 {quarter} 季度", start, end, suppress(by_town), suppress(by_category),
                      suppress(by_status))
