"""/api/v1/employment/ — 就业帮扶: postings (public to read), key persons, recommendations, visits,
referrals and the dashboard figures.

Thin: parse → employment services/selectors → serialise. Postings that are open are public (no login);
everything about persons is scoped like the registry (REGISTRY_READ, grid workers their grid). Identifiers
only ever appear masked; the full number comes from `people/<id>/reveal/`, which is audited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from jianfu.accounts.roles import Capability
from jianfu.api.body import BodyDate, body_fields, body_text
from jianfu.api.errors import validated
from jianfu.api.pagination import paginated_response
from jianfu.api.params import query_choice, query_int, strict_bool
from jianfu.api.repeats import IDEMPOTENCY_KEY, create_once, made
from jianfu.api.schema import paginated
from jianfu.core.bounds import ID_BOUNDS, column_bounds
from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.employment import (
    access,
    importjobs,
    matchsvc,
    metrics,
    postings,
    seekerjobs,
    selectors,
    services,
    visits,
)
from jianfu.employment.models import (
    KEY_GROUP_FIELDS,
    KEY_GROUPS,
    KeyPerson,
    KeyStatus,
    PostingImport,
    ReferralStatus,
)
from jianfu.employment.parsing import HEADCOUNT_MAX
from jianfu.employment.uploads import MAX_UPLOAD_BYTES
from jianfu.registry.ledger.values import local_today


class PostingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    employer = serializers.CharField(source="organisation.name")
    credit_code = serializers.CharField(source="organisation.credit_code", allow_null=True)
    title = serializers.CharField()
    occupation_code = serializers.CharField()
    occupation_name = serializers.CharField()
    headcount = serializers.IntegerField()
    education_min = serializers.CharField()
    age_min = serializers.IntegerField(allow_null=True)
    age_max = serializers.IntegerField(allow_null=True)
    experience_years = serializers.IntegerField()
    certificates = serializers.ListField(child=serializers.CharField())
    wage_min = serializers.IntegerField(allow_null=True)
    wage_max = serializers.IntegerField(allow_null=True)
    wage_text = serializers.CharField()
    place_text = serializers.CharField()
    place_code = serializers.CharField()
    org_code = serializers.CharField()
    shifts = serializers.CharField()
    description = serializers.CharField()
    benefits = serializers.CharField()
    valid_until = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    contact_name = serializers.SerializerMethodField(help_text="联系人（岗位招聘中时公开，否则为空）")
    contact_phone = serializers.SerializerMethodField(help_text="联系电话（岗位招聘中时公开，否则为空）")

    def get_contact_name(self, obj) -> str:
        return obj.contact_name if obj.contact_is_public else ""

    def get_contact_phone(self, obj) -> str:
        return obj.contact_phone if obj.contact_is_public else ""


class ManagedPostingSerializer(PostingSerializer):
    flags = serializers.JSONField()
    questions = serializers.JSONField(help_text="需核查但照常公开的招聘条件（如身高要求）：[{code, label, excerpt, laws, note, fields}]")
    contact_name = serializers.CharField()            # the office sees the contact whatever the status
    contact_phone = serializers.CharField()


HEADCOUNT_HELP = (f"招聘人数：1 至 {HEADCOUNT_MAX} 的整数（如 5），或与网页表单、批量导入相同的写法（如 \"5\"、\"5人\"、\"五人\"、"
                  "\"十二名\"、\"两个\"），由同一解析规则读取；\"若干\"、\"不限\"、空或不填按 1 人。"
                  "其他内容返回 400，错误信息指明“招聘人数”，不写入任何数据。")


@extend_schema_field({"oneOf": [{"type": "integer", "minimum": 1, "maximum": HEADCOUNT_MAX},
                                {"type": "string", "maxLength": 10}],
                      "nullable": True, "description": HEADCOUNT_HELP, "example": "五人"})
class HeadcountField(serializers.CharField):
    """招聘人数 as a number or as written: an integer or a string, read by `postings.clean_posting` with
    `parsing.headcount` — what the web form and the import read (session 28). A JSON boolean, list or object is no
    headcount (DRF's CharField said "不是有效的字符串", as if only a string were wanted)."""

    default_error_messages = {
        "invalid": _l("应为整数（如 5）或文字（如“5人”“五人”“十二名”“若干”）。"),
    }

    def to_internal_value(self, data: object) -> str:
        if isinstance(data, bool) or not isinstance(data, (str, int, float)):
            self.fail("invalid")
        return super().to_internal_value(data)


class PostingRequest(serializers.Serializer):
    employer = serializers.CharField(label=_l("用人单位"), max_length=200)
    credit_code = serializers.CharField(label=_l("统一社会信用代码"), required=False, allow_blank=True, max_length=30)
    title = serializers.CharField(label=_l("岗位名称"), max_length=100)
    headcount = HeadcountField(label=_l("招聘人数"), required=False, allow_blank=True, allow_null=True, max_length=10,
                               help_text=HEADCOUNT_HELP)
    education = serializers.CharField(label=_l("学历要求"), required=False, allow_blank=True, max_length=20)
    age = serializers.CharField(label=_l("年龄要求"), required=False, allow_blank=True, max_length=30)
    experience = serializers.CharField(label=_l("经验要求"), required=False, allow_blank=True, max_length=30)
    certificates = serializers.CharField(label=_l("证书要求"), required=False, allow_blank=True, max_length=200)
    wage = serializers.CharField(label=_l("薪资"), required=False, allow_blank=True, max_length=60)
    place = serializers.CharField(label=_l("工作地点"), max_length=100)
    shifts = serializers.CharField(label=_l("班次"), required=False, allow_blank=True, max_length=60)
    description = serializers.CharField(label=_l("岗位描述"), allow_blank=True)
    benefits = serializers.CharField(label=_l("福利待遇"), required=False, allow_blank=True, max_length=300)
    contact_name = serializers.CharField(label=_l("联系人"), required=False, allow_blank=True, max_length=30)
    contact_phone = serializers.CharField(label=_l("联系电话"), required=False, allow_blank=True, max_length=20,
                                          help_text="11位手机号或带区号的固定电话")
    valid_until = BodyDate(label=_l("有效期至"), required=False, allow_null=True)


class KeyPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.name")
    id_number = serializers.CharField(source="person.id_number_masked", help_text="脱敏的身份证号")
    phone = serializers.CharField(source="person.phone_masked", help_text="脱敏的联系电话")
    gender = serializers.CharField(source="person.gender")
    birth_date = serializers.DateField(source="person.birth_date", allow_null=True)
    org_code = serializers.CharField()
    grid_code = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    status_since = serializers.DateField()
    identified_on = serializers.DateField()
    placed_on = serializers.DateField(allow_null=True)
    groups = serializers.SerializerMethodField()
    graduation_year = serializers.IntegerField(allow_null=True)
    major = serializers.CharField()
    hardship = serializers.ListField(child=serializers.CharField())
    unemployment_registered_on = serializers.DateField(allow_null=True)
    unemployment_ground = serializers.CharField()

    def get_groups(self, kp) -> list[str]:
        return [f for f, _label in KEY_GROUPS if getattr(kp, f)]


class KeyPersonRequest(serializers.Serializer):
    person = serializers.IntegerField(label=_l("人员"), help_text="登记库人员编号（registry person id）", **ID_BOUNDS)
    groups = serializers.ListField(label=_l("重点群体"), child=serializers.ChoiceField(choices=[f for f, _l in KEY_GROUPS]))
    unemployment_registered_on = BodyDate(label=_l("失业认定日期"), required=False, allow_null=True)
    unemployment_ground = serializers.CharField(label=_l("失业认定原因"), required=False, allow_blank=True)
    graduation_year = serializers.IntegerField(label=_l("毕业年份"), required=False, allow_null=True,
                                               **column_bounds(KeyPerson, "graduation_year"))
    major = serializers.CharField(label=_l("所学专业"), required=False, allow_blank=True, max_length=60)
    hardship = serializers.ListField(label=_l("就业困难类别"), child=serializers.CharField(), required=False)
    work_capacity = serializers.CharField(label=_l("可从事的工作"), required=False, allow_blank=True, max_length=200)


class RecommendationSerializer(serializers.Serializer):
    seeker_id = serializers.CharField()
    job_id = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    reasons = serializers.CharField()
    met = serializers.ListField(child=serializers.CharField())
    unmet = serializers.ListField(child=serializers.CharField())
    # about the posting itself: a gender requirement the office is checking, which the seeker may ignore (ADR 0027)
    notes = serializers.ListField(child=serializers.CharField())
    # Session 22 (emp-dev22): the one phrase about eyesight (session 21, `Recommendation.sight`) the web shows apart —
    # also still among `met`/`unmet`, as before
    sight = serializers.CharField(help_text="关于视力的一句话（视力残疾人员才有；如“需要良好视力（收银），请核实”），无则为空")
    sight_doubt = serializers.BooleanField(help_text="该句是否为对视力的疑虑（需与本人核实），而不是符合")


class VisitTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key_person = serializers.IntegerField(source="key_person_id")
    name = serializers.CharField(source="key_person.person.name")
    org_code = serializers.CharField()
    grid_code = serializers.CharField(allow_null=True)
    trigger = serializers.CharField()
    reason = serializers.CharField()
    due_on = serializers.DateField()
    escalated_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    handled_note = serializers.CharField()


class VisitRequest(serializers.Serializer):
    task = serializers.IntegerField(label=_l("走访任务"), required=False, allow_null=True, **ID_BOUNDS,
                                    help_text="从走访任务记录（乡镇改派给本人的任务，人员不在本网格时必填）")
    outcome = serializers.CharField(label=_l("走访结果"))
    needs = serializers.ListField(label=_l("需求"), child=serializers.CharField(), required=False)
    next_step = serializers.CharField(label=_l("下一步"), required=False, allow_blank=True, max_length=200)
    visited_on = BodyDate(label=_l("走访日期"), required=False, allow_null=True)


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key_person = serializers.IntegerField(source="key_person_id")
    posting = serializers.IntegerField(source="posting_id")
    status = serializers.CharField()
    referred_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    reasons = serializers.CharField()
    refusal_reason = serializers.CharField()
    refused_by = serializers.CharField()


def _rec(rec) -> dict:
    return {"seeker_id": str(rec.seeker_id), "job_id": str(rec.job_id), "rank": rec.rank, "score": float(rec.score),
            "reasons": rec.reasons, "met": list(rec.met), "unmet": list(rec.unmet),
            "notes": list(rec.notes), "sight": rec.sight, "sight_doubt": bool(rec.sight_doubt)}


VISIT_STATES = ("due", "today", "week", "overdue", "escalated")

# ---------------------------------------------------------------- postings

@extend_schema(methods=["GET"], responses=paginated(PostingSerializer), summary="招聘岗位（公开，无需登录）",
               parameters=[OpenApiParameter("q", str), OpenApiParameter("place", str, description="地区代码前缀")])
@extend_schema(methods=["POST"], request=PostingRequest, parameters=[IDEMPOTENCY_KEY], responses={201: ManagedPostingSerializer},
               auth=[{"tokenAuth": []}, {"cookieAuth": []}],  # reading is public, posting is not
               summary="发布岗位（含歧视性内容的转县减负办核查）")
@api_view(["GET", "POST"])
@permission_classes([AllowAny])
@create_once(permit=access.manage_scope)
def posting_list(request):
    if request.method == "POST":
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        body = PostingRequest(data=request.data)
        validated(body)
        posting = postings.posting_create(actor=request.user, data=dict(body.validated_data))
        return Response(ManagedPostingSerializer(made(posting)).data, status=201)
    qs = selectors.public_postings(q=request.query_params.get("q", ""), place=request.query_params.get("place", ""))
    return paginated_response(request, qs, PostingSerializer)


class ImportResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=PostingImport.Status.choices,
                                     help_text="committed 已入库；awaiting 待确认（岗位已写入但未公开，须上传人确认发布）；"
                                               "failed 有错误未入库；withdrawn 已撤销；queued/committing/interrupted/"
                                               "discarded 为后台导入的状态（网页上传和 API 上传都在后台导入）")
    status_label = serializers.CharField(source="get_status_display")
    original_name = serializers.CharField()
    total_rows = serializers.IntegerField()
    created_count = serializers.IntegerField(help_text="写入的岗位数（待确认时为待发布的岗位数）")
    updated_count = serializers.IntegerField(help_text="按同一单位、同一编号更新的已登记岗位数（不计入 created_count）")
    employers_created = serializers.IntegerField()
    flagged_count = serializers.IntegerField()
    errors = serializers.JSONField(help_text="[{row, column, message}]：有错误时整表不入库；重复行另有 duplicate_of"
                                             "（与第几行相同）或 duplicate_of_posting（与哪个已登记的岗位相同）")
    skip_duplicates = serializers.BooleanField(help_text="上传时是否选择了跳过重复行")
    duplicate_count = serializers.IntegerField(help_text="发现的重复行数（未跳过时为整表不入库的原因之一）")
    skipped = serializers.JSONField(help_text="[{row, column, message, duplicate_of | duplicate_of_posting}]："
                                              "选择跳过重复行时未导入的行")
    warnings = serializers.JSONField(help_text="[{row, column, message}]：已导入但请核对的行")
    error_message = serializers.CharField()
    uploaded_by = serializers.IntegerField(source="created_by_id", allow_null=True,
                                           help_text="上传人账号编号：只有上传人可以确认发布")
    created_at = serializers.DateTimeField()
    message = serializers.SerializerMethodField(help_text="该批次状态的中文说明（待确认时说明如何确认或撤销）")

    def get_message(self, batch) -> str:
        if batch.status == PostingImport.Status.AWAITING:
            return postings.held_message(batch, confirm_how=f"（POST imports/{batch.pk}/confirm/）",
                                         withdraw_how=f"（POST imports/{batch.pk}/withdraw/）")
        if batch.status == PostingImport.Status.WITHDRAWN:
            return _("本批已撤销：%(n)d 个岗位已下架，不再公开（本批新登记的单位保留）。") % {"n": batch.created_count}
        if batch.nothing_new:
            return str(importjobs.NOTHING_NEW) % {"t": batch.total_rows}
        if batch.status == PostingImport.Status.FAILED and batch.refused_for_duplicates_only:
            return _("文件共 %(t)d 行，其中 %(d)d 行与其他行或已登记的岗位重复（见 errors），没有任何数据入库。"
                     "改正后重新上传，或加上 skip_duplicates=true 重新提交：跳过这些重复行，导入其余 %(n)d 条。") % {
                "t": batch.total_rows, "d": batch.duplicate_count, "n": batch.rest_count}
        if batch.status == PostingImport.Status.FAILED:
            return batch.error_message or _("文件有错误，没有任何数据入库。请改正后重新上传。")
        return ""


