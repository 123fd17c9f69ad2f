"""就业帮扶: key-group persons (on registry persons), job-seeker profiles, postings (on registry
organisations), visit rules and tasks, visits, referrals, training and subsidies.

Every scoped row carries `org_code` (the village of the person; the place of a posting) and, for persons,
`grid_code`, copied from the registry person so grid workers see their grid. Workflow states are explicit
TextChoices with one transition table each (`workflow.py`). Table and column names of `KeyPerson`, `Visit`,
`VisitTask`, `Referral` and `ServiceRecord` are a contract with `jianfu.reports` (its engine counts them):
see `jianfu/reports/engine/schema.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel

# What a wage written as a plain range or amount is made of ("5000-6500元", "4千到5千", "6000～8000元/月", "5k以上")
_WAGE_RESTATED = re.compile(r"[\d\s.,，\-–—~～至到元/月每起以上左右下约大概差不多kK千万]+")
_LIMIT_SPLIT = re.compile(r"[、,，;；。.\s]+")
# a wage said as "about" a figure ("3000左右", "约3000", "3000上下"): shown "约3000元/月", never "起" (tryout27 #4)
# (the display's side of `parsing.wage`'s reading: a one-figure wage whose words say "about" — the core's 左右/上下, the
# app's 约/大概/差不多 — is shown so; those words are all it needs, the figure being stored already)
WAGE_ABOUT = re.compile(r"左右|上下|约|大概|差不多")
# a lone figure written as the least one earns ("3000起", "3000以上", "底薪3000+提成", "3000多"): shown "3000元/月起"
# (`parsing._WAGE_FLOOR`'s words, and 多)
WAGE_FLOOR = re.compile(r"起|以上|[+＋]|不低于|不少于|最低|至少|保底|底薪|提成|计件|多")

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from jianfu.employment.matching.readings import TextReadings


class KeyStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("失业")
    REFERRED = "referred", _("已推荐")
    INTERVIEWING = "interviewing", _("面试中")
    EMPLOYED = "employed", _("已就业")
    FLEXIBLE = "flexible", _("灵活就业")
    EXITED = "exited", _("退出")


# The key groups (重点群体), in display order: (field, label). A person may belong to several.
KEY_GROUPS: tuple[tuple[str, _StrOrPromise], ...] = (
    ("is_registered_unemployed", _("登记失业人员")),
    ("is_graduate", _("未就业高校毕业生")),
    ("is_rural_labour", _("农村劳动力")),
    ("is_poverty_labour", _("脱贫劳动力")),
    ("is_returning_migrant", _("返乡农民工")),
    ("is_hard_to_employ", _("就业困难人员")),
    ("is_disabled", _("残疾人")),
    ("is_veteran", _("退役军人")),
    ("is_dibao_labour", _("低保家庭劳动力")),
)
KEY_GROUP_FIELDS = tuple(f for f, _label in KEY_GROUPS)


class UnemploymentGround(models.TextChoices):
    CONTRACT_ENDED = "contract_ended", _("劳动合同期满终止")
    DISMISSED = "dismissed", _("被解除劳动合同")
    RESIGNED = "resigned", _("本人辞职")
    BUSINESS_CLOSED = "business_closed", _("自主经营停业")
    NEW_ENTRANT = "new_entrant", _("新成长劳动力未就业")
    RURAL_TRANSFER = "rural_transfer", _("农村进城务工失业")
    OTHER = "other", _("其他")


class Hardship(models.TextChoices):
    """就业困难人员 categories (the common provincial list; counties add their own in the note)."""

    AGE_4050 = "4050", _("4050人员（女40岁、男50岁以上）")
    ZERO_EMPLOYMENT_FAMILY = "zero_family", _("零就业家庭成员")
    DISABLED = "disabled", _("残疾人")
    DIBAO = "dibao", _("低保家庭成员")
    LONG_TERM = "long_term", _("连续失业一年以上")
    LAND_LOST = "land_lost", _("失地农民")
    OTHER = "other", _("其他")


class Place(models.TextChoices):
    TOWN = "town", _("本镇")
    COUNTY = "county", _("县内")
    CITY = "city", _("市内")
    AWAY = "away", _("外出")


class Limit(models.TextChoices):
    DAY_ONLY = "day_only", _("只能上白班")
    NO_LONG_STANDING = "no_standing", _("不能久站")
    NO_HEAVY_LIFTING = "no_lifting", _("不能干重活")
    CHILDCARE = "childcare", _("需接送孩子")
    NEAR_HOME = "near_home", _("只能在家附近")
    DISABILITY = "disability", _("残疾，需适合的岗位")


class KeyPerson(TimeStampedModel):
    """A registry person in one or more key groups, with the employment help status."""

    person = models.OneToOneField("registry.Person", on_delete=models.PROTECT, related_name="key_person",
                                  verbose_name=_("人员"))
    # sha256 of the one-time token of the 纳入帮扶 form that created it (`core.formtokens`): a double tap, or back then
    # 纳入帮扶 again, finds this row and is answered as a repeat (fix-left17)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted (`formtokens.key(token, scope=content digest)`): the same token with
    # another person or other groups is not a repeat, and is refused rather than answered with this row (security18 #2)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    org_code = models.CharField(_("所属村/社区"), max_length=20, db_index=True)
    grid_code = models.CharField(_("网格"), max_length=15, null=True, blank=True, db_index=True)
    status = models.CharField(_("就业帮扶状态"), max_length=16, choices=KeyStatus.choices,
                              default=KeyStatus.UNEMPLOYED, db_index=True)
    status_since = models.DateField(_("状态起始日期"))
    identified_on = models.DateField(_("纳入帮扶日期"))
    placed_on = models.DateField(_("就业日期"), null=True, blank=True)
    is_registered_unemployed = models.BooleanField(_("登记失业人员"), default=False)
    is_graduate = models.BooleanField(_("未就业高校毕业生"), default=False)
    is_rural_labour = models.BooleanField(_("农村劳动力"), default=False)
    is_poverty_labour = models.BooleanField(_("脱贫劳动力"), default=False)
    is_returning_migrant = models.BooleanField(_("返乡农民工"), default=False)
    is_hard_to_employ = models.BooleanField(_("就业困难人员"), default=False)
    is_disabled = models.BooleanField(_("残疾人"), default=False)
    is_veteran = models.BooleanField(_("退役军人"), default=False)
    is_dibao_labour = models.BooleanField(_("低保家庭劳动力"), default=False)
    unemployment_registered_on = models.DateField(_("失业认定日期"), null=True, blank=True)
    unemployment_ground = models.CharField(_("失业认定原因"), max_length=20, choices=UnemploymentGround.choices,
                                           blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("毕业年份"), null=True, blank=True)
    major = models.CharField(_("所学专业"), max_length=60, blank=True)
    hardship = models.JSONField(_("就业困难类别"), default=list, blank=True)
    work_capacity = models.CharField(_("可从事的工作"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("重点群体人员")
        verbose_name_plural = _("重点群体人员")
        ordering = ["org_code", "id"]
        indexes = [models.Index(fields=["org_code", "status"], name="employment_kp_org_status")]

    def __str__(self) -> str:
        return self.person.name if self.person_id else f"#{self.pk}"

    @property
    def groups(self) -> list[str]:
        return [str(label) for f, label in KEY_GROUPS if getattr(self, f)]

    @property
    def disability_words(self) -> str:
        """The disability the matcher reads and the person's page shows (one source, N06 session 14): the registry's
        category ("视力残疾") with its grade when recorded ("视力残疾（二级）": the matcher reads a sight grade, session 20),
        else "残疾" for a person in the 残疾人 group with no category recorded, else ""."""
        if self.person.disability_category:
            kind = str(self.person.get_disability_category_display())
            grade = self.person.disability_grade
            if grade and 1 <= grade <= 4:
                return str(_("%(kind)s（%(grade)s级）") % {"kind": kind, "grade": "一二三四"[grade - 1]})
            return kind
        return str(_("残疾")) if self.is_disabled else ""

    @property
    def hardship_labels(self) -> list[str]:
        labels = dict(Hardship.choices)
        return [str(labels.get(h, h)) for h in self.hardship]


class StatusChange(models.Model):
    """One status change of a key person: the history 失业 → 推荐 → 面试 → 就业 with dates."""

    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="history")
    org_code = models.CharField(max_length=20, db_index=True)
    from_status = models.CharField(max_length=16, choices=KeyStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=KeyStatus.choices)
    on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's 登记失业人员 group, copied onto each of their changes as org_code is, so that the report engine
    # counts 失业人员再就业人数 from this one table (`reports/forms/_catalog.yaml`, element reemployed). It follows the
    # person: written with every change, and rewritten on all their changes when the group is ticked or unticked
    # (`services.key_person_update`), so it says what the person's own record says, as the dashboard reads it.
    is_registered_unemployed = models.BooleanField(_("登记失业人员"), default=False)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.key_person_id}: {self.from_status} → {self.to_status}"


class SeekerProfile(TimeStampedModel):
    """What a job seeker wants and can do: filled on a phone in a few minutes, or imported."""

    key_person = models.OneToOneField(KeyPerson, on_delete=models.CASCADE, related_name="profile")
    org_code = models.CharField(max_length=20, db_index=True)
    desired_text = models.CharField(_("求职意向"), max_length=200, blank=True)
    occupation_code = models.CharField(_("职业（规范）"), max_length=20, blank=True)
    occupation_name = models.CharField(_("职业名称"), max_length=60, blank=True)
    certificates = models.JSONField(_("技能证书"), default=list, blank=True)
    experience = models.CharField(_("工作经历"), max_length=500, blank=True)
    education = models.CharField(_("学历"), max_length=16, blank=True)
    wage_min = models.PositiveIntegerField(_("期望月薪下限"), null=True, blank=True)
    wage_max = models.PositiveIntegerField(_("期望月薪上限"), null=True, blank=True)
    places = models.JSONField(_("可接受工作地点"), default=list, blank=True)
    limits = models.JSONField(_("限制条件"), default=list, blank=True)
    limits_note = models.CharField(_("其他限制"), max_length=200, blank=True)
    available_from = models.DateField(_("何时可上岗"), null=True, blank=True)

    class Meta:
        verbose_name = _("求职登记")

    @property
    def place_labels(self) -> list[str]:
        labels = dict(Place.choices)
        return [str(labels.get(p, p)) for p in self.places]

    @property
    def limit_labels(self) -> list[str]:
        labels = dict(Limit.choices)
        return [str(labels.get(x, x)) for x in self.limits]

    @property
    def limits_shown(self) -> str:
        """The limits as a cadre reads them: their labels, then the note where it says more than they do — a note
        that only repeats them ("只能上白班" read from the sheet's 备注 as the limit 只能上白班) is not shown twice
        (tryout27 #5)."""
        labels = self.limit_labels
        said = [part for part in _LIMIT_SPLIT.split(self.limits_note or "") if part]
        note = "" if said and all(part in labels for part in said) else self.limits_note
        return " ".join(x for x in ("、".join(labels), note) if x)

    @property
    def wage_input(self) -> str:
        """The stored wage as the form refills it, in words `parsing.wage` reads back to the same kind of bound:
        one figure as one figure ("3000", not "3000-3000": N16, session 14), an open bound named ("3000以上",
        "4000以内": "-4000" stripped to "4000" was read back as a floor)."""
        if self.wage_min and self.wage_max:
            return str(self.wage_min) if self.wage_min == self.wage_max else f"{self.wage_min}-{self.wage_max}"
        if self.wage_min:
            return f"{self.wage_min}以上"
        if self.wage_max:
            return f"{self.wage_max}以内"
        return ""

    @property
    def wage_display(self) -> str:
        """The desired wage as a cadre would say it: "3000–4000元", "3500元以上", "4000元以内", "面议"."""
        if self.wage_min and self.wage_max and self.wage_min != self.wage_max:
            return f"{self.wage_min}–{self.wage_max}元"
        if self.wage_min and self.wage_max:
            return f"{self.wage_min}元"
        if self.wage_min:
            return str(_("%(n)d元以上") % {"n": self.wage_min})
        if self.wage_max:
            return str(_("%(n)d元以内") % {"n": self.wage_max})
        return str(_("面议"))

    def __str__(self) -> str:
        return f"{self.key_person_id}: {self.desired_text}"


class PostingStatus(models.TextChoices):
    OPEN = "open", _("招聘中")
    FLAGGED = "flagged", _("待核查（疑似歧视）")
    CLOSED = "closed", _("已结束")
    WITHDRAWN = "withdrawn", _("已下架")
    PENDING = "pending", _("待确认（批量导入）")   # a large upload's posting, not public until its batch is confirmed


class Posting(TimeStampedModel):
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="postings",
                                     verbose_name=_("用人单位"))
    org_code = models.CharField(_("所属地区"), max_length=20, db_index=True)
    title = models.CharField(_("岗位名称"), max_length=100)
    occupation_code = models.CharField(_("职业（规范）"), max_length=20, blank=True)
    occupation_name = models.CharField(_("职业名称"), max_length=60, blank=True)
    headcount = models.PositiveIntegerField(_("招聘人数"), default=1)
    education_min = models.CharField(_("学历要求"), max_length=16, blank=True)
    age_min = models.PositiveSmallIntegerField(_("最低年龄"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("最高年龄"), null=True, blank=True)
    experience_years = models.PositiveSmallIntegerField(_("经验要求（年）"), default=0)
    certificates = models.JSONField(_("证书要求"), default=list, blank=True)
    wage_min = models.PositiveIntegerField(_("月薪下限"), null=True, blank=True)
    wage_max = models.PositiveIntegerField(_("月薪上限"), null=True, blank=True)
    wage_text = models.CharField(_("薪资（原文）"), max_length=60, blank=True)
    place_text = models.CharField(_("工作地点"), max_length=100, blank=True)
    place_code = models.CharField(_("工作地点代码"), max_length=12, blank=True)
    shifts = models.CharField(_("班次"), max_length=60, blank=True)
    description = models.TextField(_("岗位描述"), blank=True)
    benefits = models.CharField(_("福利待遇"), max_length=300, blank=True)
    # the employer's public contact for applicants (not personal data); shown only while the posting is open
    contact_name = models.CharField(_("联系人"), max_length=30, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=PostingStatus.choices, default=PostingStatus.OPEN,
                              db_index=True)
    flags = models.JSONField(_("疑似歧视"), default=list, blank=True)
    # requirements the office should look at while the posting stays public (a height: `discrimination.QUESTIONS`)
    questions = models.JSONField(_("需核查的招聘条件"), default=list, blank=True)
    fingerprint = models.CharField(max_length=64, unique=True)
    # the employer's own number for the posting (the sheet's 编号 column; mend35 #5): an import's row of the same
    # employer and 编号 updates this posting instead of adding a second one. Employers number their own postings, so
    # two employers may use the same 编号.
    ext_id = models.CharField(_("编号"), max_length=40, blank=True, default="")
    # sha256 of the one-time token of the 发布岗位 form that created it (`core.formtokens`, fix-left17)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted: the same token with another posting is refused (security18 #2)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    source = models.CharField(max_length=12, default="web")
    batch = models.ForeignKey("PostingImport", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="postings")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("招聘岗位")
        verbose_name_plural = _("招聘岗位")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "ext_id"], name="employment_posting_ext_id")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Every write to a posting moves its stamp: `updated_at` (auto_now) is set only when it is among a save's
        `update_fields`, and the county's text model is found under the open postings' `updated_at` checksum
        (`matchsvc._postings_stamp`, ADR 0037) — a `save(update_fields=["title"])` left the old model served for the
        new text (mend20 #5). Every field of a posting is its content or its state, so each such save counts."""
        fields = kwargs.get("update_fields")
        if fields and "updated_at" not in fields:     # an empty list saves nothing, as Django has it
            kwargs["update_fields"] = [*fields, "updated_at"]
        super().save(*args, **kwargs)

    @property
    def place_label(self) -> str:
        """The place as every page shows it, the public /jobs pages and the workbench alike (`places.place_label`:
        "合浦县曲樟乡" as imported reads "曲樟乡", as the seeded and form-typed postings do; newuser19 #5)."""
        from jianfu.employment.places import place_label

        return place_label(self.place_text, self.place_code)

    @property
    def wage_display(self) -> str:
        """The monthly wage; one written for another period keeps its own words first, "日结150元（约合3900元/月）"
        (N11, session 14: it showed as "3900元/月起" everywhere). One figure said as about it ("3000左右", "约3000")
        is "约3000元/月"; a floor ("3000起", "3000以上") stays "3000元/月起" (tryout27 #4), a plain "3000元" is "3000元/月" (emend32 #4)."""
        from jianfu.employment.matching.parse import wage_as_written

        if written := wage_as_written(self.wage_text):
            if self.wage_min and self.wage_max and self.wage_min != self.wage_max:
                return f"{written}（约合{self.wage_min}–{self.wage_max}元/月）"
            if self.wage_min or self.wage_max:
                return f"{written}（约合{self.wage_min or self.wage_max}元/月）"
        if self.wage_min and self.wage_max and self.wage_min != self.wage_max:
            return f"{self.wage_min}–{self.wage_max}元/月"
        if self.wage_min and self.wage_max:   # one figure: "约3000元/月" when said as about it, else exact
            return f"约{self.wage_min}元/月" if WAGE_ABOUT.search(self.wage_text) else f"{self.wage_min}元/月"
        if self.wage_min:   # one figure read as a floor: "起" only when the text says so ("3000元" is 3000; emend32 #4)
            floor = not self.wage_text or WAGE_FLOOR.search(self.wage_text)
            return f"{self.wage_min}元/月起" if floor else f"{self.wage_min}元/月"
        return self.wage_text or "面议"

    @property
    def wage_note(self) -> str:
        """The wage as the employer wrote it, when it says more than the range shown ("3500元+计件", "底薪3000+提成"):
        "5000-6500元" beside "5000–6500元/月" only repeats it, and "日结150元" is already in the display."""
        if not self.wage_text or self.wage_text in self.wage_display:
            return ""
        return self.wage_text if _WAGE_RESTATED.sub("", self.wage_text) else ""

    # What makes a posting public (anyone may read it, its contact included): open and not past its date. The rule
    # is written here once, as a filter for querysets and as a test for one posting, side by side.
    @staticmethod
    def public_filter(today: dt.date) -> Q:
        return Q(status=PostingStatus.OPEN) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))

    def is_public_on(self, today: dt.date) -> bool:
        return self.status == PostingStatus.OPEN and (self.valid_until is None or self.valid_until >= today)

    @property
    def contact_is_public(self) -> bool:
        """The employer's contact is public exactly while the posting is."""
        from jianfu.registry.ledger.values import local_today

        return self.is_public_on(local_today())

    @property
    def public_contact(self) -> str:
        """联系人 and 联系电话 as the public may see them ("" when the posting is not open)."""
        if not self.contact_is_public:
            return ""
        return " ".join(p for p in (self.contact_name, self.contact_phone) if p)

    @property
    def age_label(self) -> str:
        """The age range in words: "18–45岁", "18岁以上", "45岁以下"; "不限" when none is stated (mend35 #2: "18–45"
        without 岁)."""
        if self.age_min and self.age_max:
            return f"{self.age_min}–{self.age_max}岁"
        if self.age_min:
            return str(_("%(n)d岁以上") % {"n": self.age_min})
        if self.age_max:
            return str(_("%(n)d岁以下") % {"n": self.age_max})
        return str(_("不限"))

    @cached_property
    def text_readings(self) -> TextReadings:
        """What the matcher reads from the title and description that the 福利待遇 and 班次 columns do not say
        (`matching.readings.posting_readings`): the public page shows them, labelled as read from the description."""
        from jianfu.employment.matching.readings import posting_readings

        return posting_readings(self.title, self.description, self.benefits, self.shifts)

    @property
    def education_label(self) -> str:
        """The required education in words ("初中及以上"); "不限" when none is required."""
        from jianfu.registry.models import Education

        if not self.education_min:
            return str(_("不限"))
        label = dict(Education.choices).get(self.education_min, self.education_min)
        return str(_("%(e)s及以上") % {"e": label})


