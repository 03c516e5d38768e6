import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from citytwins.celery import app
from citytwins.notifications import Kind, notification_send
from citytwins.tasks import sessions_clear_expired
from tests.conftest import wait_for


def test_a_task_goes_through_redis_to_a_real_worker_and_back(celery_worker):
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    current = SessionStore()
    current.create()

    result = sessions_clear_expired.apply_async(queue=celery_worker.queue)

    assert result.get(timeout=30) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


@pytest.fixture
def worker_mails_to(monkeypatch, smtp_server):
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{smtp_server.port}")
    return smtp_server


def test_the_worker_sends_email_over_smtp(worker_mails_to, celery_worker):
    previous, app.conf.task_default_queue = app.conf.task_default_queue, celery_worker.queue
    try:
        notification_send(
            kind=Kind.CONTACT,
            template="notice",
            recipients=["staff@haparanda.se"],
            context={"subject": "Meeting in Tornio", "body": "See you at the town hall."},
            key="meeting:tornio",
        )
    finally:
        app.conf.task_default_queue = previous

    messages = wait_for(lambda: worker_mails_to.inbox.messages, timeout=30)
    assert len(messages) == 1
    assert messages[0]["Subject"] == "Meeting in Tornio"
    assert messages[0]["To"] == "staff@haparanda.se"
