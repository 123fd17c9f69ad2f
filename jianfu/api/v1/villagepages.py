"""/api/v1/villages/ — 村（社区）公开页.

Public (no authentication):
GET  public/                       townships with their villages and whether each has a public list
GET  public/<code>/                one village: its approved 《服务群众事项清单》 and its plaques

Upkeep (the village edits, the township approves; scoped):
GET  lists/                        villages the account maintains or approves, with their versions
POST lists/<code>/draft/           the village's editable version (created from the public one if none)
PUT  drafts/<pk>/                  replace header and items: {office_address, office_hours, office_phone, note,
                                   items: [{name, place, hours, materials, time_limit, basis}]} — a full replacement:
                                   a header field left out is saved empty (an item's basis left out keeps the
                                   same-named item's, fixcr33c); every item value is a string (or
                                   null for empty), anything else is refused naming items[n].field (B10), n
                                   1-based ("第 n 项"), header fields by their Chinese labels (fix-left16)
POST drafts/<pk>/<action>/         submit | withdraw | approve (note) | return (note)
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from jianfu.api.body import body_fields, body_text
from jianfu.api.errors import serializer_labels
from jianfu.core.errors import NotFoundError
from jianfu.villagepages import selectors, services


class VillageServiceItemSerializer(serializers.Serializer):
    position = serializers.IntegerField(read_only=True)
    name = serializers.CharField()
    place = serializers.CharField(allow_blank=True, required=False)
    hours = serializers.CharField(allow_blank=True, required=False)
    materials = serializers.CharField(allow_blank=True, required=False)
    time_limit = serializers.CharField(allow_blank=True, required=False)
    basis = serializers.CharField(allow_blank=True, required=False)   # what a certificate rests on (newuser33 #2)


class VillageServiceListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    org_code = serializers.CharField()
    number = serializers.IntegerField()
    status = serializers.CharField()
    office_address = serializers.CharField()
    office_hours = serializers.CharField()
    office_phone = serializers.CharField()
    note = serializers.CharField()
    review_note = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    items = VillageServiceItemSerializer(many=True, source="items.all")


class VillagePublicListSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    office_address = serializers.CharField()
    office_hours = serializers.CharField()
    office_phone = serializers.CharField()
    note = serializers.CharField()
    approved_on = serializers.SerializerMethodField()
    items = VillageServiceItemSerializer(many=True, source="items.all")

    def get_approved_on(self, obj) -> str | None:
        return timezone.localdate(obj.decided_at).isoformat() if obj.decided_at else None  # Beijing, as the page


PUBLIC_TOWN = inline_serializer("VillagePublicTown", {
    "town_code": serializers.CharField(), "town": serializers.CharField(),
    "villages": serializers.ListField(child=inline_serializer("VillagePublicEntry", {
        "code": serializers.CharField(), "name": serializers.CharField(), "has_list": serializers.BooleanField()}))})


@extend_schema(responses={200: serializers.ListSerializer(child=PUBLIC_TOWN)}, summary="按乡镇列出村（社区）公开页",
               operation_id="villages_public_index")
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def public_index(request):
    return Response([{"town_code": t.town.code, "town": t.town.name,
                      "villages": [{"code": v.code, "name": v.name, "has_list": has} for v, has in t.villages]}
                     for t in selectors.public_index()])


@extend_schema(responses={200: dict}, summary="村（社区）公开页：服务群众事项清单和挂牌情况", operation_id="villages_public_page")
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def public_page(request, code: str):
    page = selectors.public_page(village_code=code)
    return Response({
        "code": page.village.code, "name": page.village.name,
        "township": page.township.name if page.township else "",
        "service_list": VillagePublicListSerializer(page.service_list).data if page.service_list else None,
        "plaques": page.plaques,
    })


MANAGED_VILLAGE = inline_serializer("VillageManaged", {
    "code": serializers.CharField(), "name": serializers.CharField(),
    "public": serializers.IntegerField(allow_null=True, help_text="公开版本的 id，没有则为 null"),
    "open": inline_serializer("VillageOpenList", {"id": serializers.IntegerField(), "status": serializers.CharField()},
                              allow_null=True, help_text="在办版本（草稿、已提交或已退回），没有则为 null")})


@extend_schema(responses={200: serializers.ListSerializer(child=MANAGED_VILLAGE)}, summary="我维护或审核的村（社区）")
@api_view(["GET"])
def lists(request):
    rows = selectors.manageable_villages(user=request.user)
    return Response([{"code": r["village"].code, "name": r["village"].name,
                      "public": r["public"].pk if r["public"] else None,
                      "open": {"id": r["open"].pk, "status": r["open"].status} if r["open"] else None} for r in rows])


@extend_schema(request=None, responses=VillageServiceListSerializer, summary="村（社区）的在办版本（没有则从公开版复制）")
@api_view(["POST"])
def draft(request, code: str):
    return Response(VillageServiceListSerializer(services.list_open_or_create(actor=request.user, village_code=code)).data)


class VillageDraftSerializer(serializers.Serializer):
    office_address = serializers.CharField(label=gettext_lazy("办公地点"), allow_blank=True, required=False, default="")
    office_hours = serializers.CharField(label=gettext_lazy("办公时间"), allow_blank=True, required=False, default="")
    office_phone = serializers.CharField(label=gettext_lazy("办公电话"), allow_blank=True, required=False, default="")
    note = serializers.CharField(label=gettext_lazy("说明"), allow_blank=True, required=False, default="")
    items = serializers.ListField(label=gettext_lazy("服务事项"), child=serializers.DictField(),
                                  max_length=services.MAX_ITEMS * 2)


def _draft_problems(errors: dict) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The serializer's errors as the API's other serializers give them (`jianfu.api.errors.validated`): every field
    named by its Chinese label; an item of `items` that is not an object by its 1-based row, "第 2 项", as the
    service names an item's bad parts ("第 2 项：服务事项应为文字…"), never by its 0-based index."""
    fields: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for name, problems in errors.items():
        if isinstance(problems, dict):      # {index: [...]}: items that are not objects
            for index, reasons in problems.items():
                key = f"{name}[{int(index) + 1}]"
                fields[key] = [str(r) for r in reasons]
                labels[key] = _("第 %(n)d 项") % {"n": int(index) + 1}
        else:
            fields[name] = [str(r) for r in problems]
    return fields, labels


