"""security23 F6 (LOW): an event's photos and thumbnails were written inside the report's (or 办结's) transaction, and
a rollback after the write left them on disk, referenced by nothing. Files written for a transaction that does not
commit are deleted now (`jianfu.core.storedfiles`), for the services' own failures and for an API create undone
after it finished (its claim taken over by a retry)."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from jianfu.core import formtokens, storedfiles, thumbnails
from jianfu.core.errors import ConflictError
from jianfu.core.models import ApiRepeat
from jianfu.dispatch import services
from jianfu.dispatch.models import Event, EventPhoto
from jianfu.dispatch.tests.factories import event_in, snapshot

pytestmark = pytest.mark.django_db
GRID = "450521200206001"
TEXT = "路边电线杆倾斜，存在安全隐患"


def jpeg(colour=(200, 30, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(out, format="JPEG")
    return SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")


def photo_files() -> list[str]:
    """Every file under the event photos' folder (the test's own media root)."""
    root = default_storage.path("dispatch/photos")
    return sorted(name for _root, _dirs, names in os.walk(root) for name in names)


def report(world, *colours):
    return services.event_report(
        actor=world.users["grid_a"],
        text=TEXT,
        org_code=GRID,
        source="grid",
        photos=[jpeg(c) for c in colours],
    )


def test_a_report_that_fails_after_its_photos_were_written_leaves_no_file(world, catalogue, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("timeline down")

    monkeypatch.setattr(services, "_timeline_entry", broken)
    # the report's block takes no savepoint of its own (Open311 nests it): the caller's transaction is the one undone
    with pytest.raises(RuntimeError, match="timeline down"), transaction.atomic():
        report(world, (200, 30, 30), (30, 30, 200))
    assert (Event.objects.count(), EventPhoto.objects.count(), photo_files()) == (0, 0, [])


def test_a_filed_report_keeps_exactly_its_photos_and_thumbnails(world, catalogue):
    event = report(world, (200, 30, 30), (30, 30, 200))
    names = [p.image.name for p in EventPhoto.objects.filter(event=event).order_by("id")]
    assert photo_files() == sorted(
        os.path.basename(n) for name in names for n in (name, thumbnails.thumbnail_name(name))
    )


def test_a_resolution_that_fails_after_its_photos_were_written_leaves_no_file(world, catalogue, monkeypatch):
    event = event_in(world, status="in_progress")  # addressed to the 林业局
    before = (snapshot(event), photo_files())

    def broken(*args, **kwargs):
        raise RuntimeError("notify down")

    monkeypatch.setattr(services, "_on_commit_notify", broken)
    with pytest.raises(RuntimeError, match="notify down"):
        services.event_resolve(
            actor=world.users["dept_forestry"],
            event=event.pk,
            resolution="已现场处置完毕",
            photos=[jpeg((30, 200, 30))],
        )
    assert (snapshot(event), photo_files()) == before == (before[0], [])
    assert EventPhoto.objects.filter(stage=EventPhoto.Stage.RESOLVE).count() == 0


def test_an_api_create_undone_after_it_wrote_its_photos_deletes_them(world, catalogue):
    """`formtokens.api_once` undoes a finished create whose claim a retry took over (security19 #4): the photos the
    report wrote go with its rows."""

    def create() -> formtokens.Answer:
        event = report(world, (200, 30, 30))
        assert len(photo_files()) == 2  # written: the photo and its thumbnail
        ApiRepeat.objects.all().delete()  # a retry took the claim over meanwhile
        return formtokens.Answer(201, {"id": event.pk}, {}, "dispatch.event", str(event.pk))

    with pytest.raises(ConflictError):
        formtokens.api_once(
            sender="u1", endpoint="/api/v1/events/", content="c" * 64, idempotency_key=None, create=create
        )
    assert (Event.objects.count(), EventPhoto.objects.count(), photo_files()) == (0, 0, [])


def test_blocks_nest_and_a_caught_inner_failure_is_not_deleted_twice(tmp_path):
    """An inner block's failure deletes its files at once; an outer block that then fails does not delete a later
    file that took the same name; files of a block that ends well are kept."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(KeyError), storedfiles.undone_on_error():
        with pytest.raises(ValueError), storedfiles.undone_on_error():
            storedfiles.written(storage, storage.save("a.jpg", ContentFile(b"first")))
            raise ValueError
        assert not storage.exists("a.jpg")
        # not written in this block: never deleted by it
        storage.save("a.jpg", ContentFile(b"someone else's"))
        with storedfiles.undone_on_error():
            storedfiles.written(
                storage, storage.save("b.jpg", ContentFile(b"its block ended well, the outer one fails"))
            )
        raise KeyError
    assert sorted(os.listdir(tmp_path)) == ["a.jpg"]
    with storedfiles.undone_on_error():
        storedfiles.written(storage, storage.save("c.jpg", ContentFile(b"committed")))
    assert sorted(os.listdir(tmp_path)) == ["a.jpg", "c.jpg"]
