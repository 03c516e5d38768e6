"""Members-only documents, sent through a view that checks who asks."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.models import Event, EventDocument, reads_as_member

logger = logging.getLogger(__name__)


@never_cache
@login_required
@require_safe
def document_download(request, slug, key):
    """Members (and the secretary) only; everyone else signed in gets 404, never the file."""
    if not reads_as_member(request.user):
        raise Http404
    document = get_object_or_404(
        EventDocument.objects.filter(event__in=Event.objects.visible_to(request.user)),
        event__slug=slug,
        key=key,
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        logger.error("document %s is missing its file %s", document.pk, document.file.name)
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name(),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
