"""/api/v1/registry/ — persons, households and organisations of the shared registry (read-only).

Every record carries its village code as `org_code`; ID and phone numbers only ever appear masked
(revealing goes through the audited web action). Scoping lives in the registry selectors.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from jianfu.api.pagination import paginated_response
from jianfu.api.params import query_bool, query_int
from jianfu.api.schema import UNAVAILABLE, paginated
from jianfu.registry import selectors, services
from jianfu.registry.models import SPECIAL_GROUP_FLAGS


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    org_code = serializers.CharField()
    grid_code = serializers.CharField(allow_null=True)
    household = serializers.IntegerField(source="household_id", allow_null=True)
    relation_to_head = serializers.CharField()
    name = serializers.CharField()
    id_number = serializers.CharField(source="id_number_masked", help_text="脱敏的身份证号")
    gender = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)
    birthplace_code = serializers.CharField()
    ethnicity = serializers.CharField()
    education = serializers.CharField()
    political_status = serializers.CharField()
    marital_status = serializers.CharField()
    residence_status = serializers.CharField()
    employment_status = serializers.CharField()
    disability_category = serializers.CharField()
    disability_grade = serializers.IntegerField(allow_null=True)
    special_groups = serializers.SerializerMethodField()
    health_insurance = serializers.CharField()
    pension_insurance = serializers.CharField()
    phone = serializers.CharField(source="phone_masked", help_text="脱敏的联系电话")
    address = serializers.CharField()
    status = serializers.CharField()
    extra = serializers.JSONField()
    updated_at = serializers.DateTimeField()

    def get_special_groups(self, person) -> list[str]:
        return [flag for flag, _label in SPECIAL_GROUP_FLAGS if getattr(person, flag)]


class HouseholdSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    org_code = serializers.CharField()
    grid_code = serializers.CharField(allow_null=True)
    number = serializers.CharField()
    address = serializers.CharField()
    head = serializers.IntegerField(source="head_id", allow_null=True)
    # current members only since session 32 (rmend32 #3); the name kept (a public field, one number), the meaning
    # stated here (session 33, emp-product33 #3: docs/employment.md says why)
    member_count = serializers.IntegerField(
        required=False, help_text="在册人数：仅计现有成员（状态为在册），不含已迁出、已故的成员；只在户列表中返回，"
                                  "户详情的 members 列出全部成员（含已迁出、已故）")
    updated_at = serializers.DateTimeField()


class HouseholdDetailSerializer(HouseholdSerializer):
    members = serializers.SerializerMethodField()

    def get_members(self, household) -> list[dict]:
        return [{"id": p.pk, "name": p.name, "relation_to_head": p.relation_to_head,
                 "id_number": p.id_number_masked} for p in selectors.household_members(household)]


class OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    org_code = serializers.CharField()
    grid_code = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    credit_code = serializers.CharField(allow_null=True)
    kind = serializers.CharField()
    industry = serializers.CharField()
    employees = serializers.IntegerField()
    address = serializers.CharField()
    is_active = serializers.BooleanField()
    updated_at = serializers.DateTimeField()


PERSON_PARAMS = [OpenApiParameter("q", str, description="姓名（包含）、完整身份证号或手机号（精确）"),
                 OpenApiParameter("org_code", str, description="单位代码前缀")] + [
    OpenApiParameter(f, str) for f in selectors.PERSON_FILTERS] + [
    OpenApiParameter(f, bool, description="true：只列出具有该标记的人员") for f in selectors.FLAG_FILTERS] + [
    OpenApiParameter("born_after", str, description="YYYY-MM-DD"), OpenApiParameter("born_before", str),
    OpenApiParameter("household", int)]


@extend_schema(responses={200: paginated(PersonSerializer), 503: UNAVAILABLE}, operation_id="v1_registry_persons_list", parameters=PERSON_PARAMS, summary="人员列表（按权限范围，证件号脱敏）")
@api_view(["GET"])
def persons(request):
    params = request.query_params
    filters = {k: params.get(k, "") for k in (*selectors.PERSON_FILTERS, "org_code",
                                              "grid_code", "born_after", "born_before", "household")}
    filters.update({k: "1" if query_bool(request, k) else "" for k in selectors.FLAG_FILTERS})
    household = query_int(request, "household")
    filters["household"] = str(household) if household else ""
    number = services.number_search_take(actor=request.user, q=params.get("q", "")[:50])   # security28 #2
    qs = selectors.person_list(user=request.user, q=params.get("q", "")[:50], filters=filters)
    services.number_search_record(actor=request.user, field=number, found=list(qs.values_list("pk", flat=True)[:5]))
    return paginated_response(request, qs, PersonSerializer)


@extend_schema(responses=PersonSerializer, summary="人员详情（证件号脱敏）")
@api_view(["GET"])
def person_detail(request, pk: int):
    return Response(PersonSerializer(selectors.person_get(user=request.user, pk=pk)).data)


@extend_schema(responses=paginated(HouseholdSerializer), operation_id="v1_registry_households_list", summary="户列表",
               parameters=[OpenApiParameter("q", str), OpenApiParameter("org_code", str)])
@api_view(["GET"])
def households(request):
    params = request.query_params
    qs = selectors.household_list(user=request.user, q=params.get("q", "")[:50], org_code=params.get("org_code", ""))
    return paginated_response(request, qs, HouseholdSerializer)


@extend_schema(responses=HouseholdDetailSerializer, summary="户详情（含成员）")
@api_view(["GET"])
def household_detail(request, pk: int):
    return Response(HouseholdDetailSerializer(selectors.household_get(user=request.user, pk=pk)).data)


@extend_schema(responses=paginated(OrganisationSerializer),
               operation_id="v1_registry_organisations_list", summary="企业和社会组织列表",
               parameters=[OpenApiParameter("q", str), OpenApiParameter("kind", str),
                           OpenApiParameter("org_code", str)])
@api_view(["GET"])
def organisations(request):
    params = request.query_params
    qs = selectors.organisation_list(user=request.user, q=params.get("q", "")[:50], kind=params.get("kind", ""),
                                     org_code=params.get("org_code", ""))
    return paginated_response(request, qs, OrganisationSerializer)


@extend_schema(responses=OrganisationSerializer, summary="单位详情")
@api_view(["GET"])
def organisation_detail(request, pk: int):
    return Response(OrganisationSerializer(selectors.organisation_get(user=request.user, pk=pk)).data)


urlpatterns = [
    path("persons/", persons, name="registry-persons"),
    path("persons/<int:pk>/", person_detail, name="registry-person-detail"),
    path("households/", households, name="registry-households"),
    path("households/<int:pk>/", household_detail, name="registry-household-detail"),
    path("organisations/", organisations, name="registry-organisations"),
    path("organisations/<int:pk>/", organisation_detail, name="registry-organisation-detail"),
]
