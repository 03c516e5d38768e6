"""The projects app's writes, one module per capability: status, proposals, publication, digest."""
