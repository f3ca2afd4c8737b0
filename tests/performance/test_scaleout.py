"""The switches of a national deployment: read replica, S3 media, gunicorn workers, static files."""

import importlib.util
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

import dictionnaire
from dictionnaire.models import Term
from portail.db_router import PrimaryReplicaRouter
from portail.settings.base import database_from_url
from portail.settings.scaleout import media_storage, replica_database

PROJECT = Path(dictionnaire.__file__).resolve().parent.parent


def test_without_replica_everything_uses_the_primary(settings):
    assert replica_database({}, database_from_url) is None
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Term) == "default"
    assert router.db_for_write(Term) == "default"


def test_the_replica_url_adds_a_replica_that_mirrors_the_primary_in_tests():
    environ = {"DATABASE_REPLICA_URL": "postgres://lecture@replica.example:5432/portail"}
    replica = replica_database(environ, database_from_url)
    assert replica["ENGINE"] == "django.db.backends.postgresql"
    assert replica["HOST"] == "replica.example"
    assert replica["TEST"] == {"MIRROR": "default"}


@pytest.mark.django_db
def test_the_router_reads_from_the_replica_and_writes_to_the_primary(settings, monkeypatch):
    from django.db import connections

    monkeypatch.setitem(connections.databases, "replica", {**connections.databases["default"]})
    router = PrimaryReplicaRouter()
    assert router.db_for_write(Term) == "default"
    assert router.allow_migrate("replica", "dictionnaire") is False
    assert router.allow_migrate("default", "dictionnaire") is True
    # Tests run inside a transaction: reads stay on the primary, which alone sees what was just written.
    assert router.db_for_read(Term) == "default"
    with transaction.atomic():
        assert router.db_for_read(Term) == "default"
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    assert router.db_for_read(Term) == "replica"
    term = Term(word="Wi-Fi")
    term._state.db = "default"
    assert router.db_for_read(Term, instance=term) == "default"


def test_media_go_to_s3_when_a_bucket_is_set(monkeypatch):
    # Credentials given: boto3 never looks for others (instance metadata) on the network.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    assert media_storage({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    storage = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "portail-medias",
            "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
            "AWS_S3_REGION_NAME": "fr-par",
        }
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "portail-medias"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert storage["OPTIONS"]["querystring_auth"] is False
    if importlib.util.find_spec("storages") is not None:  # the `s3` extra is installed
        from django.utils.module_loading import import_string

        backend = import_string(storage["BACKEND"])(**storage["OPTIONS"])
        assert backend.bucket_name == "portail-medias"
        assert backend.url("images/photo.webp") == "https://s3.example.org/portail-medias/images/photo.webp"


def load_gunicorn_config(monkeypatch, **environ):
    for name in ("GUNICORN_WORKERS", "WEB_CONCURRENCY", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", PROJECT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gunicorn_workers_come_from_the_environment(monkeypatch):
    assert load_gunicorn_config(monkeypatch, GUNICORN_WORKERS="4", GUNICORN_BIND="0.0.0.0:9000").workers == 4
    assert load_gunicorn_config(monkeypatch, WEB_CONCURRENCY="3").workers == 3
    default = load_gunicorn_config(monkeypatch)
    assert default.workers >= 2
    assert default.bind == "127.0.0.1:8000"


def test_production_static_files_are_fingerprinted_compressed_and_kept_long(settings, tmp_path):
    from django.templatetags.static import static
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Only the project's own files (Django's and Wagtail's admin files are the same kind, and many).
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin/*", "wagtail*"])
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["portail/css/site.css"]
    assert hashed != "portail/css/site.css" and hashed.startswith("portail/css/site.")
    assert (tmp_path / f"{hashed}.gz").exists()
    assert static("portail/css/site.css") == f"/static/{hashed}"

    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    response = middleware(RequestFactory().get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip"))
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