class QueuedImport(TimeStampedModel):
    """An upload imported by a worker (the postings' and the seekers'; codereview16 D29): its states and the claim a
    worker holds on it (the registry's claims, ADR 0019). A worker killed mid-import leaves a claim naming a dead
    process, or one that expires, so the batch is seen as stale and can be retried or discarded; its transaction
    never committed, so nothing of it was written. The upload (`file`, kept until the batch is done) is each
    model's own: they keep it in different folders."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队导入")
        COMMITTING = "committing", _("导入中")
        INTERRUPTED = "interrupted", _("已中断")
        FAILED = "failed", _("有错误，未入库")
        COMMITTED = "committed", _("已入库")
        DISCARDED = "discarded", _("已放弃")
        # a large posting import (over `postings.CONFIRM_ABOVE` rows; web, API or command): validated and written,
        # its postings 待确认 and not public until the uploader confirms (→ 已入库) or withdraws it (→ 已撤销). The
        # seeker import never holds a batch.
        AWAITING = "awaiting", _("待确认")
        WITHDRAWN = "withdrawn", _("已撤销")      # 撤销本批: the batch's postings taken off the board

    # an API upload repeated after its batch was given up or withdrawn is a new upload (ADR 0036, `still_made`); so is
    # one whose batch failed or was interrupted (mend18b #3a): its first answer named a batch that stored nothing
    API_REPEAT_GONE = (Status.DISCARDED, Status.WITHDRAWN, Status.FAILED, Status.INTERRUPTED)

    org_code = models.CharField(max_length=20, db_index=True)    # the uploader's unit
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    worker = models.CharField(max_length=120, blank=True)        # host:pid of the worker holding the claim
    lease_until = models.DateTimeField(null=True, blank=True)    # until when the claim holds (renewed as it goes)
    error_message = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # the web upload form's one-time token (`core.formtokens`, fix-token28): the same upload posted again answers
    # with this batch instead of queuing a second; the API has none (its Idempotency-Key, `api_once`)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class PostingImport(QueuedImport):
    """One upload of postings. The web upload is queued and imported by a worker (queued → committing →
    committed / awaiting / failed, all or nothing); the command and the API import at once (committed / awaiting /
    failed). A large file is held 待确认 whatever the entry point (`postings.CONFIRM_ABOVE`)."""

    file = models.FileField(upload_to="employment/imports/%Y/%m/", blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    # postings already registered that rows of this batch updated: the same employer and 编号 (mend35 #5)
    updated_count = models.PositiveIntegerField(default=0)
    # a held (待确认) batch's updates of registered postings, applied only when it is confirmed (fixcr35c): until then
    # the live posting stays as it was, and 撤销本批 leaves it so. [{"pk": 31, "row": {field: value, …}}]
    held_updates = models.JSONField(default=list, blank=True)
    employers_created = models.PositiveIntegerField(default=0)
    flagged_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row": 5, "column": "月薪", "message": "..."}]
    # rows imported with something the uploader should know (a place inside the county read as 县内), same shape
    warnings = models.JSONField(default=list, blank=True)
    # Duplicate rows (U10, session 13): all or nothing stays the default — a row that repeats an earlier row of the
    # file or a posting already registered refuses the file. The uploader may choose, explicitly, to skip them and
    # import the rest; the choice is recorded here, and so are the rows skipped
    # ([{"row": 12, "column": "岗位名称", "message": "...", "duplicate_of": 5} or "duplicate_of_posting": 31]).
    skip_duplicates = models.BooleanField(_("跳过重复行"), default=False)
    duplicate_count = models.PositiveIntegerField(default=0)  # duplicate rows found (refused, or skipped)
    skipped = models.JSONField(default=list, blank=True)

    class Meta(QueuedImport.Meta):
        pass

    def _duplicates_only(self) -> bool:
        return (self.status == self.Status.FAILED and self.duplicate_count > 0 and not self.skip_duplicates
                and bool(self.errors) and all("duplicate_of" in e or "duplicate_of_posting" in e for e in self.errors))

    @property
    def refused_for_duplicates_only(self) -> bool:
        """Refused, every error is a duplicate row, and some row is not one: skipping them would import the rest."""
        return self._duplicates_only() and self.rest_count > 0

    @property
    def nothing_new(self) -> bool:
        """Refused because every row repeats a posting already registered (or an earlier row of the file, itself
        registered): nothing to import and nothing to do. Offering 跳过这些重复行，导入其余 0 条 led to a second
        refusal "文件有错误" (newuser19 #2). With skip_duplicates chosen (API, command) such a file is refused with a
        single whole-file error, and is the same case."""
        if self.status != self.Status.FAILED or self.duplicate_count == 0 or self.rest_count > 0:
            return False
        return self._duplicates_only() or (self.skip_duplicates and bool(self.errors)
                                           and all(e.get("row") is None for e in self.errors))

    @property
    def rest_count(self) -> int:
        """The rows a refused file would import with its duplicate rows skipped."""
        return max(self.total_rows - self.duplicate_count, 0)



class SeekerImportBatch(QueuedImport):
    """One upload of job-seeker registrations (求职登记), imported by a worker as the postings are (queued →
    committing → committed / failed, all or nothing; a worker killed mid-import leaves nothing written and a claim
    that goes stale → 已中断, retried or discarded). B15 of session 14's attack: a large sheet blocked the request."""

    file = models.FileField(upload_to="employment/seeker_imports/%Y/%m/", blank=True)   # kept until it is done
    done_count = models.PositiveIntegerField(default=0)           # people taken in or updated
    errors = models.JSONField(default=list, blank=True)           # [{"row": 5, "column": "身份证号", "message": "..."}]
    taken = models.JSONField(default=list, blank=True)            # their key person ids, in row order
    updated = models.JSONField(default=list, blank=True)          # the labels of the profile columns the sheet had
    sheet_note = models.CharField(max_length=300, blank=True)     # which sheet of a workbook was read

    class Meta(QueuedImport.Meta):
        pass


class VisitTrigger(models.TextChoices):
    NEW_UNEMPLOYED = "new_unemployed", _("新登记失业：首次走访")
    PERIODIC = "periodic", _("未就业：定期走访")
    AFTER_REFERRAL = "after_referral", _("推荐后：回访结果")
    GRADUATE = "graduate", _("应届毕业生到期未就业")


class VisitRule(TimeStampedModel):
    """A rule that makes visit tasks: data, edited by the county office."""

    org_code = models.CharField(_("县"), max_length=20, db_index=True)
    trigger = models.CharField(_("触发条件"), max_length=20, choices=VisitTrigger.choices)
    name = models.CharField(_("名称"), max_length=60)
    days = models.PositiveSmallIntegerField(_("天数"))
    month_day = models.CharField(_("日期（月-日）"), max_length=5, blank=True)  # graduate rule: "09-01"
    escalate_after_days = models.PositiveSmallIntegerField(_("逾期几天上报乡镇"), default=3)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["org_code", "trigger"]
        constraints = [models.UniqueConstraint(fields=["org_code", "trigger"], name="employment_rule_unique")]

    def __str__(self) -> str:
        return self.name


class VisitTask(TimeStampedModel):
    class Status(models.TextChoices):
        DUE = "due", _("待走访")
        DONE = "done", _("已走访")
        CANCELLED = "cancelled", _("已取消")
        HANDLED = "handled", _("乡镇已处理")   # an escalated task the township closed with a note (no visit)

    class Action(models.TextChoices):
        REASSIGN = "reassign", _("改派")
        HANDLE = "handle", _("标记已处理")

    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="visit_tasks")
    org_code = models.CharField(max_length=20, db_index=True)
    grid_code = models.CharField(max_length=15, null=True, blank=True, db_index=True)
    rule = models.ForeignKey(VisitRule, null=True, on_delete=models.SET_NULL, related_name="tasks")
    trigger = models.CharField(max_length=20, choices=VisitTrigger.choices)
    reason = models.CharField(_("原因"), max_length=120)
    due_on = models.DateField(_("应走访日期"), db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DUE, db_index=True)
    escalated_on = models.DateField(_("上报乡镇日期"), null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    # The township's actions on an overdue task: who it was reassigned to (a grid worker or cadre of the village;
    # the task's grid_code follows them so it lands on their list), and the note it was closed with.
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("改派给"))
    handled_note = models.CharField(_("处理说明"), max_length=200, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # One task per (person, rule trigger, anchor): re-running the scan never duplicates a task.
    dedupe_key = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.key_person_id} {self.due_on}"