class PostingImportRequest(serializers.Serializer):
    file = serializers.FileField(help_text="xlsx 或 csv（UTF-8/GBK）")
    skip_duplicates = serializers.BooleanField(
        required=False, default=False,
        help_text="默认 false：有重复行（与文件中前面的行或已登记的岗位相同）则整表不入库，批次（status=failed）的 errors 列出每个重复行及其"
                  "重复的行号（duplicate_of）或岗位编号（duplicate_of_posting）。true：跳过这些重复行，导入其余的行，"
                  "跳过的行记录在批次的 skipped 中；其他错误仍使整表不入库。")


def _import_check(check: Callable[..., str]) -> Callable[[Any], None]:
    """`create_once`'s `before` for an import: the permission and upload checks, outside the create transaction."""
    def before(request: Any) -> None:
        if (upload := request.FILES.get("file")) is not None:
            check(actor=request.user, upload=upload)
    return before


@extend_schema(request={"multipart/form-data": PostingImportRequest},
    responses={202: ImportResultSerializer}, parameters=[IDEMPOTENCY_KEY],
    summary="批量导入岗位（后台导入：202 返回批次，轮询 imports/{id}/ 查看结果）",
    description="上传的文件存为一个排队的批次（status=queued），由后台任务导入，与网页上传相同；响应为 202 和该批次，"
                "Location 头指向 imports/{id}/。轮询该地址，直到 status 不再是 queued 或 committing："
                "committed 已入库；failed 有错误，整表不入库，errors 列出每行错误；interrupted 后台任务中断，没有写入任何数据。"
                f"与网页上传同一规则：超过 {postings.CONFIRM_ABOVE} 个岗位的文件写入后为“待确认”（status=awaiting），"
                "岗位不公开，直到上传人调用 imports/{id}/confirm/ 确认发布，或本单位管理人员调用 imports/{id}/withdraw/ "
                "撤销本批。文件类型或大小不符、参数无效时直接返回 400，不建批次。（第 14 轮起；此前在请求内导入，"
                "返回 201/422。）")
