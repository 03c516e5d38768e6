"""Fill the database with a synthetic network at scale, for measuring the portal.

The association's record (`load_network`) comes first; the synthetic twins, projects, events and
members come in addition, never over it. The same seed gives the same network, and a second run
with it adds nothing. Each app generates its own part (`members.synthetic`, `projects.synthetic`,
`events.synthetic`); this command, in the project package, is the one place that knows all three.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from citytwins.pagecache import content_changed
from events.synthetic import events_generate
from members.synthetic import network_generate
from projects.synthetic import projects_generate


class Command(BaseCommand):
    help = "Add a deterministic synthetic network (twins, projects, events, members) in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--twins", type=int, default=20)
        parser.add_argument("--projects", type=int, default=200)
        parser.add_argument("--events", type=int, default=80)
        parser.add_argument("--members", type=int, default=400)
        parser.add_argument("--seed", type=int, default=1)

    def progress(self, label: str, done: int, total: int) -> None:
        """One line per kind of row, rewritten in place as its batches go in."""
        end = "\n" if done >= total else ""
        self.stderr.write(
            f"\r  {label:<18} {done:>7}/{total:<7} {done * 100 // total:3d}%", ending=end
        )
        self.stderr.flush()

    def handle(self, *args, twins, projects, events, members, seed, **options):
        if min(twins, projects, events, members) < 0:
            raise CommandError("Sizes are counts: 0 or more.")
        started = time.monotonic()
        try:
            with transaction.atomic():
                network = network_generate(
                    twins=twins, members=members, seed=seed, progress=self.progress
                )
                created = dict(network.created)
                created |= projects_generate(
                    network=network, projects=projects, seed=seed, progress=self.progress
                )
                created |= events_generate(
                    network=network, events=events, seed=seed, progress=self.progress
                )
        except ValueError as error:
            raise CommandError(str(error)) from None
        finally:
            # Bulk inserts send no signals: kept public pages are dropped here, once.
            content_changed()
        counts = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(
            f"Synthetic network (seed {seed}): {counts} created "
            f"in {time.monotonic() - started:.1f} s."
        )
