"""Reading the projects app's pages as a person would."""

import re

from tests.members.reading import page_text, readable

__all__ = ["listed_practices", "listed_projects", "page_text", "readable"]


def listed_projects(response) -> list[str]:
    """Slugs of the projects a list shows, in order."""
    return re.findall(r'<h3 id="project-([\w-]+)" class="project-title"', response.content.decode())


def listed_practices(response) -> list[str]:
    return re.findall(
        r'<h3 id="practice-([\w-]+)" class="practice-title"', response.content.decode()
    )
