"""Deploy checks about the configuration that Django's own checks do not know."""

import re

from django.conf import settings
from django.core.checks import Error

KNOWN_KEY_ERROR = "citytwins.E001"

# Keys that were ever written in this repository, and the ones people type while trying things.
KNOWN_PLACEHOLDERS = {
    "development-only-secret-never-use-in-production",
    "build-only-not-a-secret",
    "change-this-compose-secret-key-before-any-real-use-0123456789",
    "change-me",
    "changeme",
    "change-this",
    "replace-me",
    "secret",
    "secret-key",
    "secretkey",
    "my-secret-key",
    "your-secret-key",
    "your-secret-key-here",
    "django-secret-key",
    "insecure",
    "not-a-secret",
    "password",
    "test",
    "x",
}
INSECURE_PREFIX = "django-insecure"


def _collapsed(text: str) -> str:
    """Letters and digits only, lower-cased: "Change_Me!" and "change-me" are one placeholder."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


PLACEHOLDERS_COLLAPSED = {_collapsed(key) for key in KNOWN_PLACEHOLDERS}


def _is_placeholder(key: str) -> bool:
    collapsed = _collapsed(key)
    return (
        collapsed in PLACEHOLDERS_COLLAPSED
        or collapsed.startswith(_collapsed(INSECURE_PREFIX))
        or len(set(key)) < 5
    )


def secret_key_not_placeholder(app_configs=None, **kwargs) -> list[Error]:
    """A key that is published (in this repository, in a tutorial) signs nothing: sessions,
    password-reset links and unsubscribe links could be forged by anyone who read it."""
    keys = [("SECRET_KEY", settings.SECRET_KEY)] + [
        (f"SECRET_KEY_FALLBACKS[{n}]", key)
        for n, key in enumerate(getattr(settings, "SECRET_KEY_FALLBACKS", []))
    ]
    return [
        Error(
            f"{name} is a placeholder that anyone can know, not a secret.",
            hint=(
                "Set SECRET_KEY to a long random value kept out of the repository, e.g. the "
                'output of python3 -c "import secrets; print(secrets.token_urlsafe(50))".'
            ),
            id=KNOWN_KEY_ERROR,
        )
        for name, key in keys
        if _is_placeholder(str(key))
    ]
