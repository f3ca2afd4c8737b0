"""The import command: idempotent, respectful of editors' changes, all-or-nothing, clear about bad files."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from fiches import importer
from fiches.models import ExperiencePage
from tests.fiches.conftest import page_for


def run_import(*args):
    out = io.StringIO()
    call_command("import_fiches", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """What a failed import must leave untouched."""
    return (
        Revision.objects.count(),
        sorted(ExperiencePage.objects.values_list("pk", "title", "latest_revision_id", "live")),
    )


def write(tmp_path, records):
    path = tmp_path / "fiches.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_running_the_import_again_changes_nothing(index):
    before = snapshot()

    output = run_import()

    assert "0 créées, 0 mises à jour, 26 inchangées, 0 laissées telles quelles" in output
    assert snapshot() == before


def test_load_demo_data_twice_keeps_26_fiches(index):
    call_command("load_demo_data", stdout=io.StringIO())

    assert ExperiencePage.objects.count() == 26


def test_a_changed_file_updates_its_fiche_only(index, booklet_records, tmp_path):
    records = copy.deepcopy(booklet_records)
    records[4]["sections"][0]["texte"] += "\n\nUn paragraphe ajouté en 2020."

    output = run_import(write(tmp_path, records))

    assert "0 créées, 1 mises à jour, 25 inchangées" in output
    assert page_for(records[4]["numero"]).sections == records[4]["sections"]


def test_an_editors_change_is_kept_unless_forced(index, booklet_records):
    page = page_for(2)
    page.title = "Titre revu par la structure"
    page.save_revision().publish()

    output = run_import()

    assert "1 laissées telles quelles" in output
    assert "--force" in output
    assert page_for(2).title == "Titre revu par la structure"

    output = run_import("--force")

    assert "1 mises à jour" in output
    assert page_for(2).title == booklet_records[1]["titre"]
    assert "0 créées, 0 mises à jour, 26 inchangées" in run_import()


def test_a_deleted_fiche_comes_back(index, booklet_records):
    page_for(5).delete()

    assert "1 créées" in run_import()
    assert page_for(5).sections == booklet_records[4]["sections"]


#: case → (fiche number, how the fiche is broken, the field the message must name)
BAD_FILES = {
    "missing title": (7, lambda r: r.pop("titre"), "titre"),
    "section text not a string": (12, lambda r: r["sections"][2].update(texte=42), "sections[3].texte"),
    "unknown département": (20, lambda r: r.update(departement_code="99"), "departement_code"),
    "no sections": (26, lambda r: r.update(sections=[]), "sections"),
    "themes not a list": (3, lambda r: r.update(themes="tablette"), "themes"),
    "contact without structure": (9, lambda r: r["contact"].pop("structure"), "contact.structure"),
    "duplicate number": (2, lambda r: r.update(numero=1), "numero"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_malformed_file_is_refused_naming_fiche_and_field_and_changes_nothing(index, booklet_records, tmp_path, case):
    number, change, field = BAD_FILES[case]
    records = copy.deepcopy(booklet_records)
    record = next(r for r in records if r["numero"] == number)
    change(record)
    records[0]["titre"] = "Changement qui ne doit pas passer"
    before = snapshot()

    with pytest.raises(CommandError) as error:
        run_import(write(tmp_path, records))

    message = str(error.value)
    assert "Fichier refusé, rien n'a été changé" in message
    assert f"fiche n° {record['numero']}" in message
    assert f"champ « {field} »" in message
    if "titre" in record:
        assert f"« {record['titre']} »" in message
    assert snapshot() == before


def test_a_file_that_is_not_json_is_refused(index, tmp_path):
    path = tmp_path / "fiches.json"
    path.write_text("[{", encoding="utf-8")
    before = snapshot()

    with pytest.raises(CommandError, match="pas du JSON valide"):
        run_import(str(path))
    assert snapshot() == before


def test_a_failure_while_writing_undoes_the_whole_import(index, booklet_records, tmp_path, monkeypatch):
    records = copy.deepcopy(booklet_records)
    for record in records:
        record["titre"] += " (2e édition)"
    real_fill = importer.fill_page

    def fill_then_fail(page, record, insert_page):
        if record["numero"] == 20:
            raise RuntimeError("disque plein")
        real_fill(page, record, insert_page)

    monkeypatch.setattr(importer, "fill_page", fill_then_fail)
    before = snapshot()

    with pytest.raises(RuntimeError):
        run_import(write(tmp_path, records), "--force")
    assert snapshot() == before
