"""Funding calls the secretary keeps an eye on, listed until their deadline passes."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from citytwins.pagecache import cache_public_page
from projects.models import FundingCall
from projects.services.digest import DIGEST_DAYS


@require_safe
@cache_public_page
def funding_call_list(request):
    now = timezone.now()
    calls = [
        {"call": call, "days_left": call.days_left(now=now)}
        for call in FundingCall.objects.open(now=now).select_related("programme")
    ]
    return render(
        request, "projects/fundingcall_list.html", {"calls": calls, "soon_days": DIGEST_DAYS}
    )
