"""newuser23 #1: a report form that comes back with an error keeps the photos that passed their checks ("已保留 N 张照片"),
for the browser session that sent them only, for an hour; the corrected post attaches them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from jianfu.dispatch import heldphotos
from jianfu.dispatch.models import Event, EventPhoto, HeldPhoto
from jianfu.dispatch.tests.heldforms import grid_post as _grid_post
from jianfu.dispatch.tests.heldforms import held_token as _held_token
from jianfu.dispatch.tests.heldforms import jpeg as _jpeg
from jianfu.dispatch.tests.heldforms import public_post as _public_post

pytestmark = pytest.mark.django_db
NOT_IMAGE_2 = "第 2 张照片不是有效的图片文件（支持 JPEG、PNG、WebP）。"


def _files() -> list[str]:
    return sorted(h.image.name for h in HeldPhoto.objects.all())


def test_a_blank_description_keeps_both_photos_and_the_corrected_post_attaches_them(world, catalogue):
    client = world.client("grid_a")
    refused = _grid_post(client, text="   ", photos=[_jpeg("a.jpg"), _jpeg("b.jpg", shade=30)])
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "请填写事件描述" in page
    assert "已保留 2 张照片" in page
    assert "还可再添加 4 张" in page
    assert page.count('name="held_drop"') == 2
    assert (Event.objects.count(), EventPhoto.objects.count(), HeldPhoto.objects.count()) == (0, 0, 2)
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["a.jpg", "b.jpg"]
    names = _files()
    assert all(default_storage.exists(n) for n in names)
    for row in HeldPhoto.objects.all():  # the page's previews: this session's
        thumb = client.get(f"/dispatch/held/{row.pk}/thumb/")
        assert (thumb.status_code, thumb["Content-Type"]) == (200, "image/jpeg")

    filed = _grid_post(client, held=_held_token(page))
    assert filed.status_code == 302
    event = Event.objects.get()
    assert event.photos.count() == 2
    assert sorted((p.width, p.height) for p in event.photos.all()) == [(64, 48), (64, 48)]
    assert HeldPhoto.objects.count() == 0  # let go, files and all
    assert not any(default_storage.exists(n) for n in names)


def test_more_photos_can_be_added_and_a_held_one_removed(world, catalogue):
    client = world.client("grid_a")
    page = _grid_post(client, text="", photos=[_jpeg("a.jpg"), _jpeg("b.jpg")]).content.decode()
    token = _held_token(page)
    first = HeldPhoto.objects.get(name="a.jpg")
    again = _grid_post(
        client, text="", photos=[_jpeg("c.jpg")], held=token, drop=[str(first.pk)]
    ).content.decode()
    assert "已保留 2 张照片" in again and _held_token(again) == token
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["b.jpg", "c.jpg"]
    assert _grid_post(client, held=token).status_code == 302
    assert Event.objects.get().photos.count() == 2


def test_a_bad_photo_is_named_and_the_others_kept(world, catalogue):
    client = world.client("grid_a")
    bad = SimpleUploadedFile("fake.jpg", b"<script>not an image</script>", "image/jpeg")
    response = _grid_post(client, photos=[_jpeg("a.jpg"), bad, _jpeg("c.jpg")])
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count(NOT_IMAGE_2) == 1  # the refusal, said once
    assert "已保留 2 张照片" in page
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["a.jpg", "c.jpg"]
    assert Event.objects.count() == 0


def test_another_session_can_neither_see_nor_attach_the_held_photos(world, catalogue):
    owner = world.client("grid_a")
    token = _held_token(_grid_post(owner, text="", photos=[_jpeg("a.jpg")]).content.decode())
    row = HeldPhoto.objects.get()
    for other in (world.client("grid_a"), world.client("admin"), world.client(None)):  # another session
        assert other.get(f"/dispatch/held/{row.pk}/thumb/").status_code == 404
    thief = world.client("grid_a")  # the same account in another browser, with the page's hidden holding
    assert _grid_post(thief, held=token).status_code == 302
    assert (Event.objects.count(), EventPhoto.objects.count()) == (1, 0)
    assert list(HeldPhoto.objects.values_list("pk", flat=True)) == [row.pk]  # still the owner's, untouched
    assert owner.get(f"/dispatch/held/{row.pk}/thumb/").status_code == 200


def test_held_photos_expire_and_the_sweep_deletes_them_with_their_files(world, catalogue):
    client = world.client("grid_a")
    token = _held_token(_grid_post(client, text="", photos=[_jpeg("a.jpg")]).content.decode())
    row = HeldPhoto.objects.get()
    assert (
        row.expires_at - row.created_at
        == dt.timedelta(seconds=heldphotos.HOLD_SECONDS)
        == dt.timedelta(hours=1)
    )
    assert client.get(f"/dispatch/held/{row.pk}/thumb/").status_code == 200
    name = row.image.name
    HeldPhoto.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert (
        client.get(f"/dispatch/held/{row.pk}/thumb/").status_code == 404
    )  # past its time: gone for its owner too
    assert _grid_post(client, held=token).status_code == 302
    assert Event.objects.get().photos.count() == 0  # an expired photo is not attached
    assert heldphotos.sweep() == 1
    assert (HeldPhoto.objects.count(), default_storage.exists(name)) == (0, False)
    assert heldphotos.sweep() == 0


def test_the_sweep_keeps_what_is_still_in_time(world, catalogue):
    _grid_post(world.client("grid_a"), text="", photos=[_jpeg("a.jpg")])
    assert heldphotos.sweep(now=timezone.now() + dt.timedelta(minutes=59)) == 0
    assert heldphotos.sweep(now=timezone.now() + dt.timedelta(minutes=61)) == 1
    assert HeldPhoto.objects.count() == 0


def test_the_citizens_form_keeps_the_photo_past_a_bad_phone(world, catalogue, public_hour):
    cache.clear()
    client = world.client(None)
    refused = _public_post(client, contact="12345", photos=[_jpeg("IMG_1.jpg")])
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "不是可以联系到的号码" in page and "已保留 1 张照片" in page and 'value="李四"' in page
    row = HeldPhoto.objects.get()
    assert row.sender != "" and row.owner != ""
    assert Client(REMOTE_ADDR="127.0.0.9").get(f"/dispatch/held/{row.pk}/thumb/").status_code == 404
    assert client.get(f"/dispatch/held/{row.pk}/thumb/").status_code == 200
    filed = _public_post(client, contact="13800138000", held=_held_token(page))
    assert filed.status_code == 302
    assert Event.objects.get().photos.count() == 1 and HeldPhoto.objects.count() == 0


def test_what_an_address_may_hold_is_capped(world, catalogue, public_hour, monkeypatch):
    cache.clear()
    photo = _jpeg("a.jpg")
    monkeypatch.setattr(heldphotos, "MAX_HELD_BYTES", int(photo.size * 2.5))
    first = world.client(None)
    _public_post(first, contact="12345", photos=[_jpeg("a.jpg"), _jpeg("b.jpg")])
    # another session from the same address: the address's holding is full
    page = _public_post(world.client(None), contact="12345", photos=[_jpeg("c.jpg")]).content.decode()
    assert "第 1 张照片没有保留：暂存的照片已达上限，请提交后再添加。" in page
    assert "已保留" not in page
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["a.jpg", "b.jpg"]


def test_no_more_than_the_forms_photos_are_held(world, catalogue):
    client = world.client("grid_a")
    page = _grid_post(client, text="", photos=[_jpeg(f"{k}.jpg") for k in range(7)]).content.decode()
    assert "已保留 6 张照片" in page and "还可再添加 0 张" in page
    assert "第 7 张照片没有保留：每次最多上传 6 张照片。" in page
    assert HeldPhoto.objects.count() == 6


def test_a_post_without_a_holding_holds_nothing_it_was_not_sent(world, catalogue):
    client = world.client("grid_a")
    response = _grid_post(client, text="")
    assert response.status_code == 400
    assert "已保留" not in response.content.decode()
    assert HeldPhoto.objects.count() == 0
