"""Signed-in people register for an event and cancel their registration themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event, Registration, RegistrationStatus
from events.services.registrations import (
    RegistrationRefused,
    registration_cancel,
    registration_create,
    waitlist_position,
)


def _event_for(request, slug) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(request.user).select_related("host_city", "host_twin"),
        slug=slug,
    )


@login_required
@require_POST
def register(request, slug):
    """A place while there is one, else the wait-list; an event the person may not see is 404."""
    event = _event_for(request, slug)
    try:
        registration = registration_create(event=event, person=request.user)
    except RegistrationRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(event)
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request, _("You are registered. A confirmation with the calendar is on its way.")
        )
    else:
        messages.success(
            request,
            _(
                "The event is full: you are number %(position)d on the wait-list. We email you "
                "if a place frees."
            )
            % {"position": waitlist_position(registration)},
        )
    return redirect(event)


@login_required
@require_POST
def registration_cancel_view(request, slug):
    """The person gives up their place (or their place on the wait-list)."""
    event = _event_for(request, slug)
    registration = get_object_or_404(
        Registration.objects.active(), event=event, person=request.user
    )
    registration_cancel(registration=registration, by=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)
