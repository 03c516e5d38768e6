"""A twin's image file goes when the image is replaced or removed, once the change is committed:
through the staff's form and the admin alike. Uploads through both are re-encoded."""

import io

import pytest
from django.db import transaction
from PIL import Image

from members.models import City, CityTwin
from tests.factories import SecretaryFactory, UserFactory
from tests.members.test_admin import form_data
from tests.members.test_images import picture
from tests.members.test_my import twin_post, uploaded

pytestmark = pytest.mark.django_db

EDIT = "/my/twins/tornio-haparanda/"


@pytest.fixture
def staff_client(client, network):
    client.force_login(UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio")))
    return client


def twin() -> CityTwin:
    return CityTwin.objects.get(slug="tornio-haparanda")


def stored(media_root) -> set[str]:
    return {str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()}


def staff_upload(client, content: bytes, name="photo.jpg") -> str:
    data = twin_post(twin())
    data["twin-image"] = uploaded(name, content)
    assert client.post(EDIT, data).status_code == 302
    return twin().image.name


def test_a_replaced_image_is_deleted_after_the_change_commits(
    staff_client,
    media_root,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_upload(staff_client, picture("JPEG"))
    assert stored(media_root) == {first}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        second = staff_upload(staff_client, picture("PNG"), name="new.png")
    # Until the change commits the old file stays: a rollback would still name it.
    assert stored(media_root) == {first, second}
    for callback in callbacks:
        callback()
    assert stored(media_root) == {second}


def test_a_rolled_back_replacement_keeps_the_old_file(
    staff_client,
    media_root,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_upload(staff_client, picture("JPEG"))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        current = twin()
        current.image = ""
        current.save(update_fields=["image"])
        transaction.set_rollback(True)
    assert twin().image.name == first
    assert first in stored(media_root)


def test_the_secretary_uploads_a_clean_image_and_removing_it_deletes_the_file(
    client,
    network,
    media_root,
    django_capture_on_commit_callbacks,
):
    client.force_login(SecretaryFactory(email="secretary@imatra.fi", is_superuser=True))
    url = f"/admin/members/citytwin/{twin().pk}/change/"
    data = form_data(client.get(url))
    data["image"] = uploaded("town hall.jpg", picture("JPEG", comment=b"the mayor's number"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    name = twin().image.name
    assert stored(media_root) == {name}
    content = (media_root / name).read_bytes()
    assert b"mayor" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert "comment" not in image.info

    data = form_data(client.get(url))
    data.pop("image", None)
    data["image-clear"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert not twin().image
    assert stored(media_root) == set()


def test_a_deleted_twin_takes_its_image_along(
    staff_client,
    media_root,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_upload(staff_client, picture("JPEG"))
    with django_capture_on_commit_callbacks(execute=True):
        current = twin()
        current.cities.all().delete()
        current.delete()
    assert stored(media_root) == set()
