from django.conf import settings


def site(request):
    """What every page's header and footer show."""
    return {
        "site_name": "City Twins Association",
        "secretariat": {
            "name": "Heikki Laine",
            "role": "Secretary of City Twins Association",
            "organisation": "City of Imatra",
            "street": "Virastokatu 2",
            "postcode_city": "FIN-55100 Imatra",
            "phone": "+358 20 617 5345",
            "email": settings.SECRETARIAT_EMAIL,
        },
    }
