"""The members app's admin, one module per family of models; importing them registers them."""

from members.admin import applications, association, network, people

__all__ = ["applications", "association", "network", "people"]
