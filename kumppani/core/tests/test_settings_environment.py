"""Settings from the environment and from the .env that `make run` writes."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
OURS = {
    "DEBUG",
    "KUMPPANI_TESTING",
    "SECRET_KEY",
    "SITE_URL",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
    "TASKS_BACKEND",
    "DATABASE_URL",
}
SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'DEBUG': s.DEBUG, 'SITE_URL': s.SITE_URL, 'SECRET_KEY': s.SECRET_KEY, "
    "'EMAIL_BACKEND': s.EMAIL_BACKEND, 'TASKS': s.TASKS['default']['BACKEND']}))"
)


def settings_with(tmp_path: Path, env_file: str = "", **env: str) -> dict[str, Any]:
    (tmp_path / ".env").write_text(env_file)
    clean = {k: v for k, v in os.environ.items() if k not in OURS}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env={
            **clean,
            "KUMPPANI_ENV_FILE": str(tmp_path / ".env"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_the_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = (
        "# from make run\nDEBUG=1\nSECRET_KEY='from-the-file'\nSITE_URL=http://127.0.0.1:8011\n"
    )

    from_file = settings_with(tmp_path, env_file)
    overridden = settings_with(tmp_path, env_file, SITE_URL="https://kumppani.example.fi")

    assert from_file["DEBUG"] is True
    assert from_file["SECRET_KEY"] == "from-the-file"
    assert from_file["SITE_URL"] == "http://127.0.0.1:8011"
    assert overridden["SITE_URL"] == "https://kumppani.example.fi"


def test_development_prints_email_unless_an_smtp_host_is_given(tmp_path: Path) -> None:
    console = settings_with(tmp_path, DEBUG="1")
    smtp = settings_with(tmp_path, DEBUG="1", EMAIL_HOST="smtp.example.fi")

    assert console["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_the_task_backend_is_the_database_unless_rq_is_asked_for(tmp_path: Path) -> None:
    assert settings_with(tmp_path, DEBUG="1")["TASKS"] == "django_tasks_db.DatabaseBackend"
    rq = settings_with(tmp_path, DEBUG="1", TASKS_BACKEND="rq")
    assert rq["TASKS"] == "django_tasks_rq.RQBackend"
