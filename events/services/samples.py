"""Sample events for trying the portal (`load_network --demo`), built from the association's
record and marked "Sample" wherever they appear: one past general assembly with its minutes,
decisions and action items, one upcoming public joint meeting in Narva, one upcoming board
meeting for members only. A second run adds nothing."""

import datetime
import zoneinfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from events.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DocumentKind,
    Event,
    EventAudience,
    EventDocument,
    EventKind,
)
from members.models import City, Sector, User

MINUTES = [
    "Sample minutes of the general assembly of the City Twins Association.",
    "1. The assembly opened at 10:00 in Imatra; every member twin was represented.",
    "2. The annual report and the accounts were approved.",
    "3. Joint meetings for the coming year: border crossing (Narva), labour mobility (Tornio).",
    "4. Good and bad practices are to be collected on the portal before the next assembly.",
]


def _at(day: datetime.date, hour: int, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minutes_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF of `lines` (ASCII), written without a PDF library."""
    text = "".join(f"({_pdf_escape(line)}) Tj T* " for line in lines)
    stream = f"BT /F1 11 Tf 14 TL 56 780 Td {text}ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


@transaction.atomic
def samples_load() -> int:
    """Create the sample events that are not there yet; return how many rows were created."""
    cities = {city.slug: city for city in City.objects.select_related("twin")}
    if not {"imatra", "narva", "tornio"} <= cities.keys():
        return 0  # the record is not loaded: nothing to host the samples
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    today = timezone.localdate()
    now = timezone.now()
    created = 0

    def event_make(slug, city_slug, sector_slugs, **fields) -> Event | None:
        nonlocal created
        if Event.objects.filter(slug=slug).exists():
            return None
        city = cities[city_slug]
        event = Event.objects.create(
            slug=slug,
            host_city=city,
            host_twin=city.twin,
            is_sample=True,
            published_at=now,
            **fields,
        )
        event.sectors.set([sectors[name] for name in sector_slugs if name in sectors])
        created += 1
        return event

    assembly_day = today - datetime.timedelta(days=60)
    assembly = event_make(
        "sample-general-assembly",
        "imatra",
        ["city-administrations", "twins-interests"],
        title="General assembly of the City Twins Association",
        kind=EventKind.GENERAL_ASSEMBLY,
        starts_at=_at(assembly_day, 10, "Europe/Helsinki"),
        ends_at=_at(assembly_day, 16, "Europe/Helsinki"),
        venue="City of Imatra, Virastokatu 2\n55100 Imatra",
        summary="The members' yearly meeting: the year's report, the accounts, the next year.",
        description=(
            "The association's members meet once a year to raise the problems typical of their "
            "twins, agree on joint meetings and choose the practices worth sharing."
        ),
        agenda="1. Opening\n2. Annual report and accounts\n3. Joint meetings\n4. Practices",
        audience=EventAudience.PUBLIC,
    )
    if assembly is not None:
        document = EventDocument(
            event=assembly,
            title="Minutes of the general assembly (sample)",
            kind=DocumentKind.MINUTES,
            extension="pdf",
            content_type="application/pdf",
        )
        content = minutes_pdf(MINUTES)
        document.size = len(content)
        document.file.save("minutes", ContentFile(content), save=False)
        document.save()
        decisions = [
            "The annual report and the accounts are approved.",
            "Joint meetings next year: border crossing in Narva, labour mobility in Tornio.",
            "Each twin adds one good or bad practice to the portal before the next assembly.",
        ]
        Decision.objects.bulk_create(
            Decision(event=assembly, text=text, position=position)
            for position, text in enumerate(decisions)
        )
        secretary = User.objects.secretariat().order_by("pk").first()
        ActionItem.objects.bulk_create(
            [
                ActionItem(
                    event=assembly,
                    text="Send the approved minutes to every member city.",
                    owner=secretary,
                    due_on=assembly_day + datetime.timedelta(days=14),
                    status=ActionStatus.DONE,
                    completed_at=now,
                    position=0,
                ),
                ActionItem(
                    event=assembly,
                    text="Collect one practice from each twin for the portal.",
                    owner=secretary,
                    due_on=today + datetime.timedelta(days=10),
                    position=1,
                ),
            ]
        )
        created += 1 + len(decisions) + 2

    meeting_day = today + datetime.timedelta(days=30)
    event_make(
        "sample-joint-meeting-narva",
        "narva",
        ["border-crossing", "labour-mobility"],
        title="Joint meeting: crossing the border at Narva and Ivangorod",
        kind=EventKind.JOINT_MEETING,
        starts_at=_at(meeting_day, 10, "Europe/Tallinn"),
        ends_at=_at(meeting_day, 16, "Europe/Tallinn"),
        venue="Narva City Government, Peetri plats 5\n20308 Narva",
        summary="Representatives of local governments, the economic sector and cultural life.",
        description=(
            "A joint meeting amongst representatives of the EU, other organisations, local "
            "governments, cultural life and the economic sector on what the border crossing "
            "means for people and businesses of both cities."
        ),
        agenda="1. The crossing today\n2. Labour mobility\n3. What the twins can do together",
        audience=EventAudience.PUBLIC,
        capacity=30,
    )

    board_day = today + datetime.timedelta(days=14)
    event_make(
        "sample-board-meeting",
        "tornio",
        ["city-administrations"],
        title="Board meeting (online)",
        kind=EventKind.BOARD_MEETING,
        starts_at=_at(board_day, 14, "Europe/Helsinki"),
        ends_at=_at(board_day, 15, "Europe/Helsinki"),
        online_url="https://meet.example.org/city-twins-board",
        summary="The board prepares the joint meeting in Narva.",
        audience=EventAudience.MEMBERS,
        capacity=12,
    )
    return created
