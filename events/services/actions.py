"""Action items: their owners mark them done."""

from django.utils import timezone

from events.models import ActionItem, ActionStatus
from members.models import User


def action_item_complete(*, item: ActionItem, by: User) -> ActionItem:
    """Done, recorded in the item's history as the owner's change; reminders stop."""
    if item.status == ActionStatus.DONE:
        return item
    item.status = ActionStatus.DONE
    item.completed_at = timezone.now()
    item._history_user = by
    item.save(update_fields=["status", "completed_at", "updated_at"])
    return item