class VisitOutcome(models.TextChoices):
    MET = "met", _("见到本人")
    PHONE = "phone", _("电话联系")
    NOT_HOME = "not_home", _("未见到本人")
    EMPLOYED = "employed", _("已就业")
    DECLINED = "declined", _("暂不需要帮扶")


class Need(models.TextChoices):
    JOB = "job", _("推荐岗位")
    TRAINING = "training", _("技能培训")
    SUBSIDY = "subsidy", _("补贴政策")
    STARTUP = "startup", _("创业扶持")
    CHILDCARE = "childcare", _("照护支持")
    OTHER = "other", _("其他")


class Visit(TimeStampedModel):
    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="visits")
    org_code = models.CharField(max_length=20, db_index=True)
    grid_code = models.CharField(max_length=15, null=True, blank=True)
    task = models.ForeignKey(VisitTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits")
    visited_on = models.DateField(_("走访日期"), db_index=True)
    outcome = models.CharField(_("走访结果"), max_length=12, choices=VisitOutcome.choices)
    needs = models.JSONField(_("需求"), default=list, blank=True)
    next_step = models.CharField(_("下一步"), max_length=200, blank=True)
    photo = models.FileField(_("照片"), upload_to="employment/visits/%Y/%m/", blank=True)
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    # sha256 of the one-time token of the form that created it (`core.formtokens`, fix-back16): back then 提交, a
    # double click or two posts at once find this row instead of creating another
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # sha256 of the token bound to what the form posted (`formtokens.same_content`, ADR 0036): the same token with
    # other content is an expired form, not a repeat answered with this row
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.key_person_id} {self.visited_on}"

    @property
    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(n, n)) for n in self.needs]


