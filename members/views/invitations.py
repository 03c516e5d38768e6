"""An invited person accepts: chooses a password and arrives signed in."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from members.forms import (
    InvitationAcceptForm,
)
from members.models import (
    Invitation,
)
from members.services.invitations import invitation_accept


def invitation_accept_view(request, token):
    """An invited person chooses a password and arrives signed in, email verified."""
    invitation = Invitation.objects.by_token(token).select_related("city__twin").first()
    if invitation is None or invitation.is_used or invitation.is_expired:
        state = "invalid" if invitation is None else ("used" if invitation.is_used else "expired")
        return render(
            request,
            "members/invitation_invalid.html",
            {"state": state, "invitation": invitation},
            status=410 if invitation else 404,
        )
    form = InvitationAcceptForm(
        request.POST if request.method == "POST" else None,
        initial={"name": invitation.name},
        email=invitation.email,
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except Invitation.DoesNotExist:
            return render(request, "members/invitation_invalid.html", {"state": "used"}, status=410)
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(
            request, _("Welcome! You keep %(city)s current from here.") % {"city": invitation.city}
        )
        return redirect("members:my_home")
    return render(
        request, "members/invitation_accept.html", {"invitation": invitation, "form": form}
    )
