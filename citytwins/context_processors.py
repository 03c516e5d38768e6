from django.utils.functional import SimpleLazyObject

from members.models import Association, CityTwin


def site(request):
    """What every page's header and footer show; each is read only if a page uses it."""
    user = getattr(request, "user", None)
    return {
        "site_name": "City Twins Association",
        "association": SimpleLazyObject(Association.objects.first),
        # The twin whose profile the signed-in person keeps, for the header's edit link.
        "staff_twin": SimpleLazyObject(
            lambda: CityTwin.objects.editable_by(user).first() if user is not None else None
        ),
    }
