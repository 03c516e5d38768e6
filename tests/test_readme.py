"""The README's "Production without containers", run as written against a fresh PostgreSQL
database, so the section cannot drift from the code."""

import os
import re
import subprocess

import psycopg
import pytest
from psycopg import sql

from tests.conftest import BASE_DIR, free_port

README = BASE_DIR / "README.md"
SECTION = "## Production without containers"
# Blocks that install packages, start the servers, or change the machine's nginx: run by hand
# (the closing note of the change says how), not by the suite.
NOT_RUN_HERE = ("pip install", "honcho start", "nginx")
STEPS = [
    "cat > .env",
    "manage.py migrate",
    "manage.py collectstatic",
    "manage.py load_network",
    "manage.py secretary_create",
    "honcho start",
    "deploy/nginx.conf",
]


def section() -> str:
    text = README.read_text()
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start : end if end != -1 else None]


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_the_section_gives_the_steps_in_order():
    text = "\n".join(shell_blocks(section()))
    positions = [text.find(step) for step in STEPS]
    assert -1 not in positions, dict(zip(STEPS, positions, strict=True))
    assert positions == sorted(positions)


@pytest.fixture
def fresh_database(postgresql, settings):
    """An empty PostgreSQL database named after the suite's, dropped afterwards."""
    config = settings.DATABASES["default"]
    name = f"{config['NAME']}_readme"
    server = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "dbname": "postgres",
        "autocommit": True,
    }
    if config.get("PASSWORD"):
        server["password"] = config["PASSWORD"]
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(**server) as connection:
        connection.execute(drop)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    user = f"{config['USER']}@" if config["USER"] else ""
    yield f"postgres://{user}{config['HOST']}:{server['port']}/{name}", {**server, "dbname": name}
    with psycopg.connect(**server) as connection:
        connection.execute(drop)


def dotenv(path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def test_the_sections_commands_set_up_a_fresh_database(fresh_database, tmp_path):
    database_url, connect = fresh_database
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    # The commands run in a checkout of their own, so the real one's .env is never touched.
    for name in ("manage.py", ".venv", "Procfile", "gunicorn.conf.py", "deploy"):
        (checkout / name).symlink_to(BASE_DIR / name)
    write_env, *commands = [
        block for block in shell_blocks(section()) if not any(w in block for w in NOT_RUN_HERE)
    ]
    assert write_env.startswith("cat > .env <<EOF\n")
    # The machine's own environment, less what the suite sets for itself.
    suites = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    clean = {k: v for k, v in os.environ.items() if k not in suites}
    run = {"cwd": checkout, "env": clean, "capture_output": True, "text": True, "timeout": 300}
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", write_env], **run)
    assert result.returncode == 0, result.stderr

    # As an operator names their own: this machine's database, test folders; Redis and the
    # mail server on closed ports (nothing is sent, the outbox keeps it).
    env_file = checkout / ".env"
    written = dotenv(env_file)
    assert written["DEBUG"] == "0"
    assert len(written["SECRET_KEY"]) >= 50
    ours = {
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{free_port()}",
        "MEDIA_ROOT": str(tmp_path / "srv" / "media"),
        "STATIC_ROOT": str(tmp_path / "srv" / "static"),
        "VAR_DIR": str(tmp_path / "srv" / "var"),
    }
    assert set(ours) <= set(written)
    env_file.write_text("".join(f"{k}={ours.get(k, v)}\n" for k, v in written.items()))

    script = "\n".join(commands)
    for step in STEPS[1:5]:
        assert step in script
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], **run)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Association record: 56 created" in result.stdout
    assert "Created the secretary account secretary@example.org" in result.stdout
    assert (tmp_path / "srv" / "static" / "staticfiles.json").exists()
    assert (tmp_path / "srv" / "media").is_dir()

    with psycopg.connect(**connect) as connection:
        secretaries = connection.execute(
            "SELECT u.email FROM members_user u JOIN members_user_groups ug ON ug.user_id = u.id"
            " JOIN auth_group g ON g.id = ug.group_id WHERE g.name = 'Secretariat'"
        ).fetchall()
        welcome = connection.execute(
            "SELECT address, status FROM citytwins_notification"
            " WHERE key LIKE 'secretary-welcome:%'"
        ).fetchall()
    assert secretaries == [("secretary@example.org",)]
    assert welcome == [("secretary@example.org", "pending")]  # the worker sends it

    # What `honcho start` runs first for the web process: the deploy check, now content.
    web = (BASE_DIR / "Procfile").read_text().split("web: ", 1)[1].split(" && ", 1)[0]
    result = subprocess.run(["bash", "-c", f"set -a; . ./.env; set +a; .venv/bin/{web}"], **run)
    assert result.returncode == 0, result.stderr