@api_view(["POST"])
@parser_classes([MultiPartParser])
@create_once(permit=access.manage_scope, before=_import_check(importjobs.check_request),
             uploads=(MAX_UPLOAD_BYTES, None))
def posting_import(request):
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": [_("请上传 xlsx 或 csv 文件。")]})
    raw = request.data.get("skip_duplicates", request.query_params.get("skip_duplicates"))
    # strictly true/false/1/0 (any case), absent or empty = false: DRF's BooleanField would also take yes/on/y/t,
    # and a choice that imports part of a file is stated, not guessed (diffreview13 D12)
    skip = bool(strict_bool(None if raw is None else str(raw), "skip_duplicates"))
    # queued like the web upload (badinput14 B04: 100,000 rows took 292 s inside the request, past any proxy's
    # timeout, and the client never learnt the batch id)
    batch = importjobs.import_request(actor=request.user, upload=upload, skip_duplicates=skip)
    location = reverse("api:employment-import-detail", kwargs={"pk": batch.pk})
    return Response(ImportResultSerializer(made(batch)).data, status=202, headers={"Location": location})


@extend_schema(responses=ImportResultSerializer, summary="导入批次的状态和数字（本单位及下级的批次）")
@api_view(["GET"])
def import_detail(request, pk: int):
    return Response(ImportResultSerializer(postings.import_get(user=request.user, pk=pk)).data)


