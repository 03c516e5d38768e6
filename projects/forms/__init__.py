"""The projects app's forms: the public lists' filters, staff's proposals, the admin's."""
