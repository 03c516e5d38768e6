from django.utils.functional import SimpleLazyObject

from members.models import Association


def site(request):
    """What every page's header and footer show; the record is read only if a page uses it."""
    return {
        "site_name": "City Twins Association",
        "association": SimpleLazyObject(Association.objects.first),
    }