@extend_schema(request=None, responses={200: ImportResultSerializer},
               summary="确认发布待确认的批次（只有上传人可以确认）",
               description="待确认（awaiting）的批次：岗位公开（含疑似歧视内容的转为待核查）。其他状态返回 409；"
                           "非上传人返回 403；不在管辖范围内的批次返回 404。")
@api_view(["POST"])
def import_confirm(request, pk: int):
    batch = postings.import_confirm(actor=request.user, batch=postings.import_get(user=request.user, pk=pk))
    return Response(ImportResultSerializer(batch).data)


@extend_schema(request=None, responses={200: ImportResultSerializer},
               summary="撤销本批（待确认或已入库的批次，全部岗位下架；本单位管理人员均可）",
               description="本批新登记的用人单位保留；岗位的查重指纹释放，改正后的文件可以重新导入。其他状态返回 409。")
@api_view(["POST"])
def import_withdraw(request, pk: int):
    batch = postings.import_withdraw(actor=request.user, batch=postings.import_get(user=request.user, pk=pk))
    return Response(ImportResultSerializer(batch).data)


class PostingAmend(serializers.Serializer):
    # no max_length here: the service's limits are the one check, so the API and the web's 修改后公开 give one answer
    # on one text ("岗位名称过长（120字，最多100字）", field named)
    title = serializers.CharField(label=_l("岗位名称"), required=False, allow_blank=True, trim_whitespace=False,
                                  help_text="岗位名称（必填，最多100字）；不传则保留原文")
    description = serializers.CharField(label=_l("岗位描述"), required=False, allow_blank=True, trim_whitespace=False,
                                        help_text=f"岗位描述（必填，最多{postings.MAX_DESCRIPTION}字）；不传则保留原文")
    benefits = serializers.CharField(label=_l("福利待遇"), required=False, allow_blank=True, trim_whitespace=False,
                                     help_text="福利待遇（可空，最多300字）；不传则保留原文")