class ReferralStatus(models.TextChoices):
    RECOMMENDED = "recommended", _("已推荐")
    APPLIED = "applied", _("已投递")
    INTERVIEWED = "interviewed", _("已面试")
    HIRED = "hired", _("已录用")
    REFUSED = "refused", _("未成功")
    # closed by the service when the person is hired through another referral (tryout27 #10d): not an answer of this
    # employer, not a refusal (the matcher learns nothing from it)
    ELSEWHERE = "elsewhere", _("已在他处就业")


class Referral(TimeStampedModel):
    """推荐就业: a person recommended to a posting, from the matcher's recommendation (its explanation kept)."""

    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="referrals")
    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="referrals")
    org_code = models.CharField(max_length=20, db_index=True)
    grid_code = models.CharField(max_length=15, null=True, blank=True)
    status = models.CharField(max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.RECOMMENDED,
                              db_index=True)
    referred_on = models.DateField(_("推荐日期"), db_index=True)
    closed_on = models.DateField(_("结果日期"), null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    reasons = models.CharField(_("推荐理由"), max_length=500, blank=True)
    refusal_reason = models.CharField(_("未成功原因"), max_length=200, blank=True)
    refused_by = models.CharField(_("谁未接受"), max_length=10, blank=True,
                                  choices=[("seeker", _("求职者")), ("employer", _("用人单位"))])
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # the 确认推荐 form's one-time token (core.formtokens): the same form posted again answers with this referral
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-referred_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["key_person", "posting"], name="employment_referral_once")]

    def __str__(self) -> str:
        return f"{self.key_person_id} → {self.posting_id}"


