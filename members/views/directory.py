"""The public directory: twins (as a page, as CSV and as XLSX) and a twin's page."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_countries.fields import Country

from citytwins.listing import Listing, listing_paginate
from citytwins.pagecache import cache_public_page, conditional_on_content
from citytwins.spreadsheets import csv_write, xlsx_bytes
from members.forms import (
    TwinFilterForm,
)
from members.geography import network_map
from members.models import (
    City,
    CityTwin,
    Contact,
    Sector,
    SharedService,
    fold,
)
from members.networkmap import name_columns, name_in_language, network_map_read
from members.services.profiles import (
    CONFIRMED_REASON,
    profile_gaps,
)


@dataclass
class Directory:
    """The twins a directory request asks for (`twins_read` reads them), and what it asked."""

    matching: QuerySet
    sort: str
    form: TwinFilterForm
    applied_form: TwinFilterForm
    query: str
    ignored: list[tuple[str, str]]
    filtered: bool
    described: str = ""

    @property
    def twins(self) -> list[CityTwin]:
        """Every matching twin with its cities, in the order asked: for the files."""
        twins = list(self.matching.with_cities())
        if self.sort == "name":
            twins.sort(key=lambda twin: fold(twin.name))
        elif self.sort == "country":
            twins.sort(
                key=lambda twin: (
                    [fold(city.country.name) for city in twin.cities.all()],
                    fold(twin.name),
                )
            )
        return twins

    def ids(self) -> list[int]:
        """The matching twins' ids in the same order, read as plain values: a page of the list
        then reads only its own twins (at hundreds of twins, reading them all as instances cost
        more than the rest of the page)."""
        if not self.sort:
            return list(self.matching.values_list("pk", flat=True))
        rows = self.matching.values_list("pk", *name_columns())
        name_of = {pk: fold(name_in_language(names)) for pk, *names in rows}
        if self.sort == "name":
            return sorted(name_of, key=name_of.__getitem__)
        countries: dict[int, list[str]] = {}
        cities = City.objects.filter(twin__in=self.matching.values("pk")).order_by("position", "pk")
        for twin_id, code in cities.values_list("twin_id", "country"):
            countries.setdefault(twin_id, []).append(fold(Country(code).name))
        return sorted(name_of, key=lambda pk: (countries.get(pk, []), name_of[pk]))


def twins_read(ids: list[int]) -> list[CityTwin]:
    """These twins with their cities, in this order."""
    found = {twin.pk: twin for twin in CityTwin.objects.with_cities().filter(pk__in=ids)}
    return [found[pk] for pk in ids]


def directory_read(request) -> Directory:
    """Apply the valid filters of the query string; name the ones that are not valid."""
    codes = City.objects.order_by().values_list("country", flat=True).distinct()
    countries = sorted({Country(code) for code in codes}, key=lambda country: country.name)
    sectors = list(Sector.objects.all())
    form = TwinFilterForm(request.GET, countries=countries, sectors=sectors)
    applied = form.applied()

    twins = CityTwin.objects.all()
    if applied.get("country"):
        twins = twins.in_country(applied["country"])
    if applied.get("status"):
        twins = twins.with_status(applied["status"])
    if applied.get("border"):
        twins = twins.on_border(applied["border"])
    if applied.get("sector"):
        twins = twins.in_sector(next(s for s in sectors if s.slug == applied["sector"]))
    if applied.get("q"):
        twins = twins.search(applied["q"])

    query = form.applied_query(leave_out=("page",))
    shown = TwinFilterForm(query, countries=countries, sectors=sectors)
    return Directory(
        matching=twins,
        sort=applied.get("sort", ""),
        form=shown,
        applied_form=form,
        query=query.urlencode(),
        ignored=form.ignored(),
        filtered=any(name not in ("sort", "page") for name in applied),
        described=form.described(),
    )


@require_safe
@cache_public_page
def twin_list(request):
    """The directory: every twin, filtered by the query string, so each result is a link; in
    pages of TWINS_PER_PAGE, the map drawing the page's twins (the files hold them all)."""
    directory = directory_read(request)
    listing: Listing = listing_paginate(
        directory.ids(),
        form=directory.applied_form,
        shown=directory.form,
        per_page=TWINS_PER_PAGE,
    )
    twins = twins_read(listing.items)
    return render(
        request,
        "members/citytwin_list.html",
        {
            "directory": directory,
            "listing": listing,
            "count": listing.page.paginator.count,
            "twins": twins,
            "network_map": network_map(twins),
        },
    )