@extend_schema(request=VillageDraftSerializer, responses=VillageServiceListSerializer, summary="修改在办版本（整体替换）")
@api_view(["GET", "PUT"])
def draft_detail(request, pk: int):
    service_list = selectors.list_get(user=request.user, pk=pk)
    if request.method == "GET":
        return Response(VillageServiceListSerializer(service_list).data)
    serializer = VillageDraftSerializer(data=request.data)
    if not serializer.is_valid():
        fields, labels = _draft_problems(serializer.errors)
        refused = exceptions.ValidationError(fields)
        refused.labels = {**serializer_labels(serializer), **labels}   # type: ignore[attr-defined]
        raise refused
    data = serializer.validated_data
    service_list = services.list_update(actor=request.user, service_list=service_list,
                                        header={k: data[k] for k in services.HEADER_FIELDS}, items=data["items"])
    return Response(VillageServiceListSerializer(service_list).data)


DRAFT_ACTIONS = ["submit", "withdraw", "approve", "return"]


@extend_schema(request=inline_serializer("VillageDraftAction", {"note": serializers.CharField(
    required=False, allow_blank=True, max_length=500, help_text="approve：审核意见（可空）；return：退回原因（必填）；"
                                                                "submit、withdraw 不读")}),
    responses=VillageServiceListSerializer, summary="提交、撤回、审核通过或退回",
    parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=DRAFT_ACTIONS)])
@api_view(["POST"])
def draft_act(request, pk: int, action: str):
    service_list = selectors.list_get(user=request.user, pk=pk)
    note = body_text(body_fields(request), "note")
    handlers = {
        "submit": lambda: services.list_submit(actor=request.user, service_list=service_list),
        "withdraw": lambda: services.list_withdraw(actor=request.user, service_list=service_list),
        "approve": lambda: services.list_approve(actor=request.user, service_list=service_list, note=note),
        "return": lambda: services.list_return(actor=request.user, service_list=service_list, note=note),
    }
    if action not in handlers:
        raise NotFoundError("未知的操作。")
    handlers[action]()
    service_list.refresh_from_db()
    return Response(VillageServiceListSerializer(service_list).data)


urlpatterns = [
    path("public/", public_index, name="villages-public-index"),
    path("public/<str:code>/", public_page, name="villages-public-page"),
    path("lists/", lists, name="villages-lists"),
    path("lists/<str:code>/draft/", draft, name="villages-draft"),
    path("drafts/<int:pk>/", draft_detail, name="villages-draft-detail"),
    path("drafts/<int:pk>/<str:action>/", draft_act, name="villages-draft-act"),
]
