"""The events pages, one module per part of the site; urls.py names each."""
