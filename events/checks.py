"""System checks: members-only documents must not lie where the web server serves files."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def documents_outside_public_files(app_configs, **kwargs):
    documents = Path(settings.DOCUMENTS_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if not public:
            continue
        public = Path(public).resolve()
        if documents == public or public in documents.parents or documents in public.parents:
            errors.append(
                Error(
                    f"DOCUMENTS_ROOT ({documents}) overlaps {name} ({public}).",
                    hint="Members-only documents must live outside every folder served as is.",
                    id="events.E001",
                )
            )
    return errors
