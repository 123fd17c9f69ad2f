"""verify16 #3: the profile's stale-save message showed codes ("学历：“—”改为“junior”") and listed the changes of a
save made before the form was opened (the demo load's): it names values by their labels and lists only what was
saved after the form's version (fix-back16)."""

from __future__ import annotations

import pytest

from jianfu.accounts.models import User
from jianfu.core.models import AuditRecord
from jianfu.employment import services
from jianfu.employment.models import SeekerProfile
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db


def _form(response) -> dict:
    form = response.context["form"]
    data = {name: form.initial.get(name) for name in form.fields}
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def test_the_stale_message_names_labels_and_only_the_changes_after_the_form(world):
    kp = key_person_in(profile={"desired_text": "想进厂"})
    # the demo load's save, before either form is opened
    services.profile_save(actor=User.objects.get(username="grid_a"), key_person=kp, keep_absent=True,
                          data={"education": "primary", "places": ["county"], "limits": ["childcare"]})
    url = f"/employment/people/{kp.pk}/profile/"
    tab1, tab2 = world.client("village_a"), world.client("village_a")
    form1, form2 = _form(tab1.get(url)), _form(tab2.get(url))
    assert form1["version"] and form1 == form2
    saved = tab1.post(url, {**form1, "education": "junior", "places": ["town"], "limits": ["day_only"]})
    assert saved.status_code == 302
    before = (list(SeekerProfile.objects.values_list("education", "places", "limits", "limits_note")),
              AuditRecord.objects.count())

    refused = tab2.post(url, {**form2, "limits_note": "不能上夜班"})
    assert refused.status_code == 400
    [message] = refused.context["form"].non_field_errors()
    lines = message.split("您保存过的修改：")[1].split("。")[0].split("；")
    assert [line.split("（")[0] for line in lines] == [
        "学历：“小学”改为“初中”", "可接受工作地点：“县内”改为“本镇”", "限制条件：“需接送孩子”改为“只能上白班”"]
    assert all("（village_a，" in line for line in lines)   # not grid_a's earlier save
    assert (list(SeekerProfile.objects.values_list("education", "places", "limits", "limits_note")),
            AuditRecord.objects.count()) == before
    assert before[0] == [("junior", ["town"], ["day_only"], "")]