class ServiceKind(models.TextChoices):
    TRAINING = "training", _("职业技能培训")
    SOCIAL_INSURANCE_SUBSIDY = "si_subsidy", _("社保补贴")
    POST_SUBSIDY = "post_subsidy", _("岗位补贴")
    STARTUP_SUBSIDY = "startup_subsidy", _("一次性创业补贴")


class ServiceOutcome(models.TextChoices):
    ONGOING = "ongoing", _("进行中")
    COMPLETED = "completed", _("已完成/已发放")
    CERTIFIED = "certified", _("已取证")
    DROPPED = "dropped", _("中止/未通过")


class ServiceRecord(TimeStampedModel):
    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="services")
    org_code = models.CharField(max_length=20, db_index=True)
    grid_code = models.CharField(max_length=15, null=True, blank=True)
    kind = models.CharField(_("类别"), max_length=16, choices=ServiceKind.choices)
    title = models.CharField(_("项目"), max_length=100)
    started_on = models.DateField(_("日期"), db_index=True)
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=12, choices=ServiceOutcome.choices,
                               default=ServiceOutcome.ONGOING)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # sha256 of the one-time token of the form that created it (the dispatch form's mechanism, badinput15 #4): a
    # double click or a replay of the same form finds this row instead of creating another
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # sha256 of the token bound to what the form posted (`formtokens.same_content`, ADR 0036): the same token with
    # other content is an expired form, not a repeat answered with this row
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title
