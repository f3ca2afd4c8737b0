"""On the demo site (loaded once for the module): public pages carry a strict CSP and no inline code; a backup
(portail_backup) restored (portail_restore) into an empty database has the same rows, content and media files."""

import io

import pytest
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from boussole.models import Structure
from dictionnaire.models import Term
from fiches.models import ExperiencePage
from portail.backup import _empty_data_tables, database_has_content, model_counts
from tests.platform.test_deploy import INLINE, assert_strict_csp


def test_public_pages_carry_a_strict_policy_and_no_inline_code(demo_site):
    client = Client()
    pages = [
        "/",
        "/dictionnaire/",
        "/dictionnaire/wi-fi/",
        "/fiches/",
        "/boussole/annuaire/",
        "/dictionnaire/demander/",
    ]
    for address in pages:
        response = client.get(address, secure=True)
        assert response.status_code == 200, address
        assert_strict_csp(response)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        html = response.content.decode()
        for what, pattern in INLINE.items():
            assert not pattern.search(html), f"{address}: {what}"


def snapshot():
    return {
        "term": Term.objects.get(slug="wi-fi").short_definition,
        "fiches": sorted(ExperiencePage.objects.values_list("title", flat=True)),
        "structures": sorted(Structure.objects.values_list("nom", flat=True)),
        "pages": sorted(Page.objects.values_list("url_path", "live")),
    }


def test_a_backup_restores_into_an_empty_database_with_the_same_content(demo_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media-before"
    out = io.BytesIO()
    PILImage.new("RGB", (12, 8), (10, 20, 30)).save(out, "PNG")
    image = get_image_model().objects.create(
        title="Atelier", file=ImageFile(out, name="atelier.png"), collection=Collection.get_first_root_node()
    )
    with image.file.open("rb") as f:
        image_bytes = f.read()
    before_counts, before = model_counts(), snapshot()
    archive = tmp_path / "sauvegarde.tar.gz"

    call_command("portail_backup", str(archive), stdout=io.StringIO())

    with pytest.raises(CommandError, match="contient déjà des données"):
        call_command("portail_restore", str(archive), stdout=io.StringIO())

    _empty_data_tables()  # what a new database has before anything is loaded
    assert not database_has_content() and not Term.objects.exists()
    settings.MEDIA_ROOT = tmp_path / "media-after"

    call_command("portail_restore", str(archive), stdout=io.StringIO())

    assert model_counts() == before_counts
    assert snapshot() == before
    restored = get_image_model().objects.get(title="Atelier")
    with restored.file.open("rb") as f:
        assert f.read() == image_bytes
    assert restored.file.path.startswith(str(tmp_path / "media-after"))
    assert before_counts["dictionnaire.term"] > 50 and before_counts["fiches.experiencepage"] >= 26


def test_a_file_that_is_not_a_backup_is_refused_in_french(db, tmp_path):
    bogus = tmp_path / "pas-une-sauvegarde.tar.gz"
    import tarfile

    with tarfile.open(bogus, "w:gz"):
        pass

    with pytest.raises(CommandError, match="n'est pas une sauvegarde du portail"):
        call_command("portail_restore", str(bogus), stdout=io.StringIO())