# The association's record (seven twins) fits on one page.
TWINS_PER_PAGE = 50
# The projects and practices a twin's page shows; the lists it links to hold them all.
TWIN_SHOWS = 24


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_HEADER = [
    _("Twin"),
    _("Twin slug"),
    _("City"),
    _("Native name"),
    _("Country code"),
    _("Country"),
    _("Membership status"),
    _("Status note"),
    _("Border"),
    _("Latitude"),
    _("Longitude"),
    _("Population"),
    _("Website"),
]


def directory_rows(directory: Directory):
    """One row per city of the twins listed, in the order of CSV_HEADER."""
    for twin in directory.twins:
        border = twin.border
        for city in twin.cities.all():
            yield [
                twin.name,
                twin.slug,
                city.name,
                city.native_name,
                city.country.code,
                city.country.name,
                city.get_status_display(),
                city.status_note,
                border.label,
                city.latitude,
                city.longitude,
                city.population,
                city.website,
            ]


@require_safe
@conditional_on_content
@cache_public_page
def twin_csv(request):
    """The directory as CSV, one row per city, with the same filters as the page; formula-safe."""
    directory = directory_read(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="city-twins.csv"'
    # A byte-order mark, so spreadsheets read Český Těšín as UTF-8, not in a legacy code page.
    response.write("\ufeff")
    csv_write(response, CSV_HEADER, directory_rows(directory))
    return response


@require_safe
@conditional_on_content
@cache_public_page
def twin_xlsx(request):
    """The same rows as the CSV, as an Excel workbook: text never a formula, numbers numbers."""
    directory = directory_read(request)
    content = xlsx_bytes(CSV_HEADER, directory_rows(directory), title=str(_("City twins")))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="city-twins.xlsx"'
    return response


@require_safe
@cache_public_page
def twin_detail(request, slug):
    """A twin's page; the contact details shown depend on who reads them."""
    twin = get_object_or_404(
        CityTwin.objects.with_cities().prefetch_related(
            Prefetch("cities__contacts", queryset=Contact.objects.order_by("position", "name")),
            Prefetch("services", queryset=SharedService.objects.select_related("sector")),
        ),
        slug=slug,
    )
    member = request.user.is_authenticated and request.user.is_network_member
    sides = []
    own_city = None
    for city in twin.cities.all():
        contacts = [contact.shown_to(member=member) for contact in city.contacts.all()]
        sides.append({"city": city, "contacts": [details for details in contacts if details]})
        if request.user.is_authenticated and city.pk == request.user.city_id:
            own_city = city
    projects = list(twin_projects(twin)[: TWIN_SHOWS + 1])
    practices = list(twin.practices.published()[: TWIN_SHOWS + 1])
    return render(
        request,
        "members/citytwin_detail.html",
        {
            "twin": twin,
            "sides": sides,
            "network_map": network_map_read(current=twin),
            "last_update": twin_last_update(twin),
            "projects": projects[:TWIN_SHOWS],
            "practices": practices[:TWIN_SHOWS],
            # Beyond TWIN_SHOWS a list links to the whole one, filtered by the twin.
            "more": {
                "projects": len(projects) > TWIN_SHOWS,
                "practices": len(practices) > TWIN_SHOWS,
            },
            "more_query": f"twin={twin.slug}",
            "sectors": Sector.objects.of_twin(twin),
            # The twin's own staff see how to edit it and what its page still lacks.
            "own_city": own_city,
            **({"staff_twin": twin} if own_city else {}),
            "gaps": profile_gaps(twin, own_city) if own_city else None,
        },
    )


def twin_projects(twin: CityTwin):
    """The twin's published projects: those with a partner city in it. Members imports no other
    app, so the projects are reached by the names of the relations pointing at its cities."""
    partnerships = City._meta.get_field("project_partnerships").related_model
    projects = partnerships._meta.get_field("project").related_model._default_manager
    of_twin = partnerships._default_manager.filter(city__twin=twin).values("project_id")
    return projects.published().filter(pk__in=of_twin)


def twin_last_update(twin: CityTwin) -> dict | None:
    """When city staff last changed the twin, its cities, services or contacts, and from which
    city: read from the history, in one query."""
    by_staff = {"history_user__city__isnull": False}
    fields = ("history_date", "history_user__city__name")
    histories = [
        CityTwin.history.filter(id=twin.pk, **by_staff).exclude(
            history_change_reason=CONFIRMED_REASON
        ),
        City.history.filter(twin_id=twin.pk, **by_staff),
        SharedService.history.filter(twin_id=twin.pk, **by_staff),
        Contact.history.filter(city__twin=twin.pk, **by_staff),
    ]
    first, *others = (history.order_by().values(*fields) for history in histories)
    changes = first.union(*others).order_by("-history_date")
    latest = next(iter(changes[:1]), None)
    if latest is None:
        return None
    return {"when": latest["history_date"], "city": latest["history_user__city__name"]}
