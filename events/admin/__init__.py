"""The events app's admin, one module per family of models; importing them registers them."""

from events.admin import events, registrations

__all__ = ["events", "registrations"]
