"""The projects app's admin, one module per family; importing them registers them."""

from projects.admin import funding, practices, projects

__all__ = ["funding", "practices", "projects"]
