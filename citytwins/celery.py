"""The Celery app. Publishing never raises into a web request: a broker that is down or silent
is logged and the caller goes on (the outbox re-enqueues what was left pending)."""

import functools
import logging
import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citytwins.settings")

logger = logging.getLogger(__name__)


class Task(DjangoTask):
    def delay_on_commit(self, *args, **kwargs) -> None:
        """Publish after commit; a broker failure is logged inside the callback, not raised."""
        transaction.on_commit(functools.partial(self.publish_or_log, args, kwargs))

    def publish_or_log(self, args: tuple, kwargs: dict) -> bool:
        try:
            self.apply_async(args, kwargs)
        except OperationalError:
            logger.warning("broker unavailable; %s not enqueued now", self.name, exc_info=True)
            return False
        return True


app = Celery("citytwins", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
