"""What Celery beat runs, and when (settings.CELERY_BEAT_SCHEDULE). Times are TIME_ZONE's."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "citytwins.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=17),
    },
    "notifications-sweep": {
        "task": "citytwins.tasks.notifications_sweep",
        "schedule": 60.0,
    },
    "profiles-remind-stale": {
        "task": "members.tasks.profiles_remind_stale_daily",
        "schedule": crontab(hour=9, minute=5),
    },
    "funding-digest": {
        "task": "projects.tasks.funding_digest_weekly",
        "schedule": crontab(day_of_week="monday", hour=7, minute=30),
    },
    "events-remind": {
        "task": "events.tasks.events_remind",
        "schedule": 15 * 60.0,
    },
}
