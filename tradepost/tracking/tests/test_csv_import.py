"""CSV import of tracking events (console page and management command): all or nothing per
file, each problem named by its row number, repeats skipped, delivered moves the order."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tradepost.orders.models import Order
from tradepost.tracking.models import TrackingEvent
from tradepost.tracking.testing import s10

PAGE = "/en/console/tracking/import/"
HEADER = "carrier,tracking_number,event_id,occurred_at,status,location,description\n"


def csv_of(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def line(number: str, event_id: str, at: dt.datetime, status: str, where="Madrid") -> str:
    return f"china-post,{number},{event_id},{at.isoformat()},{status},{where},Scanned"


def upload(client, data: bytes):
    return client.post(PAGE, {"file": SimpleUploadedFile("events.csv", data, "text/csv")})


def test_staff_import_a_file_and_a_delivered_row_moves_the_order(staff_client, ship, clock):
    one, two = ship(1), ship(2)
    at = clock.now() - dt.timedelta(minutes=30)
    data = csv_of(
        line(s10(1), "a", at, "in_transit"),
        line(s10(2), "b", at, "delivered"),
        line(s10(2), "b", at, "delivered"),  # a repeat in the file
    )

    response = upload(staff_client, data)

    assert response.status_code == 302
    page = staff_client.get(PAGE).content.decode()
    assert "Stored 2 events (1 repeats skipped); 1 orders delivered." in page
    assert TrackingEvent.objects.filter(source="csv").count() == 2
    statuses = dict(Order.objects.filter(pk__in=[one.pk, two.pk]).values_list("pk", "status"))
    assert statuses == {one.pk: "shipped", two.pk: "delivered"}


def test_malformed_rows_are_listed_by_row_number_and_nothing_is_applied(
    staff_client, shipped, clock
):
    at = clock.now()
    data = csv_of(
        line(s10(1), "a", at, "delivered"),
        line(s10(1), "b", at, "teleported"),
        "china-post,only,three",
        line(s10(1), "", at, "in_transit"),
        f"china-post,{s10(1)},c,yesterday,in_transit,Madrid,x",
    )

    response = upload(staff_client, data)

    assert response.status_code == 422
    problems = [(p.place, p.field) for p in response.context["refused"].context["problems"]]
    assert problems == [
        ("row 3", "status"), ("row 4", "row"), ("row 5", "event_id"), ("row 6", "occurred_at")
    ]  # fmt: skip
    assert "Nothing was imported" in response.content.decode()
    assert not TrackingEvent.objects.exists()
    assert Order.objects.get(pk=shipped.pk).status == "shipped"


def test_an_unknown_tracking_number_refuses_the_file(staff_client, shipped, clock):
    data = csv_of(
        line(s10(1), "a", clock.now(), "delivered"), line(s10(77), "b", clock.now(), "delivered")
    )

    response = upload(staff_client, data)

    assert response.status_code == 422
    refused = response.context["refused"]
    assert refused.code == "unknown_tracking_number"
    assert [(p.place, p.field) for p in refused.context["problems"]] == [
        ("row 3", "tracking_number")
    ]
    assert not TrackingEvent.objects.exists()
    assert Order.objects.get(pk=shipped.pk).status == "shipped"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\n", "Missing columns"),
        (b"carrier,tracking_number\ndhl,123", "Missing columns: event_id, occurred_at, status"),
        (HEADER.encode(), "The file has no events."),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_unreadable_files_are_refused(staff_client, shipped, data, text):
    response = upload(staff_client, data)
    assert response.status_code == 422
    assert text in response.content.decode()
    assert not TrackingEvent.objects.exists()


def test_the_page_is_for_staff_only(client, make_user, shipped, clock):
    data = csv_of(line(s10(1), "a", clock.now(), "delivered"))
    anonymous = upload(client, data)
    client.force_login(make_user("someone@example.com"))
    buyer = upload(client, data)

    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert buyer.status_code == 404
    assert not TrackingEvent.objects.exists()


def test_the_command_imports_a_file(tmp_path, shipped, clock):
    path = tmp_path / "events.csv"
    path.write_bytes(csv_of(line(s10(1), "a", clock.now(), "delivered")))
    out = io.StringIO()

    call_command("import_tracking", str(path), stdout=out)

    assert "Stored 1 events (0 repeats skipped); 1 orders delivered." in out.getvalue()
    assert Order.objects.get(pk=shipped.pk).status == "delivered"


def test_the_command_prints_each_bad_row_and_stores_nothing(tmp_path, shipped, clock):
    path = tmp_path / "events.csv"
    path.write_bytes(csv_of(line(s10(1), "a", clock.now(), "delivered"), "x,y"))
    err = io.StringIO()

    with pytest.raises(CommandError, match="invalid_tracking_events"):
        call_command("import_tracking", str(path), stderr=err)

    assert "row 3: row: 2 cells where the header has 7." in err.getvalue()
    assert not TrackingEvent.objects.exists()
