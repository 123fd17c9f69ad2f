"""fixcr34b #3: a title typed with a web page's tag is refused (badinput33 #3), but a title taken from the file's name
or the document's first line skipped that check: '<img src=x onerror=alert(1)>.txt' was stored as Document.title. A
derived title is held to the typed title's rule — refused with the same message, nothing stored — and a title typed
beside it is what is stored."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.review import services
from jianfu.review.models import Document, Review

pytestmark = pytest.mark.django_db
ONE_LINE = "各乡镇每日17时前报送工作进展，实行一票否决。".encode()
NAME = "<img src=x onerror=alert(1)>.txt"
FIRST_LINE = "<b>关于开展专项检查的通知</b>\n一、工作要求\n（一）各乡镇每日17时前报送工作进展，实行一票否决。"


def _state():
    return (Document.objects.count(), Review.objects.count(), AuditRecord.objects.count())


def test_the_file_name_holds_no_markup_and_is_what_was_taken():
    assert services._filename_title(NAME) == "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("upload", [{"data": ONE_LINE, "filename": NAME}, {"text": FIRST_LINE}])
def test_a_derived_title_with_markup_is_refused_and_nothing_is_stored(world, upload):
    before = _state()
    with pytest.raises(ApplicationError) as caught:
        services.review_submit(actor=world.users["dept_housing"], **upload)
    assert (caught.value.message, caught.value.code, caught.value.field) == (
        "标题含有网页代码（<…>），请只填写文字。", "markup", "title")
    assert _state() == before


def test_the_web_form_says_so_beside_the_title(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = _state()
    response = world.client("dept_housing").post("/review/submit/", {
        "file": SimpleUploadedFile(NAME, ONE_LINE), "form_token": token_new()})
    assert response.status_code == 400
    assert response.context["error"].message == "标题含有网页代码（<…>），请只填写文字。"
    assert _state() == before


def test_a_typed_title_beside_it_is_stored(world):
    review = services.review_submit(actor=world.users["dept_housing"], data=ONE_LINE, filename=NAME,
                                    title="专项检查通知")
    assert Document.objects.get(pk=review.version.document_id).title == "专项检查通知"
