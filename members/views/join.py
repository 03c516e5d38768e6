"""A city applies to join the network."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from citytwins.forms import robot_detected
from citytwins.ratelimits import LIMIT_REACHED, sender_allowed
from members.forms import (
    MembershipApplicationForm,
)
from members.services.applications import application_submit


@require_http_methods(["GET", "HEAD", "POST"])
def join(request):
    """A city applies to join; the secretary decides. A robot gets the same thanks, nothing kept."""
    form = MembershipApplicationForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        if robot_detected(form):
            return redirect("members:join_sent")
        if form.is_valid():
            data = form.cleaned_data
            if sender_allowed(request, action="join", address=data["contact_email"]):
                application_submit(
                    **{name: data[name] for name in form.Meta.fields},
                    submission=data["submission"],
                )
                return redirect("members:join_sent")
            form.add_error(None, LIMIT_REACHED)
            status = 429
    return render(request, "members/join_form.html", {"form": form}, status=status)


@require_safe
def join_sent(request):
    return render(request, "members/join_sent.html")
