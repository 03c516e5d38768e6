"""One module per capability; callers import from the capability's module."""
