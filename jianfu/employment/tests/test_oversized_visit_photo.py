"""The visit form refuses an oversized photo with clean_photo's message, reading nothing past the limit for the form's
content key (mend19b #2: `formtokens.upload_digest`; the whole file was hashed first)."""

from __future__ import annotations

import pytest

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError
from jianfu.core.testing.uploads import Guarded
from jianfu.dispatch.photos import MAX_PHOTO_BYTES
from jianfu.employment import visits
from jianfu.employment.models import Visit, VisitTask
from jianfu.employment.tests.factories import key_person_in


@pytest.mark.django_db
@pytest.mark.parametrize(("declared", "message"), [(True, "照片大小为 200.0 MB，超过 10 MB 的上限。"),
                                                  (False, "照片大小超过 10 MB 的上限。")])
def test_the_visit_form_refuses_an_oversized_photo_unread(world, declared, message):
    kp = key_person_in()
    tasks = list(VisitTask.objects.values_list("pk", "status"))
    huge = Guarded(b"\x89PNG" + b"0" * (MAX_PHOTO_BYTES + 10), allowed=0 if declared else MAX_PHOTO_BYTES + 1,
                   size=200 * 2**20 if declared else None)
    with pytest.raises(ApplicationError) as exc:
        visits.visit_record_from_form(form_token=formtokens.token_new(), key_person=kp, actor=world.users["grid_a"],
                                      outcome="met", photo=huge)
    assert (exc.value.field, exc.value.message) == ("photos", message)
    assert Visit.objects.count() == 0
    assert list(VisitTask.objects.values_list("pk", "status")) == tasks


@pytest.mark.django_db
def test_the_visit_forms_only_photo_is_named_without_a_number(world):
    """newuser23: a fake .jpg on the single-photo visit form said "第 1 张照片…"; its one photo is "照片"."""
    kp = key_person_in()
    with pytest.raises(ApplicationError) as exc:
        visits.visit_record_from_form(form_token=formtokens.token_new(), key_person=kp, actor=world.users["grid_a"],
                                      outcome="met", photo=b"not an image at all")
    assert (exc.value.field, exc.value.message) == ("photos", "照片不是有效的图片文件（支持 JPEG、PNG、WebP）。")
    assert Visit.objects.count() == 0