# One posting: read by anyone (GET reads no credentials, as it always has: a stale token never stops a public read),
# edited by whoever manages it (PATCH, session 33: the web's 修改后公开, `postings.posting_amend`). A class, not
# `@api_view`, because the two methods authenticate differently. (A comment, not a docstring: the schema would take
# a docstring as the GET's description.)
class PostingDetail(APIView):

    def get_authenticators(self) -> list[Any]:
        # `self.request` is the request being dispatched (Django's `View.setup`), or the schema generator's mock
        if getattr(self, "request", None) is not None and self.request.method in SAFE_METHODS:
            return []
        return super().get_authenticators()

    def get_permissions(self) -> list[Any]:
        if getattr(self, "request", None) is not None and self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return super().get_permissions()   # IsAuthenticated: an anonymous PATCH is refused before anything is read

    @extend_schema(responses=PostingSerializer, summary="岗位详情（公开）")
    def get(self, request, pk: int) -> Response:
        return Response(PostingSerializer(selectors.public_posting_get(pk=pk)).data)

    @extend_schema(
        request=PostingAmend, responses={200: ManagedPostingSerializer},
        summary="修改待核查的岗位（修改后公开：复查歧视内容）",
        description="与网页“修改后公开”相同（第 33 轮起）：管理该岗位的账号（乡镇管本乡镇的岗位，县减负办、县人社局管全县）"
                    "修改因疑似歧视而待核查（status=flagged）的岗位的岗位名称、岗位描述、福利待遇；未传的字段保留原文。"
                    "修改后重新检查：不再含疑似歧视内容则公开（status=open，flags 清空）；仍含则保持待核查，flags 为新的检查结果。"
                    "记入审计（employment.posting.amend，各字段修改前后）。为空、过长、含网页代码、与原文相同、与已有岗位重复"
                    "返回 400（error.fields 指明字段）；title、description、benefits 以外的字段返回 400 且不修改任何内容"
                    "（第 33 轮 fixcr33c）；只检查传入的字段；岗位不在待核查状态返回 409；无岗位管理权限返回 403；"
                    "不在管辖范围内的岗位返回 404。被拒绝时不写入任何数据。")
    def patch(self, request, pk: int) -> Response:
        posting = selectors.managed_posting_get(user=request.user, pk=pk)
        # a key the amend does not edit ("wage") was dropped silently while the title changed (fixcr33c): refused
        unknown = sorted(set(request.data) - set(PostingAmend().fields)) if isinstance(request.data, dict) else []
        if unknown:
            raise ApplicationError(_("不能修改的字段：%(keys)s（只能修改 title、description、benefits）。")
                                   % {"keys": "、".join(str(k) for k in unknown)}, code="invalid", field=str(unknown[0]))
        body = PostingAmend(data=request.data)
        validated(body)
        posting = postings.posting_amend(actor=request.user, posting=posting, data=dict(body.validated_data),
                                         partial=True)
        return Response(ManagedPostingSerializer(posting).data)


posting_detail = PostingDetail.as_view()


@extend_schema(responses=RecommendationSerializer(many=True), summary="适合该岗位的求职者（按权限范围）")
@api_view(["GET"])
def posting_seekers(request, pk: int):
    access.read_scope(request.user)
    posting = selectors.public_posting_get(pk=pk)
    return Response([_rec(rec) for _kp, rec in matchsvc.seekers_for(request.user, posting, top=10)])


# ---------------------------------------------------------------- an employer's referrals (session 28)

class EmployerReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key_person = serializers.IntegerField(source="key_person_id")
    name = serializers.CharField(source="key_person.person.name")
    id_number = serializers.CharField(source="key_person.person.id_number_masked", help_text="脱敏的身份证号")
    org_code = serializers.CharField(help_text="被推荐人所在村（社区）的代码")
    posting = serializers.IntegerField(source="posting_id")
    posting_title = serializers.CharField(source="posting.title")
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    referred_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    refusal_reason = serializers.CharField()
    refused_by = serializers.CharField(help_text="未成功时谁未接受：seeker 求职者，employer 用人单位")


REFERRAL_PAGE = inline_serializer("PaginatedEmployerReferralList", {
    "count": serializers.IntegerField(),
    "next": serializers.URLField(allow_null=True),
    "previous": serializers.URLField(allow_null=True),
    "results": EmployerReferralSerializer(many=True),
    "not_shown": serializers.IntegerField(help_text="另有多少条推荐的人员不在您的管辖范围内（只计数，不列出）"),
})
REFERRALS_SCHEMA = {
    "responses": REFERRAL_PAGE,
    "parameters": [OpenApiParameter("status", str, enum=list(ReferralStatus.values), description="只列该结果的推荐")],
    "description": "管理这些岗位并能查看帮扶对象的账号（县减负办、县人社局、乡镇对本乡镇的岗位）：本人管辖范围内人员的推荐，"
                   "按推荐日期从新到旧；证件号脱敏，完整号码只能通过 people/{id}/reveal/（记入审计）。",
}


