from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from citytwins.forms import ContactForm, NotificationPreferenceForm, robot_detected
from citytwins.models import Kind, NotificationPreference
from citytwins.notifications import unsubscribe_token_read
from citytwins.pagecache import cache_public_page
from citytwins.ratelimits import LIMIT_REACHED, sender_allowed
from citytwins.services import contact_send
from events.models import Event, reads_as_member
from events.subscriptions import feed_links
from members.models import (
    Announcement,
    Association,
    City,
    CityTwin,
    MembershipStatus,
    Objective,
    Purpose,
    Sector,
)
from members.networkmap import network_map_read
from projects.models import Practice, Project


@require_safe
@cache_public_page
def home(request):
    """The network at work: its next meetings, its latest news, its numbers and its map, and
    how a city joins. The directory itself is a page of its own."""
    network = network_map_read()
    by_status = City.objects.counts_by_status()
    events = Event.objects.visible_to(request.user)
    counts = {
        "twins": network.twin_count,
        "members": by_status.get(MembershipStatus.MEMBER, 0),
        "partners": by_status.get(MembershipStatus.PARTNER, 0),
        "sectors": Sector.objects.count(),
        "upcoming": events.upcoming().filter(cancelled_at__isnull=True).count(),
    }
    next_events = list(
        events.upcoming().filter(cancelled_at__isnull=True).select_related("host_city")[:3]
    )
    announcement = (
        Announcement.objects.on_home_page(member=reads_as_member(request.user))
        .only("subject", "body", "sent_at")
        .first()
    )
    latest = ("-published_at", "-pk")
    latest_projects = list(Project.objects.published().order_by(*latest)[:3])
    latest_practices = list(Practice.objects.published().order_by(*latest)[:3])
    return render(
        request,
        "citytwins/home.html",
        {
            "counts": counts,
            "network_map": network,
            "next_events": next_events,
            "announcement": announcement,
            "latest_projects": latest_projects,
            "latest_practices": latest_practices,
            "feeds": feed_links(),
        },
    )


@require_safe
@cache_public_page
def about(request):
    """The association's record as the secretary keeps it: nothing here is template text."""
    association = (
        Association.objects.prefetch_related(
            Prefetch("purposes", queryset=Purpose.objects.order_by("position", "pk")),
            Prefetch("objectives", queryset=Objective.objects.order_by("position", "pk")),
        )
        .order_by("pk")
        .first()
    )
    return render(
        request,
        "citytwins/about.html",
        {
            # Replaces the footer's lazy record, so the page reads it once.
            "association": association,
            "sectors": Sector.objects.all(),
            "twins": CityTwin.objects.with_cities(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    """Anyone may write to the secretary; a robot gets the same thanks and sends nothing."""
    form = ContactForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        if robot_detected(form):
            return redirect("contact_sent")
        if form.is_valid():
            data = form.cleaned_data
            if sender_allowed(request, action="contact", address=data["email"]):
                contact_send(
                    name=data["name"],
                    email=data["email"],
                    subject=data["subject"],
                    message=data["message"],
                    submission=data["submission"],
                )
                return redirect("contact_sent")
            form.add_error(None, LIMIT_REACHED)
            status = 429
    return render(request, "citytwins/contact_form.html", {"form": form}, status=status)


@require_safe
def contact_sent(request):
    return render(request, "citytwins/contact_sent.html")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return redirect(static("img/favicon.svg"), permanent=True)


def bad_request(request, exception):
    return render(request, "400.html", {"error_page": True}, status=400)


def page_not_found(request, exception):
    return render(request, "404.html", {"error_page": True}, status=404)


def permission_denied(request, exception):
    return render(request, "403.html", {"error_page": True}, status=403)


def server_error(request):
    # No context processors that might touch the database: the error may be the database.
    return render(request, "500.html", status=500)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    """The signed-in person chooses which kinds of email they receive."""
    preference, _created = NotificationPreference.objects.get_or_create(user=request.user)
    form = NotificationPreferenceForm(
        request.POST if request.method == "POST" else None, instance=preference, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email choices are saved."))
        return redirect("notification_preferences")
    return render(request, "citytwins/notificationpreference_form.html", {"form": form})


# The signed token is the whole authority, so the POST needs no session and no CSRF token: a
# mail client's RFC 8058 one-click POST has neither, and a forger without the token can do
# nothing. GET only asks, because link scanners open every link in a message.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """A valid token turns off its one kind for its one person; anything else changes nothing."""
    signed = unsubscribe_token_read(token)
    user = None
    if signed is not None:
        user_id, kind = signed
        user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return render(request, "citytwins/unsubscribe_invalid.html", status=400)
    context = {"kind": Kind(kind), "address": user.email}
    if request.method == "POST":
        NotificationPreference.objects.update_or_create(user=user, defaults={kind: False})
        return render(request, "citytwins/unsubscribe_done.html", context)
    return render(request, "citytwins/unsubscribe_confirm.html", context)
