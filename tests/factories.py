import factory
from django.contrib.auth.models import Group

from members.models import User
from members.roles import SECRETARIAT_GROUP

PASSWORD = "a-long-city-twins-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)


class SecretaryFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
