"""Reading the environment into settings: booleans, numbers, lists, Redis databases and mailers.

Only `citytwins/settings.py` uses this module; it holds the parsing so the settings read as a list.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1 or 0).")


def env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a number.") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def redis_database(url: str, offset: int) -> str:
    """The same Redis server, another database: flushing the cache never drops queued tasks."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + offset
    return parts._replace(path=f"/{number}").geturl()


def mailer_from_url(url: str) -> dict:
    """Turn EMAIL_URL into a MAILERS entry: smtp[s]://user:pass@host:port, a folder, console:."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"smtp", "smtps", "submission"}:
        query = parse_qs(parts.query)
        use_ssl = scheme == "smtps"
        use_tls = scheme == "submission" or query.get("tls", ["0"])[0] in {"1", "true"}
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if use_ssl else 587 if use_tls else 25),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": 10,
        }
        if parts.username:
            options["username"] = unquote(parts.username)
            options["password"] = unquote(parts.password or "")
        return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}
    if scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme in {"file", ""}:
        folder = Path(unquote(parts.path)) if scheme == "file" else Path(url)
        return {
            # One plainly readable .eml file per message (see citytwins/devmail.py).
            "BACKEND": "citytwins.devmail.EmailBackend",
            "OPTIONS": {"file_path": str(folder if folder.is_absolute() else BASE_DIR / folder)},
        }
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {scheme!r} is not one of smtp, smtps, file, console."
    )
