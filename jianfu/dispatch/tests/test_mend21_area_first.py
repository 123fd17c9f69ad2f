"""mend21 #2: a reporter posting a report with photos for a place outside his area is refused before any photo is
decoded — the events API's `before` (`_report_first`) decoded and re-encoded every photo (up to 1.8 s CPU for six)
and only then, in the report, checked the area; routing ahead was already gated (cr20b #3). The web form checks the
area in `event_report`, before `clean_photos`: pinned here too."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core import formtokens
from jianfu.core.models import ApiRepeat, AuditRecord
from jianfu.dispatch import photos
from jianfu.dispatch.models import Event, EventPhoto

pytestmark = pytest.mark.django_db
EVENTS = "/api/v1/dispatch/events/"
TEXT = "河道有人倾倒建筑垃圾，请尽快处理"
QUMU = "450521200206001"


def _jpeg(name: str = "p.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 20, 20)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def decoded(monkeypatch):
    """Each photo the server went to decode (`photos._clean`); it fails the request when `refuse` is set."""
    calls: list[int] = []
    clean = photos._clean

    def recorded(upload, index):
        calls.append(index)
        if decoded_state["refuse"]:
            raise AssertionError("a photo was decoded for a report outside the reporter's area")
        return clean(upload, index)

    decoded_state = {"refuse": True}
    monkeypatch.setattr(photos, "_clean", recorded)
    return calls, decoded_state


def _state() -> tuple[int, int, int, int]:
    return (Event.objects.count(), EventPhoto.objects.count(), ApiRepeat.objects.count(),
            AuditRecord.objects.filter(action__startswith="dispatch.event.").count())


def test_an_api_report_for_a_forged_area_is_refused_before_its_photos_are_decoded(world, catalogue, decoded):
    calls, _ = decoded
    response = world.api_client("grid_a").post(
        EVENTS, {"text": TEXT, "org_code": world.village_b.code, "photos": [_jpeg(), _jpeg("q.jpg")]},
        format="multipart", HTTP_IDEMPOTENCY_KEY="f" * 40)
    assert (response.status_code, response.json()) == (403, {"error": {
        "code": "out_of_scope", "message": "您只能上报本辖区内的事件。", "fields": {"org_code": ["您只能上报本辖区内的事件。"]}}})
    assert calls == []
    assert _state() == (0, 0, 0, 0)


def test_an_api_report_in_the_area_still_has_its_photos_cleaned_once_ahead(world, catalogue, decoded):
    calls, state = decoded
    state["refuse"] = False
    response = world.api_client("grid_a").post(EVENTS, {"text": TEXT, "org_code": QUMU, "photos": [_jpeg()]},
                                               format="multipart")
    assert response.status_code == 201, response.content
    assert (calls, _state()[:2]) == ([1], (1, 1))


def test_the_web_form_for_a_forged_area_is_refused_before_its_photos_are_decoded(world, catalogue, decoded):
    calls, _ = decoded
    response = world.client("grid_a").post("/dispatch/report/", {
        "form_token": formtokens.token_new(), "text": TEXT, "org_code": world.village_b.code, "photos": [_jpeg()]})
    assert response.status_code == 403
    assert calls == []
    assert _state() == (0, 0, 0, 0)


def test_a_resolve_by_a_department_the_event_is_not_addressed_to_decodes_no_photo(world, catalogue, decoded):
    """The same order for 办结: its photos were cleaned before the department check (under the row lock)."""
    from jianfu.core.errors import ApplicationError
    from jianfu.dispatch import services
    from jianfu.dispatch.tests.factories import event_in, snapshot

    calls, _ = decoded
    event = event_in(world, status="in_progress")        # addressed to the 林业局
    before = (snapshot(event), _state())
    with pytest.raises(ApplicationError) as refused:
        services.event_resolve(actor=world.users["dept_housing"], event=event, resolution="已现场处理完毕",
                               photos=[_jpeg()])
    assert refused.value.status_code in (403, 404)
    assert calls == []
    assert (snapshot(event), _state()) == before
