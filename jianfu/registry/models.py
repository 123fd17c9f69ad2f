"""The shared registry (一表同享): persons, households, organisations, and the ledger-import machinery.

Table and column names are a contract with `jianfu.reports` (its engine queries these tables with SQL):
see docs/registry.md. Enumerations are stored as short English codes; their Chinese labels are the
choices' labels and the import synonyms live in `jianfu.registry.ledger.vocab` (a test keeps both in step).

ID and phone numbers are never stored in clear: `*_cipher` holds AES-GCM ciphertext tagged with its key id
(`jianfu.core.crypto`) and `*_index` a keyed HMAC blind index used for exact lookup and uniqueness.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class RelationToHead(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    CHILD_IN_LAW = "child_in_law", _("儿媳/女婿")
    GRANDCHILD = "grandchild", _("孙子女")
    PARENT = "parent", _("父母")
    GRANDPARENT = "grandparent", _("祖父母")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他")


class Education(models.TextChoices):
    NONE = "none", _("未上过学")
    PRIMARY = "primary", _("小学")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中/中专")
    COLLEGE = "college", _("大专")
    BACHELOR = "bachelor", _("本科")
    POSTGRADUATE = "postgraduate", _("研究生")


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "party_member", _("中共党员")
    PROBATIONARY_MEMBER = "probationary_member", _("中共预备党员")
    LEAGUE_MEMBER = "league_member", _("共青团员")
    MASSES = "masses", _("群众")
    OTHER = "other", _("其他")


class MaritalStatus(models.TextChoices):
    UNMARRIED = "unmarried", _("未婚")
    MARRIED = "married", _("已婚")
    DIVORCED = "divorced", _("离婚")
    WIDOWED = "widowed", _("丧偶")


class ResidenceStatus(models.TextChoices):
    HUJI = "huji", _("户籍")
    CHANGZHU = "changzhu", _("常住")
    LIUDONG = "liudong", _("流动")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("就业")
    UNEMPLOYED = "unemployed", _("失业")
    STUDENT = "student", _("在校学生")
    RETIRED = "retired", _("离退休")
    NOT_IN_LABOUR_FORCE = "not_in_labour_force", _("非劳动力")
    FLEXIBLE = "flexible", _("灵活就业")


class DisabilityCategory(models.TextChoices):
    NONE = "", _("无")
    VISUAL = "visual", _("视力残疾")
    HEARING = "hearing", _("听力残疾")
    SPEECH = "speech", _("言语残疾")
    PHYSICAL = "physical", _("肢体残疾")
    INTELLECTUAL = "intellectual", _("智力残疾")
    MENTAL = "mental", _("精神残疾")
    MULTIPLE = "multiple", _("多重残疾")


class Insurance(models.TextChoices):
    EMPLOYEE = "employee", _("职工")
    RESIDENT = "resident", _("城乡居民")
    NONE = "none", _("未参保")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    DECEASED = "deceased", _("已故")
    MOVED_OUT = "moved_out", _("已迁出")


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")
    SOCIAL_ORG = "social_org", _("社会组织")
    COOPERATIVE = "cooperative", _("农民专业合作社")
    INSTITUTION = "institution", _("事业单位")


# The boolean special-group flags, in display order, with their Chinese names (used by forms, filters,
# the import vocabulary and the generator).
SPECIAL_GROUP_FLAGS: tuple[tuple[str, str], ...] = (
    ("is_dibao", _("低保")),
    ("is_tekun", _("特困")),
    ("is_orphan", _("孤儿")),
    ("is_left_behind_child", _("留守儿童")),
    ("is_left_behind_elder", _("留守老人")),
    ("is_veteran", _("退役军人")),
    ("is_poverty_alleviated", _("脱贫人口")),
    ("is_monitoring_target", _("防返贫监测对象")),
    ("is_entitled_group", _("优抚对象")),
)


class Household(TimeStampedModel):
    """A 户: an address and its members; `head` is one of them (null while the household is being built)."""

    org_code = models.CharField(_("所属村/社区"), max_length=20, db_index=True)
    # sha256 of the one-time token of the form that created it (as Person.form_key): a double click or a replay of
    # the same form finds this row instead of creating another
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted: the same token with other content is refused (ADR 0036, cr18 #3)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    grid_code = models.CharField(_("网格"), max_length=15, null=True, blank=True)
    number = models.CharField(_("户编号"), max_length=32)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    head = models.ForeignKey("Person", verbose_name=_("户主"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        db_table = "registry_household"
        verbose_name = _("户")
        verbose_name_plural = _("户")
        ordering = ["org_code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["org_code", "number"], name="registry_household_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.address}"


class Person(TimeStampedModel):
    org_code = models.CharField(_("所属村/社区"), max_length=20, db_index=True)
    # sha256 of the one-time token of the form that created it (the dispatch form's mechanism, badinput15 #3): a
    # double click or a replay of the same form finds this row instead of creating another
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted: the same token with other content is refused (ADR 0036, cr18 #3)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    grid_code = models.CharField(_("网格"), max_length=15, null=True, blank=True, db_index=True)
    household = models.ForeignKey(Household, verbose_name=_("户"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="members")
    relation_to_head = models.CharField(_("与户主关系"), max_length=16, choices=RelationToHead.choices,
                                        blank=True)
    name = models.CharField(_("姓名"), max_length=50)
    id_number_cipher = models.TextField(_("身份证号（密文）"), blank=True)
    id_number_index = models.CharField(_("身份证号索引"), max_length=64, unique=True, null=True, blank=True)
    id_number_masked = models.CharField(_("身份证号（脱敏）"), max_length=18, blank=True)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    birthplace_code = models.CharField(_("出生地代码"), max_length=6, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=16, blank=True)
    education = models.CharField(_("文化程度"), max_length=16, choices=Education.choices, blank=True)
    political_status = models.CharField(_("政治面貌"), max_length=24, choices=PoliticalStatus.choices,
                                        blank=True)
    marital_status = models.CharField(_("婚姻状况"), max_length=16, choices=MaritalStatus.choices, blank=True)
    residence_status = models.CharField(_("居住状态"), max_length=16, choices=ResidenceStatus.choices,
                                        default=ResidenceStatus.HUJI)
    employment_status = models.CharField(_("就业状态"), max_length=24, choices=EmploymentStatus.choices,
                                         blank=True)
    disability_category = models.CharField(_("残疾类别"), max_length=16, choices=DisabilityCategory.choices,
                                           blank=True, default="")
    disability_grade = models.PositiveSmallIntegerField(_("残疾等级"), null=True, blank=True)
    is_dibao = models.BooleanField(_("低保"), default=False)
    is_tekun = models.BooleanField(_("特困"), default=False)
    is_orphan = models.BooleanField(_("孤儿"), default=False)
    is_left_behind_child = models.BooleanField(_("留守儿童"), default=False)
    is_left_behind_elder = models.BooleanField(_("留守老人"), default=False)
    is_veteran = models.BooleanField(_("退役军人"), default=False)
    is_poverty_alleviated = models.BooleanField(_("脱贫人口"), default=False)
    is_monitoring_target = models.BooleanField(_("防返贫监测对象"), default=False)
    is_entitled_group = models.BooleanField(_("优抚对象"), default=False)
    health_insurance = models.CharField(_("医疗保险"), max_length=16, choices=Insurance.choices, blank=True)
    pension_insurance = models.CharField(_("养老保险"), max_length=16, choices=Insurance.choices, blank=True)
    phone_cipher = models.TextField(_("联系电话（密文）"), blank=True)
    phone_index = models.CharField(_("联系电话索引"), max_length=64, null=True, blank=True, db_index=True)
    phone_masked = models.CharField(_("联系电话（脱敏）"), max_length=20, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=PersonStatus.choices,
                              default=PersonStatus.ACTIVE)
    extra = models.JSONField(_("自定义属性"), default=dict, blank=True)

    class Meta:
        db_table = "registry_person"
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["org_code", "id"]
        indexes = [
            models.Index(fields=["org_code", "name"], name="registry_person_org_name"),
            models.Index(fields=["org_code", "birth_date"], name="registry_person_org_birth"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disability_grade__isnull=True)
                | models.Q(disability_grade__gte=1, disability_grade__lte=4),
                name="registry_person_disability_grade_1_4",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    org_code = models.CharField(_("所属村/社区"), max_length=20, db_index=True)
    # sha256 of the one-time token of the form that created it (as Person.form_key): a double click or a replay of
    # the same form finds this row instead of creating another
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted: the same token with other content is refused (ADR 0036, cr18 #3)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    grid_code = models.CharField(_("网格"), max_length=15, null=True, blank=True)
    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True)
    kind = models.CharField(_("类型"), max_length=24, choices=OrganisationKind.choices)
    industry = models.CharField(_("行业"), max_length=64, blank=True)
    employees = models.PositiveIntegerField(_("从业人数"), default=0)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    is_active = models.BooleanField(_("存续"), default=True)
    extra = models.JSONField(_("自定义属性"), default=dict, blank=True)

    class Meta:
        db_table = "registry_organisation"
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["org_code", "name"]

    def __str__(self) -> str:
        return self.name


class AttributeDefinition(TimeStampedModel):
    """A county-defined attribute, stored in `extra[key]` of the records of `applies_to`."""

    class Type(models.TextChoices):
        TEXT = "text", _("文本")
        INTEGER = "integer", _("整数")
        DECIMAL = "decimal", _("小数")
        BOOLEAN = "boolean", _("是/否")
        DATE = "date", _("日期")
        CHOICE = "choice", _("单选")

    class AppliesTo(models.TextChoices):
        PERSON = "person", _("人员")
        HOUSEHOLD = "household", _("户")
        ORGANISATION = "organisation", _("单位")

    org_code = models.CharField(_("定义单位（县）"), max_length=20, db_index=True)
    applies_to = models.CharField(_("适用对象"), max_length=16, choices=AppliesTo.choices,
                                  default=AppliesTo.PERSON)
    key = models.SlugField(_("键"), max_length=40)
    label = models.CharField(_("名称"), max_length=60)
    type = models.CharField(_("类型"), max_length=16, choices=Type.choices, default=Type.TEXT)
    choices = models.JSONField(_("可选值"), default=list, blank=True)
    required = models.BooleanField(_("必填"), default=False)
    # a decimal's bounds (badinput16 #7): 0 ≤ value ≤ maximum, at most `decimals` places; every decimal definition
    # states its maximum (the migration gave the existing ones theirs). An integer's: 0 ≤ value ≤ maximum, `decimals`
    # empty (fix-left17, migration 0007)
    maximum = models.DecimalField(_("最大值"), max_digits=18, decimal_places=6, null=True, blank=True)
    decimals = models.PositiveSmallIntegerField(_("小数位数"), null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        db_table = "registry_attributedefinition"
        verbose_name = _("自定义属性")
        verbose_name_plural = _("自定义属性")
        ordering = ["org_code", "applies_to", "key"]
        constraints = [
            models.UniqueConstraint(fields=["org_code", "applies_to", "key"],
                                    name="registry_attrdef_unique_key"),
        ]

    def __str__(self) -> str:
        return self.label


class FieldChange(models.Model):
    """One field of one record changed: who, when, from what to what. PII values are stored masked."""

    class Source(models.TextChoices):
        WEB = "web", _("页面编辑")
        IMPORT = "import", _("台账导入")
        REVIEW = "review", _("人工核对")
        SYSTEM = "system", _("系统")

    org_code = models.CharField(max_length=20, db_index=True)
    model = models.CharField(max_length=32)  # "person" | "household" | "organisation"
    object_id = models.BigIntegerField()
    field = models.CharField(max_length=64)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.WEB)
    batch = models.ForeignKey("ImportBatch", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "registry_fieldchange"
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"], name="registry_fieldchange_obj")]

    def __str__(self) -> str:
        return f"{self.model}#{self.object_id}.{self.field}"

    @property
    def value_key(self) -> str:
        """"registry.person:employment_status": what `value_label` needs to name its values."""
        return f"registry.{self.model}:{self.field}"


class ImportMapping(TimeStampedModel):
    """A saved column mapping for one source form (e.g. 某乡低保台账): source header → registry field."""

    org_code = models.CharField(max_length=20, db_index=True)
    name = models.CharField(_("来源表名称"), max_length=100)
    sheet_name = models.CharField(_("工作表"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("表头行号"), default=1)
    columns = models.JSONField(_("列对应"), default=dict)  # {"身份证号码": "id_number", ...}
    # A value set for every row of such a file (a 留守老人花名册 marks each person 留守老人):
    # {"is_left_behind_elder": "是"}, validated like a cell of that field.
    constants = models.JSONField(_("每行设定的值"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        db_table = "registry_importmapping"
        ordering = ["org_code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org_code", "name"], name="registry_importmapping_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ImportBatch(TimeStampedModel):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("已上传")
        VALIDATING = "validating", _("校验中")
        STAGED = "staged", _("待确认")
        QUEUED = "queued", _("排队入库")
        COMMITTING = "committing", _("入库中")
        COMMITTED = "committed", _("已入库")
        FAILED = "failed", _("失败")
        DISCARDED = "discarded", _("已放弃")

    class CommitMode(models.TextChoices):
        ALL = "all", _("整表入库（有错误则不入库）")
        VALID_ONLY = "valid_only", _("仅入库正确的行")

    org_code = models.CharField(max_length=20, db_index=True)
    mapping = models.ForeignKey(ImportMapping, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="batches")
    file = models.FileField(upload_to="registry/imports/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    error_message = models.TextField(blank=True)
    commit_mode = models.CharField(max_length=16, choices=CommitMode.choices, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    committed_at = models.DateTimeField(null=True, blank=True)
    # Who is working on the batch while it is validating/queued/committing, and until when that claim
    # holds: a worker killed mid-way leaves a claim that expires (or names a dead process on this
    # host), so the batch is detected as stale and can be retried or discarded (issue 11.4).
    worker = models.CharField(max_length=120, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    # sha256 of the upload form's one-time token (`core.formtokens`): a double tap or back then 上传 again is answered
    # with this batch, not a second batch of the same sheet; and the token bound to the file posted (ADR 0036;
    # fix-token29). The API's uploads have none.
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        db_table = "registry_importbatch"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def counts(self) -> dict:
        """New / merged / held-for-review counts: the preview while staged, the outcome once committed."""
        s = self.summary or {}
        if self.status == self.Status.COMMITTED:
            return {"new": s.get("created", 0), "merge": s.get("merged", 0), "review": s.get("reviews", 0),
                    "conflicts": s.get("conflicts", 0)}
        return {"new": s.get("new", 0), "merge": s.get("merge", 0), "review": s.get("review", 0), "conflicts": 0}

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class ImportRow(models.Model):
    """One staged ledger row. `data` holds normalised non-PII values; PII goes into the cipher columns."""

    class Status(models.TextChoices):
        VALID = "valid", _("正确")
        ERROR = "error", _("有错误")

    class Match(models.TextChoices):
        NEW = "new", _("新增")
        MERGE = "merge", _("合并")
        REVIEW = "review", _("疑似重复待核")
        SKIPPED = "skipped", _("未入库")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices)
    errors = models.JSONField(default=list, blank=True)  # [{"column": "身份证号", "message": "..."}]
    data = models.JSONField(default=dict, blank=True)
    id_number_cipher = models.TextField(blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True)
    phone_cipher = models.TextField(blank=True)
    raw_cipher = models.TextField(blank=True)  # the original cells (encrypted), kept for rejected rows
    match = models.CharField(max_length=8, choices=Match.choices, blank=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        db_table = "registry_importrow"
        ordering = ["batch", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="registry_importrow_unique_row"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number}"


class MergeConflict(TimeStampedModel):
    """An imported value that differs from a non-empty registry value: a person decides which one stays."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        KEPT = "kept", _("保留原值")
        REPLACED = "replaced", _("采用导入值")

    org_code = models.CharField(max_length=20, db_index=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="conflicts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merge_conflicts")
    field = models.CharField(max_length=64)
    current_value = models.TextField(blank=True)
    incoming_value = models.TextField(blank=True)  # PII fields: ciphertext, shown masked
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "registry_mergeconflict"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id}.{self.field}"


class DuplicateReview(TimeStampedModel):
    """An imported row without a usable ID number that looks like existing person(s): held for a person."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待核对")
        MERGED = "merged", _("同一人，已合并")
        CREATED = "created", _("不同人，已新增")
        DISMISSED = "dismissed", _("已忽略")

    org_code = models.CharField(max_length=20, db_index=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="reviews")
    row = models.ForeignKey(ImportRow, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict)  # the incoming normalised values (no clear PII)
    phone_cipher = models.TextField(blank=True)
    candidates = models.JSONField(default=list)  # [{"person_id": 1, "score": 92.5, "reason": "..."}]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    resolved_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "registry_duplicatereview"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.data.get('name', '')} ({self.get_status_display()})"
