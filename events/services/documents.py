"""A document's file goes when its row goes (after the transaction commits, so a rollback
keeps both)."""

import functools

from django.db import transaction

from events.models import EventDocument


def document_file_remove(sender, instance: EventDocument, **kwargs) -> None:
    if instance.file:
        transaction.on_commit(
            functools.partial(instance.file.storage.delete, instance.file.name), robust=True
        )