def _referrals_response(request, *, employer=None, posting=None) -> Response:
    status = query_choice(request, "status", tuple(ReferralStatus.values), default="")
    rows, hidden = selectors.referrals_to(user=request.user, employer=employer, posting=posting, status=status)
    response = paginated_response(request, rows, EmployerReferralSerializer)
    response.data["not_shown"] = hidden
    return response


@extend_schema(summary="用人单位的推荐记录（本人管理的该单位全部岗位）", **REFERRALS_SCHEMA)
@api_view(["GET"])
def employer_referrals(request, pk: int):
    return _referrals_response(request, employer=selectors.referrals_employer_get(user=request.user, pk=pk))


@extend_schema(summary="岗位的推荐记录", **REFERRALS_SCHEMA)
@api_view(["GET"])
def posting_referrals(request, pk: int):
    access.referral_reads_scope(request.user)
    return _referrals_response(request, posting=selectors.managed_posting_get(user=request.user, pk=pk))


# ---------------------------------------------------------------- key persons

@extend_schema(methods=["GET"], responses=paginated(KeyPersonSerializer), summary="重点群体人员（按权限范围，证件号脱敏）",
               parameters=[OpenApiParameter("q", str), OpenApiParameter("status", str, enum=list(KeyStatus.values)),
                           OpenApiParameter("group", str, enum=list(KEY_GROUP_FIELDS)),
                           OpenApiParameter("org_code", str)])
@extend_schema(methods=["POST"], request=KeyPersonRequest, parameters=[IDEMPOTENCY_KEY], responses={201: KeyPersonSerializer},
               summary="纳入就业帮扶（登记库中的人员）")
@api_view(["GET", "POST"])
@create_once(permit=Capability.EMPLOYMENT_WRITE)
def people(request):
    if request.method == "POST":
        body = KeyPersonRequest(data=request.data)
        validated(body)
        data = dict(body.validated_data)
        person_id = data.pop("person")
        groups = set(data.pop("groups"))
        data.update({f: f in groups for f, _label in KEY_GROUPS})
        kp = services.key_person_create(actor=request.user, person_id=person_id, data=data)
        return Response(KeyPersonSerializer(made(kp)).data, status=201)
    p = request.query_params
    qs = selectors.key_person_list(user=request.user, q=p.get("q", ""),
                                   status=query_choice(request, "status", tuple(KeyStatus.values), default=""),
                                   group=query_choice(request, "group", KEY_GROUP_FIELDS, default=""),
                                   org_code=p.get("org_code", ""))
    return paginated_response(request, qs, KeyPersonSerializer)


@extend_schema(responses=KeyPersonSerializer, summary="重点群体人员详情（证件号脱敏）")
@api_view(["GET"])
def person_detail(request, pk: int):
    return Response(KeyPersonSerializer(selectors.key_person_get(user=request.user, pk=pk)).data)


@extend_schema(request=inline_serializer("RevealRequest", {"field": serializers.ChoiceField(["id_number", "phone"])}),
               responses=inline_serializer("Revealed", {"value": serializers.CharField()}),
               summary="查看完整证件号或电话（记入审计）")
@api_view(["POST"])
def person_reveal(request, pk: int):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    field = body_fields(request).get("field", "")
    return Response({"value": services.key_person_reveal(actor=request.user, key_person=kp, field=field)})


@extend_schema(responses=RecommendationSerializer(many=True), summary="为该人员推荐的岗位（含推荐理由）")
@api_view(["GET"])
def person_jobs(request, pk: int):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    return Response([_rec(rec) for _posting, rec in matchsvc.jobs_for(kp, top=10)])


@extend_schema(request=VisitRequest, parameters=[IDEMPOTENCY_KEY], responses={201: inline_serializer("VisitCreated", {"id": serializers.IntegerField()})},
               summary="记录走访")
@api_view(["POST"])
@create_once(permit=Capability.EMPLOYMENT_WRITE)
def person_visit(request, pk: int):
    body = VisitRequest(data=request.data)
    validated(body)
    d = body.validated_data
    task = None
    if d.get("task") is not None:   # through the open task, as the web form (its owner may be of another grid)
        task = selectors.open_visit_task_get(user=request.user, pk=d["task"])
        if task.key_person_id != pk:
            raise NotFoundError(_("找不到该走访任务，或不在您的管辖范围内。"))
        kp = task.key_person
    else:
        kp = selectors.key_person_get(user=request.user, pk=pk)
    visit = visits.visit_record(actor=request.user, key_person=kp, outcome=d["outcome"], needs=d.get("needs", []),
                                next_step=d.get("next_step", ""), visited_on=d.get("visited_on"), task=task)
    return Response({"id": made(visit).pk}, status=201)


@extend_schema(parameters=[IDEMPOTENCY_KEY], request=inline_serializer("ReferralRequest", {"posting": serializers.IntegerField()}),
               responses={201: ReferralSerializer}, summary="推荐就业（推荐理由取自匹配结果）")
