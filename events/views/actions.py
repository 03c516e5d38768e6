"""An action item's owner marks it done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import ActionItem
from events.services.actions import action_item_complete


@login_required
@require_POST
def action_item_done(request, pk):
    """Only its owner; anyone else's request answers 404 and changes nothing."""
    item = get_object_or_404(ActionItem.objects.filter(owner=request.user), pk=pk)
    action_item_complete(item=item, by=request.user)
    messages.success(request, _("Marked as done: thank you."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("members:my_home")
