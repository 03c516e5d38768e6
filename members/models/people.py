"""People who sign in: the secretary and city staff, and who is who among them."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citytwins.addresses import address_as_typed, address_normalise
from members.models.vocabulary import NETWORK_STATUSES, country_language


class UserQuerySet(models.QuerySet):
    """Who is who in the network, for recipients of mail and for what a reader may see."""

    def secretariat(self) -> "UserQuerySet":
        from members.roles import SECRETARIAT_GROUP

        return self.filter(is_active=True, groups__name=SECRETARIAT_GROUP)

    def members(self) -> "UserQuerySet":
        """Active staff of member and partner cities: the network's members."""
        return self.filter(is_active=True, city__status__in=NETWORK_STATUSES)

    def staff_of(self, twin) -> "UserQuerySet":
        """Active staff of either city of a twin, whatever the cities' membership status."""
        return self.filter(city__twin=twin, is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """The one stored spelling (citytwins.addresses), not Django's domain-only lower case."""
        return address_normalise(email or "")

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str) -> "User":
        """Exactly the stored spelling (letter case aside): never a collation's or Unicode's fold,
        which on PostgreSQL matches `x@tornıo.test` to `x@tornio.test`."""
        normal = address_as_typed(username)
        if normal is None:
            raise self.model.DoesNotExist
        return self.get(email=normal)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: the secretary or city staff. The email address is the login."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    city = models.ForeignKey(
        "members.City",
        verbose_name=_("city"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("City staff keep this city's and its twin's profile current."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language of the portal's pages and emails for this person. Blank: the "
            "language of their city's country (English if it has none of the portal's)."
        ),
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Can sign in to the admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = address_normalise(self.email)

    def save(self, *args, **kwargs) -> None:
        # Every write path stores the normal form, whatever form or command it came through.
        self.email = address_normalise(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name or self.email

    @property
    def is_secretary(self) -> bool:
        from members.roles import SECRETARIAT_GROUP

        return self.groups.filter(name=SECRETARIAT_GROUP).exists()

    @property
    def preferred_language(self) -> str:
        """The language this person reads the portal and its emails in."""
        if self.language:
            return self.language
        if self.city_id is None:
            return settings.LANGUAGE_CODE
        return country_language(self.city.country)

    @property
    def is_network_member(self) -> bool:
        """Staff of a member or partner city read what the network shares with members only."""
        return self.is_active and self.city_id is not None and self.city.status in NETWORK_STATUSES