@api_view(["POST"])
@create_once(permit=access.require_refer_right)
def person_refer(request, pk: int):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    posting_id = body_fields(request).get("posting")
    posting = selectors.public_posting_get(pk=int(posting_id) if str(posting_id).isdigit() else 0)
    score, reasons = matchsvc.referral_match(kp, posting)
    referral = services.referral_create(actor=request.user, key_person=kp, posting=posting, score=score,
                                        reasons=reasons)
    return Response(ReferralSerializer(made(referral)).data, status=201)


@extend_schema(request=inline_serializer("ReferralAdvance", {
    # 已在他处就业 is set by the service when the person is hired through another referral, never sent
    "status": serializers.ChoiceField([c for c in ReferralStatus.choices if c[0] != ReferralStatus.ELSEWHERE],
                                      help_text="推荐结果（按 已推荐 → 已投递 → 已面试 → 已录用/未成功）"),
    "reason": serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="未成功时必填"),
    "refused_by": serializers.ChoiceField(["seeker", "employer"], required=False, allow_blank=True),
    "on": serializers.DateField(required=False, help_text="结果日期（年-月-日），不填为今天；不能晚于今天，不能早于推荐日期")}),
               responses=ReferralSerializer, summary="记录推荐结果（已投递/已面试/已录用/未成功）")
@api_view(["POST"])
def referral_advance(request, pk: int):
    referral = selectors.referral_get(user=request.user, pk=pk)
    body = body_fields(request)
    # the service cleans the reason, then requires it and refuses it over 200: its check is the one, so the API and the
    # web give one answer on one text (fixcr32 #5)
    referral = services.referral_advance(actor=request.user, referral=referral, status=body_text(body, "status"),
                                         reason=body_text(body, "reason"), refused_by=body_text(body, "refused_by"),
                                         on=body_text(body, "on"))
    return Response(ReferralSerializer(referral).data)


@extend_schema(responses=paginated(VisitTaskSerializer), summary="待走访（today/week/overdue/due/escalated）",
               parameters=[OpenApiParameter("state", str, enum=list(VISIT_STATES))])
@api_view(["GET"])
def visit_tasks(request):
    qs = selectors.visit_task_list(user=request.user, state=query_choice(request, "state", VISIT_STATES, default="due"))
    return paginated_response(request, qs, VisitTaskSerializer)


@extend_schema(request=inline_serializer("VisitTaskReassign", {"assignee": serializers.IntegerField()}),
               responses=VisitTaskSerializer, summary="乡镇改派走访任务（给本村网格员或村干部）")
@api_view(["POST"])
def visit_task_reassign(request, pk: int):
    task = selectors.visit_task_get(user=request.user, pk=pk)
    task = visits.visit_task_reassign(actor=request.user, task=task, assignee_id=body_fields(request).get("assignee"))
    return Response(VisitTaskSerializer(selectors.visit_task_get(user=request.user, pk=task.pk)).data)


@extend_schema(request=inline_serializer("VisitTaskHandle", {"note": serializers.CharField(max_length=200)}),
               responses=VisitTaskSerializer, summary="乡镇标记走访任务已处理（附处理说明）")
@api_view(["POST"])
def visit_task_handle(request, pk: int):
    task = selectors.visit_task_get(user=request.user, pk=pk)
    task = visits.visit_task_handle(actor=request.user, task=task, note=body_text(body_fields(request), "note"))
    return Response(VisitTaskSerializer(selectors.visit_task_get(user=request.user, pk=task.pk)).data)


@extend_schema(responses=inline_serializer("EmploymentDashboard", {"rows": serializers.ListField(),
                                                                    "total": serializers.DictField()}),
               parameters=[OpenApiParameter("unit", str),
                           OpenApiParameter("months", {"type": "integer", "minimum": 1, "maximum": 36},
                                            description="统计最近几个月（1–36，默认 12）")],
               summary="一目了然：按村/乡镇/县的帮扶数字")
@api_view(["GET"])
def dashboard(request):
    scope = access.dashboard_scope(request.user)
    prefix = None if scope.is_all else scope.prefix
    unit = request.query_params.get("unit", "")
    if unit.isdigit() and len(unit) in (6, 9, 12) and scope.covers(unit.ljust(12, "0")):
        prefix = unit
    months = query_int(request, "months", maximum=36) or 12
    today = local_today()
    rows, total = metrics.dashboard(prefix=prefix, start=metrics.month_starts(today, months)[0], end=today,
                                    today=today)

    def out(r):
        return {"code": r.code, "name": r.name, "people": r.people, "groups": r.groups, "seeking": r.seeking,
                "placed": r.placed, "placement_rate": r.placement_rate, "placed_in_period": r.placed_in_period,
                "reemployed_in_period": r.reemployed_in_period,
                "median_days_to_place": r.median_days_to_place, "referrals": r.referrals,
                "referrals_hired": r.referrals_hired, "visits_done": r.visits_done, "visits_due": r.visits_due,
                "visits_overdue": r.visits_overdue, "exited": r.exited}

    return Response({"rows": [out(r) for r in rows], "total": out(total)})


