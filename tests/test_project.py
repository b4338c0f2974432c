"""Project-level guarantees: production settings, deploy checks, migrations, date format."""

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "pib.settings.production",
    "SECRET_KEY": "x7#Qp!v2@Lr9$Tm4^Zc8&Wb1*Hn6(Jd3)Ks5-Fg0+Ye7=Ua2_Io",
    "DATABASE_URL": "sqlite:////tmp/pib-deploy-check.db",
    "ALLOWED_HOSTS": "pib.example.nl",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, env):
    # Only what a production host would have: no test-only switches such as DJANGO_ALLOW_ASYNC_UNSAFE.
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CELERY_BROKER_URL"])
def test_production_refuses_to_start_without_required_setting(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_deploy_check_has_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_dates_are_dd_mm_jjjj():
    with translation.override("nl"):
        rendered = Template("{{ d|date }} {{ d|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"d": date(2022, 2, 5)})
        )
    assert rendered == "05-02-2022 05-02-2022"


def test_date_input_accepts_dd_mm_jjjj():
    from django import forms

    class F(forms.Form):
        datum = forms.DateField()

    with translation.override("nl"):
        form = F({"datum": "05-02-2022"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["datum"] == date(2022, 2, 5)


def test_a9_production_always_asks_the_second_factor():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.PIB_TWEE_FACTOR)",
                    env={**PRODUCTION_ENV, "PIB_TWEE_FACTOR": "false"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def _hoofdafhankelijkheden() -> set[str]:
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {re.split(r"[<>=\[ ;]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]}


def test_item13_every_runtime_import_is_a_main_dependency():
    """What the apps import outside tests must be installed by `pip install .` (the Docker image)."""
    import ast
    from importlib.metadata import packages_distributions

    eigen = {"pib", "inburgering", "signalen", "wi2007", "wi2013", "wi2021", "api"}
    distributies = packages_distributions()
    geimporteerd = set()
    for app in eigen:
        for bestand in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(bestand.read_text())):
                if isinstance(node, ast.Import):
                    geimporteerd |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    geimporteerd.add(node.module.split(".")[0])
    derden = {
        dist.lower()
        for module in geimporteerd - eigen - set(sys.stdlib_module_names)
        for dist in distributies.get(module, [module])
    }
    ontbrekend = derden - _hoofdafhankelijkheden() - {"django"}
    assert "faker" in derden
    assert not ontbrekend, f"imported at runtime but only a dev dependency (or none): {ontbrekend}"


def test_item13_egg_info_is_not_tracked():
    assert "*.egg-info/" in (ROOT / ".gitignore").read_text().splitlines()
    import shutil

    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    tracked = subprocess.run([git, "ls-files", "pib.egg-info"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert tracked.stdout == ""


def test_item11_every_beat_entry_names_a_task_the_worker_knows():
    """A renamed or moved task would leave its beat entry sending messages no worker can run."""
    from django.conf import settings

    from pib.celery import app

    app.loader.import_default_modules()
    onbekend = {
        naam: entry["task"]
        for naam, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] not in app.tasks
    }
    assert "wi2013.tasks.registraties_definitief_maken" in app.tasks
    assert not onbekend


def test_item8_3_the_dockerfile_build_step_collects_static_under_production_settings(tmp_path):
    """The image's collectstatic (manifest storage, hashed names) must succeed with the Dockerfile's own env."""
    stap = re.search(
        r"&& ((?:[A-Z_]+=\S+\s+)+)\\?\s*python manage.py collectstatic", (ROOT / "Dockerfile").read_text()
    )
    assert stap, "Dockerfile has no collectstatic build step"
    env = dict(paar.split("=", 1) for paar in stap.group(1).split())
    env |= {"DJANGO_SETTINGS_MODULE": "pib.settings.production", "STATIC_ROOT": str(tmp_path)}
    result = manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert re.fullmatch(r"css/pdf\.[0-9a-f]{12}\.css", manifest["css/pdf.css"])
    assert re.fullmatch(r"css/pib\.[0-9a-f]{12}\.css", manifest["css/pib.css"])


def test_item8_3_production_refuses_a_per_process_cache():
    env = {**PRODUCTION_ENV, "CELERY_BROKER_URL": "memory://"}
    result = manage("check", env=env)
    assert result.returncode != 0 and "CACHE_URL" in result.stderr
    result = manage("check", env={**env, "CACHE_URL": "redis://127.0.0.1:6379/1"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", ["pib.wsgi", "pib.celery"])
def test_item8_3_servers_and_workers_never_fall_back_to_dev_settings(module):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    for waarde in (None, ""):
        result = subprocess.run(
            [sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True, timeout=60,
            env=env if waarde is None else {**env, "DJANGO_SETTINGS_MODULE": waarde},
        )  # fmt: skip
        assert result.returncode != 0
        assert "DJANGO_SETTINGS_MODULE is not set" in result.stderr


def test_item8_7_manage_py_migrates_as_owner_and_runs_everything_else_as_the_app(tmp_path):
    """migrate uses DATABASE_MIGRATE_URL (owner); other commands keep DATABASE_URL (the app's role)."""
    app, eigenaar = tmp_path / "app.db", tmp_path / "eigenaar.db"
    env = {
        "DJANGO_SETTINGS_MODULE": "pib.settings.dev",
        "DATABASE_URL": f"sqlite:///{app}",
        "DATABASE_MIGRATE_URL": f"sqlite:///{eigenaar}",
    }
    result = manage("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stderr
    assert eigenaar.exists() and not app.exists()
    result = manage(
        "shell", "-c", "from django.db import connection; print(connection.settings_dict['NAME'])", env=env
    )
    assert result.stdout.strip().splitlines()[-1] == str(app)


@pytest.mark.django_db
def test_issue15_postgresql_connections_run_without_jit_and_plan_cursors_for_all_rows():
    """PostgreSQL JIT-compiles every query whose estimated cost passes jit_above_cost: 28-40 ms of compile
    time on a signal list at a million persons that runs in 10 ms without it. The portal turns it off, and
    plans its server-side cursors (the streamed extracts) for reading every row, not the first tenth."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("JIT is a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW cursor_tuple_fraction")
        assert float(cursor.fetchone()[0]) == 1
