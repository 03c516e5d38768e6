"""Store every email address in its one normal form: NFKC, lower case.

Accounts, allauth's email addresses and invitations. Two accounts whose addresses differ only in
spelling cannot both keep theirs: the migration stops and names them, for the secretary to merge
or change one in the admin. An allauth address whose spelling changes beyond letter case was
verified for another spelling, so it must be verified again.
"""

import unicodedata

from django.db import migrations


def normalise(address):
    # A frozen copy of citytwins.addresses.address_normalise, as migrations must not follow code.
    folded = unicodedata.normalize("NFKC", address.strip()).lower()
    return unicodedata.normalize("NFKC", folded)


def users_normalise(apps):
    User = apps.get_model("members", "User")
    for user in User.objects.order_by("pk").only("pk", "email"):
        normal = normalise(user.email)
        if normal == user.email:
            continue
        clash = User.objects.filter(email=normal).exclude(pk=user.pk).first()
        if clash is not None:
            raise RuntimeError(
                f"Accounts {user.pk} ({user.email!r}) and {clash.pk} ({clash.email!r}) share the "
                f"address {normal!r}: merge them or change one in the admin, then migrate again."
            )
        User.objects.filter(pk=user.pk).update(email=normal)


def email_addresses_normalise(apps):
    EmailAddress = apps.get_model("account", "EmailAddress")
    for address in EmailAddress.objects.order_by("pk"):
        normal = normalise(address.email)
        if normal == address.email:
            continue
        # A verification holds for the spelling that received the mail, letter case aside.
        verified = address.verified and normal == address.email.strip().lower()
        own = EmailAddress.objects.filter(user_id=address.user_id, email=normal)
        if own.exists():
            # A second spelling of an address the account already has: one row, keeping what
            # this spelling brings (the primary mark, a verification of the same address).
            address.delete()
            flags = {"primary": True} if address.primary else {}
            if verified:
                flags["verified"] = True
            if flags:
                own.update(**flags)
            continue
        clash = EmailAddress.objects.filter(email=normal, verified=True).first()
        if clash is not None and verified:
            raise RuntimeError(
                f"Accounts {address.user_id} and {clash.user_id} both hold the address "
                f"{normal!r}: merge them or change one in the admin, then migrate again."
            )
        EmailAddress.objects.filter(pk=address.pk).update(email=normal, verified=verified)


def invitations_normalise(apps):
    Invitation = apps.get_model("members", "Invitation")
    for invitation in Invitation.objects.order_by("pk").only("pk", "email"):
        normal = normalise(invitation.email)
        if normal != invitation.email:
            Invitation.objects.filter(pk=invitation.pk).update(email=normal)


def forwards(apps, schema_editor):
    users_normalise(apps)
    email_addresses_normalise(apps)
    invitations_normalise(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_purpose_objective_history"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