# ---------------------------------------------------------------- seeker registrations (求职登记表)

class SeekerImportResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[(v, str(label)) for v, label in PostingImport.Status.choices
                                              if v not in ("awaiting", "withdrawn")],
                                     help_text="queued 排队导入；committing 导入中；committed 已入库；failed 有错误未入库"
                                               "（整表不入库）；interrupted 后台任务中断（没有写入任何数据）；discarded 已放弃")
    status_label = serializers.SerializerMethodField()
    original_name = serializers.CharField()
    done_count = serializers.IntegerField(help_text="登记或更新了求职意向的人数")
    taken = serializers.ListField(child=serializers.IntegerField(), help_text="这些人的重点群体编号，按行的顺序")
    updated = serializers.ListField(child=serializers.CharField(), help_text="表中有的求职登记列（只更新这些列）")
    errors = serializers.JSONField(help_text="[{row, column, message}]：有错误时整表不入库")
    error_message = serializers.CharField()
    sheet_note = serializers.CharField(help_text="工作簿有多个工作表时，说明读取了哪一个")
    created_at = serializers.DateTimeField()

    def get_status_label(self, batch) -> str:
        return seekerjobs.status_label(batch)


@extend_schema(request={"multipart/form-data": inline_serializer("SeekerImportRequest", {
    "file": serializers.FileField(help_text="xlsx 或 csv（UTF-8/GBK），列见网页“导入求职登记”")})},
    responses={202: SeekerImportResultSerializer}, parameters=[IDEMPOTENCY_KEY],
    summary="导入求职登记表（后台导入：202 返回批次，轮询 people/imports/{id}/ 查看结果）",
    description="与网页上传相同：文件存为一个排队的批次（status=queued），由后台任务按身份证号对应登记库中的人员导入，"
                "整表校验，有任何一行出错则全部不入库（status=failed，errors 列出每行错误）；committed 已入库；"
                "interrupted 后台任务中断，没有写入任何数据。响应为 202 和该批次，Location 头指向 people/imports/{id}/。"
                "文件类型或大小不符时直接返回 400，不建批次。（第 15 轮起；此前只有网页上传，在请求内导入。）")
@api_view(["POST"])
@parser_classes([MultiPartParser])
@create_once(permit=seekerjobs.writer_scope, before=_import_check(seekerjobs.check_request),
             uploads=(MAX_UPLOAD_BYTES, None))
def seeker_import(request):
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": [_("请上传 xlsx 或 csv 文件。")]})
    batch = seekerjobs.import_request(actor=request.user, upload=upload)
    location = reverse("api:employment-seeker-import-detail", kwargs={"pk": batch.pk})
    return Response(SeekerImportResultSerializer(made(batch)).data, status=202, headers={"Location": location})


@extend_schema(responses=SeekerImportResultSerializer, summary="求职登记导入批次的状态（本人上传或本辖区的批次）")
@api_view(["GET"])
def seeker_import_detail(request, pk: int):
    return Response(SeekerImportResultSerializer(seekerjobs.import_get(user=request.user, pk=pk)).data)


urlpatterns = [
    path("postings/", posting_list, name="employment-postings"),
    path("postings/import/", posting_import, name="employment-posting-import"),
    path("postings/imports/<int:pk>/", import_detail, name="employment-import-detail"),
    path("postings/imports/<int:pk>/confirm/", import_confirm, name="employment-import-confirm"),
    path("postings/imports/<int:pk>/withdraw/", import_withdraw, name="employment-import-withdraw"),
    path("postings/<int:pk>/", posting_detail, name="employment-posting-detail"),
    path("postings/<int:pk>/seekers/", posting_seekers, name="employment-posting-seekers"),
    path("postings/<int:pk>/referrals/", posting_referrals, name="employment-posting-referrals"),
    path("employers/<int:pk>/referrals/", employer_referrals, name="employment-employer-referrals"),
    path("people/", people, name="employment-people"),
    path("people/import/", seeker_import, name="employment-seeker-import"),
    path("people/imports/<int:pk>/", seeker_import_detail, name="employment-seeker-import-detail"),
    path("people/<int:pk>/", person_detail, name="employment-person-detail"),
    path("people/<int:pk>/reveal/", person_reveal, name="employment-person-reveal"),
    path("people/<int:pk>/jobs/", person_jobs, name="employment-person-jobs"),
    path("people/<int:pk>/visits/", person_visit, name="employment-person-visit"),
    path("people/<int:pk>/referrals/", person_refer, name="employment-person-refer"),
    path("referrals/<int:pk>/advance/", referral_advance, name="employment-referral-advance"),
    path("visits/", visit_tasks, name="employment-visit-tasks"),
    path("visits/tasks/<int:pk>/reassign/", visit_task_reassign, name="employment-visit-task-reassign"),
    path("visits/tasks/<int:pk>/handle/", visit_task_handle, name="employment-visit-task-handle"),
    path("dashboard/", dashboard, name="employment-dashboard"),
]
