"""The association's own record: who it is, its purposes and objectives, its secretariat."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Association(models.Model):
    """The association's own record, edited by the secretary (one row)."""

    name = models.CharField(_("name"), max_length=200)
    founded_on = models.DateField(_("founded"))
    origin = models.TextField(_("origin"))
    summary = models.TextField(_("summary"), help_text=_("The paragraph on the home page."))
    background = models.TextField(_("background"), blank=True)
    main_goal = models.TextField(_("main goal"), blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=150)
    secretary_title = models.CharField(_("secretary's title"), max_length=150, blank=True)
    organisation = models.CharField(_("secretariat's organisation"), max_length=150)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=20)
    locality = models.CharField(_("town"), max_length=100)
    country = CountryField(_("country"))
    phone = models.CharField(_("phone"), max_length=40)
    email = models.EmailField(
        _("email"),
        help_text=_(
            "The secretariat's address, shown on the About page. While no active account is in "
            "the Secretariat group, it also receives the portal's mail for the secretariat: "
            "contact messages, membership applications and profile change notices."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # History: registered in members/translation.py, with the translated texts.

    class Meta:
        verbose_name = _("association record")
        verbose_name_plural = _("association record")

    def __str__(self) -> str:
        return self.name


class Aim(models.Model):
    """One line of the association's record, kept in the brochure's order."""

    text = models.CharField(_("text"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Purpose(Aim):
    """One of the association's purposes ("themes of actions")."""

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="purposes",
    )
    # History: registered in members/translation.py, with the translated texts.

    class Meta(Aim.Meta):
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")


class Objective(Aim):
    """One of the things the association shall do to achieve its purposes."""

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    # History: registered in members/translation.py, with the translated texts.

    class Meta(Aim.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
