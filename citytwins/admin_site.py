"""The admin site every model registers with (it is `admin.site`, see PortalAdminConfig).

Whatever a request carries, an admin page answers with a page, never a 500: a NUL anywhere in
the address is a 400 (no field can hold one, and PostgreSQL refuses it in a query); a filter,
date-hierarchy, search, ordering or page parameter that cannot make a query gets the change
list's own "incorrect lookup" answer; an id that is not one of the model's is a 404. Every
ModelAdmin registered here, the apps' and the installed packages' alike, is made sturdy at
registration, so an admin added later needs nothing of its own.
"""

import functools

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, EmptyResultSet, ValidationError
from django.http import Http404

# What a lookup value that cannot be a value of its field raises on its way to SQL.
UNREADABLE = (ValueError, OverflowError, ValidationError)


def nul_refused(view):
    """A NUL in the path or the query string answers 400 before the view runs."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        parts = [*map(str, args), *map(str, kwargs.values())]
        for key, values in request.GET.lists():
            parts += [key, *values]
        if any("\x00" in part for part in parts):
            raise BadRequest("A NUL character in an admin address.")
        return view(request, *args, **kwargs)

    return guarded


class SturdyChangeList:
    """Mixed into a change list: a lookup that cannot become a query is an incorrect lookup."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except IncorrectLookupParameters:
            raise
        except UNREADABLE as error:
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        try:
            queryset = super().get_queryset(request, exclude_parameters)
        except IncorrectLookupParameters:
            raise
        except UNREADABLE as error:
            raise IncorrectLookupParameters(error) from error
        try:
            # Values that fail only when turned into SQL (a year out of range) fail here.
            queryset.query.sql_with_params()
        except EmptyResultSet:
            pass
        except UNREADABLE as error:
            raise IncorrectLookupParameters(error) from error
        return queryset


@functools.cache
def sturdy_changelist(changelist_class: type) -> type:
    return type(f"Sturdy{changelist_class.__name__}", (SturdyChangeList, changelist_class), {})


def pk_readable(model, value) -> None:
    """An id the model's primary key cannot hold names no object: 404."""
    try:
        model._meta.pk.to_python(unquote(str(value)))
    except UNREADABLE:
        raise Http404 from None


class SturdyAdmin:
    """Mixed into every registered ModelAdmin (PortalAdminSite.register)."""

    def get_changelist(self, request, **kwargs):
        return sturdy_changelist(super().get_changelist(request, **kwargs))

    def history_view(self, request, object_id, extra_context=None):
        pk_readable(self.model, object_id)
        return super().history_view(request, object_id, extra_context)


class SturdyHistoryForm:
    """For django-simple-history's admin: a past version named by something not an id."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        pk_readable(self.model, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        pk_readable(history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def sturdy(admin_class: type) -> type:
    if issubclass(admin_class, SturdyAdmin):
        return admin_class
    bases = (SturdyAdmin, admin_class)
    if hasattr(admin_class, "history_form_view"):
        bases = (SturdyHistoryForm, *bases)
    return type(
        admin_class.__name__,
        bases,
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, sturdy(admin_class or admin.ModelAdmin), **options)

    def admin_view(self, view, cacheable=False):
        return super().admin_view(nul_refused(view), cacheable)
