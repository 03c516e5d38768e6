"""The /my/ pages: city staff keep their own twin and city current."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from members.forms import (
    CityProfileForm,
    ContactFormSet,
    PersonForm,
    ServiceFormSet,
    TwinProfileForm,
)
from members.models import (
    City,
    CityTwin,
)
from members.services.profiles import (
    city_profile_update,
    profile_gaps,
    twin_profile_confirm,
    twin_profile_update,
)


@login_required
@require_safe
def my_home(request):
    """The signed-in person's city and twin, and what they can do."""
    city = City.objects.editable_by(request.user).select_related("twin").first()
    return render(
        request,
        "members/my/home.html",
        {
            "city": city,
            "twin": city.twin if city else None,
            "staff_twin": city.twin if city else None,
            "gaps": profile_gaps(city.twin, city) if city else None,
        },
    )


@login_required
def my_account(request):
    """The person's own name and language; email, password and second factor are allauth's
    pages. They go on in the language they chose."""
    form = PersonForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        with translation.override(user.preferred_language):
            messages.success(request, gettext("Your name and language are saved."))
            return redirect("members:my_home")
    return render(request, "members/my/account_form.html", {"form": form})


@login_required
def my_twin_edit(request, slug):
    """Staff edit their own twin's shared profile and services; other twins answer 404."""
    twin = get_object_or_404(CityTwin.objects.editable_by(request.user), slug=slug)
    saved_description = twin.description  # the form writes what was typed onto the instance
    data = request.POST if request.method == "POST" else None
    form = TwinProfileForm(data, request.FILES or None, instance=twin, prefix="twin")
    services = ServiceFormSet(
        data, instance=twin, prefix="services", queryset=twin.services.select_related("sector")
    )
    if data is not None and form.is_valid() and services.is_valid():
        twin_profile_update(form=form, services_formset=services, by=request.user)
        messages.success(request, _("Saved. The public page shows your changes now."))
        return redirect("members:my_twin_edit", slug=twin.slug)
    return render(
        request,
        "members/my/twin_form.html",
        {
            "twin": twin,
            "staff_twin": twin,
            "form": form,
            "services": services,
            "saved_description": saved_description,
        },
    )


@login_required
@require_POST
def my_twin_confirm(request, slug):
    """One click: the profile is still correct (shown publicly as "checked on …")."""
    twin = get_object_or_404(CityTwin.objects.editable_by(request.user), slug=slug)
    twin_profile_confirm(twin=twin, by=request.user)
    messages.success(request, _("Thank you: the profile is marked as checked today."))
    return redirect("members:my_home")


@login_required
def my_city_edit(request, slug):
    """Staff edit their own city and its contacts; other cities answer 404."""
    city = get_object_or_404(
        City.objects.editable_by(request.user).select_related("twin"), slug=slug
    )
    saved_description = city.description
    data = request.POST if request.method == "POST" else None
    form = CityProfileForm(data, instance=city, prefix="city")
    contacts = ContactFormSet(data, instance=city, prefix="contacts")
    if data is not None and form.is_valid() and contacts.is_valid():
        city_profile_update(form=form, contacts_formset=contacts, by=request.user)
        messages.success(request, _("Saved. The public page shows your changes now."))
        return redirect("members:my_city_edit", slug=city.slug)
    return render(
        request,
        "members/my/city_form.html",
        {
            "city": city,
            "staff_twin": city.twin,
            "form": form,
            "contacts": contacts,
            "saved_description": saved_description,
        },
    )
