"""Import and export of structures and services in the data·inclusion format (schema 1.0.8) and CSV."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from boussole.io.exporter import export_csv, export_records
from boussole.io.formats import read_csv
from boussole.io.importer import import_file, import_records
from boussole.models import Service, Structure
from boussole.validation import field_names

pytestmark = pytest.mark.django_db


def structure_record(identifier="cs-1", **fields):
    record = dict.fromkeys(field_names("structure"))
    record.update(
        {
            "source": "cnfs",
            "id": identifier,
            "nom": "Centre social des Bois Blancs",
            "date_maj": "2026-10-01",
            "description": "Centre social de quartier.",
            "lien_source": "https://exemple.org/structures/cs-1",
            "siret": "12345678901234",
            "commune": "Lille",
            "code_postal": "59000",
            "code_insee": "59350",
            "adresse": "1 rue de l'Exemple",
            "complement_adresse": "Bâtiment B",
            "longitude": 3.0312,
            "latitude": 50.6335,
            "telephone": "+33320000000",
            "courriel": "accueil@exemple.org",
            "site_web": "https://exemple.org",
            "horaires_accueil": "Mo-Fr 09:00-12:00,14:00-18:00; PH off",
            "accessibilite_lieu": "https://acceslibre.beta.gouv.fr/app/exemple/",
            "reseaux_porteurs": ["fcsf", "caf"],
        }
    )
    record.update(fields)
    return record


def service_record(identifier="svc-1", structure_id="cs-1", **fields):
    record = dict.fromkeys(field_names("service"))
    record.update(
        {
            "source": "cnfs",
            "structure_id": structure_id,
            "id": identifier,
            "nom": "Atelier parents et écrans",
            "description": "Un atelier pour parler des écrans à la maison.",
            "date_maj": "2026-10-02",
            "type": "atelier",
            "thematiques": ["famille--soutien-a-la-parentalite-et-a-leducation"],
            "frais": "payant",
            "frais_precisions": "2 euros",
            "publics": ["familles", "seniors"],
            "modes_accueil": ["en-presentiel"],
            "zone_eligibilite": ["59", "62"],
            "modes_mobilisation": ["telephoner"],
            "mobilisable_par": ["usagers"],
            "volume_horaire_hebdomadaire": 1.5,
            "nombre_semaines": 10,
            "horaires_accueil": "We 14:00-16:00",
        }
    )
    record.update(fields)
    return record


def rows(records):
    return list(enumerate(records, start=1))


def test_data_inclusion_json_round_trip_gives_the_same_records():
    structures = [structure_record(), structure_record("cs-2", nom="CCAS de Roubaix", siret=None, latitude=None)]
    services = [service_record(), service_record("svc-2", "cs-2", publics=["tous-publics"], thematiques=None)]
    content = json.dumps({"structures": structures, "services": services})

    report = import_file("annuaire.json", content)
    exported_structures, exported_services = export_records()

    assert report.applied and report.created == {"structure": 2, "service": 2}
    assert exported_structures == structures
    assert exported_services == services
    assert list(exported_structures[0]) == field_names("structure")  # the schema's order


def test_importing_the_same_file_twice_changes_nothing():
    content = json.dumps({"structures": [structure_record()], "services": [service_record()]})
    import_file("a.json", content)

    report = import_file("a.json", content)

    assert report.unchanged == {"structure": 1, "service": 1}
    assert Structure.objects.count() == 1 and Service.objects.count() == 1


def test_rows_are_upserted_by_source_and_id():
    import_records(rows([structure_record()]), [])
    report = import_records(rows([structure_record(nom="Centre social renommé"), structure_record("cs-9")]), [])

    assert report.updated["structure"] == 1 and report.created["structure"] == 1
    assert Structure.objects.get(source="cnfs", source_id="cs-1").nom == "Centre social renommé"


def test_bad_rows_are_all_reported_and_nothing_is_changed():
    import_records(rows([structure_record()]), [])
    bad = [
        structure_record(nom="Renommé"),  # a good row: must not be applied either
        structure_record("cs-2", code_insee="59999"),
        structure_record("cs-3", horaires_accueil="lundi 9h"),
        structure_record("cs-4", nom=None),
        structure_record("cs-5", code_postal="62000"),
    ]
    services = [service_record("svc-1", "cs-1", thematiques=["famille--inconnue"]), service_record("svc-2", "nope")]

    report = import_records(rows(bad), rows(services))

    reasons = {row.identifier: " ".join(row.reasons) for row in report.rejected}
    assert "code INSEE inconnu" in reasons["cnfs/cs-2"]
    assert "horaires d'ouverture illisibles" in reasons["cnfs/cs-3"]
    assert "champ obligatoire manquant : « nom »" in reasons["cnfs/cs-4"]
    assert "ne correspond pas à la commune Lille" in reasons["cnfs/cs-5"]
    assert "thématique inconnue : « famille--inconnue »" in reasons["cnfs/svc-1"]
    assert "structure « nope » inconnue" in reasons["cnfs/svc-2"]
    assert not report.applied
    assert list(Structure.objects.values_list("nom", flat=True)) == ["Centre social des Bois Blancs"]
    assert Service.objects.count() == 0


def test_a_dry_run_reports_without_writing():
    report = import_records(rows([structure_record()]), rows([service_record()]), dry_run=True)

    assert report.created == {"structure": 1, "service": 1} and not report.rejected
    assert Structure.objects.count() == 0


def test_csv_export_reads_back_as_the_same_records():
    import_records(rows([structure_record()]), rows([service_record()]))

    structures, _ = read_csv(export_csv("structure"))
    _, services = read_csv(export_csv("service"))

    expected_structures, expected_services = export_records()
    assert [record for _, record in structures] == expected_structures
    assert [record for _, record in services] == expected_services


def test_import_command_refuses_a_bad_file_and_lists_the_rows(tmp_path, capsys):
    path = Path(tmp_path) / "mauvais.json"
    path.write_text(json.dumps([structure_record(date_maj="2999-01-01")]), encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("boussole_import", str(path))

    assert "date de mise à jour hors limites" in capsys.readouterr().err
    assert Structure.objects.count() == 0


def test_import_command_dry_run_then_real_run(tmp_path, capsys):
    path = Path(tmp_path) / "bon.json"
    path.write_text(json.dumps([structure_record(), service_record()]), encoding="utf-8")

    call_command("boussole_import", str(path), "--dry-run")
    assert Structure.objects.count() == 0
    call_command("boussole_import", str(path))

    assert Service.objects.get().structure.nom == "Centre social des Bois Blancs"
    assert "2/2 enregistrements écrits" in capsys.readouterr().out


def test_a_file_that_is_not_json_gets_a_clear_message(tmp_path):
    path = Path(tmp_path) / "x.json"
    path.write_text("{pas du json", encoding="utf-8")

    with pytest.raises(CommandError, match="n'est pas du JSON valide"):
        call_command("boussole_import", str(path))


def test_imported_sheets_count_as_verified_on_their_source_date():
    import_records(rows([structure_record(date_maj="2026-10-01")]), [])

    assert Structure.objects.get().verified_at == date(2026, 10, 1)


def test_admin_import_screen_shows_every_rejected_row(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = json.dumps([structure_record(), structure_record("cs-2", reseaux_porteurs=["inconnu"])]).encode()
    upload = SimpleUploadedFile("annuaire.json", content, content_type="application/json")

    response = admin_client.post("/admin/boussole/import/", {"file": upload, "dry_run": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Import refusé : rien n'a été modifié" in html
    assert "valeur inconnue dans « reseaux_porteurs » : « inconnu »" in html
    assert Structure.objects.count() == 0


def test_admin_import_screen_is_for_editors_only(client, django_user_model):
    user = django_user_model.objects.create_user("lecteur", password="x" * 12)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get("/admin/boussole/import/").status_code in {302, 403}


def test_a_spreadsheet_csv_with_semicolons_reports_bad_rows_by_line(tmp_path):
    text = (
        "source;id;nom;date_maj;code_insee;code_postal;horaires_accueil;reseaux_porteurs\n"
        "tableur;a1;Centre social du Nord;2026-09-01;59350;59000;Mo-Fr 09:00-17:00;fcsf|caf\n"
        "tableur;a2;CCAS;2026-09-01;59350;59000;tous les jours;\n"
    )

    report = import_file("annuaire.csv", text.encode())

    assert [(row.line, row.identifier) for row in report.rejected] == [(3, "tableur/a2")]
    assert not report.applied and Structure.objects.count() == 0
    fixed = import_file("annuaire.csv", text.replace("tous les jours", "Mo-Fr 08:30-12:00").encode())
    assert fixed.applied
    assert Structure.objects.get(source_id="a1").reseaux_porteurs == ["fcsf", "caf"]


# -- bulk writes: what save() and its signals do must happen for imported rows too ----------------------------


def concrete_values(instance, *excluded):
    skip = {"id", "source_id", *excluded}
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields if f.name not in skip}


def test_an_imported_structure_gets_what_save_computes():
    """Département, commune from the INSEE code and slug: the same as a structure saved one by one."""
    from boussole.io.datainclusion import record_to_attributes

    record = structure_record(commune=None)  # the commune's name comes from its INSEE code
    saved = Structure(live=True, **record_to_attributes("structure", structure_record("cs-0", commune=None)))
    saved.verified_at = saved.date_maj
    saved.save()
    twin = structure_record("cs-2", commune=None)  # same name and place: the next free slug, in memory

    import_records(rows([record, twin]), rows([service_record(code_insee="80021", code_postal="80000")]))

    imported = Structure.objects.get(source_id="cs-1")
    assert saved.departement == "59" and saved.commune == "Lille"
    assert concrete_values(imported, "slug") == concrete_values(Structure.objects.get(pk=saved.pk), "slug")
    assert saved.slug == "centre-social-des-bois-blancs-lille"
    assert imported.slug == "centre-social-des-bois-blancs-lille-2"
    assert Structure.objects.get(source_id="cs-2").slug == "centre-social-des-bois-blancs-lille-3"
    service = Service.objects.get()
    assert (service.departement, service.commune, service.structure) == ("80", "Amiens", imported)


def test_an_update_in_bulk_recomputes_the_place_and_keeps_the_slug():
    from wagtail.models import ReferenceIndex

    import_records(rows([structure_record(), structure_record("cs-2")]), rows([service_record()]))
    slug = Structure.objects.get(source_id="cs-1").slug
    moved = structure_record(commune=None, code_insee="80021", code_postal="80000", date_maj="2026-11-01")

    report = import_records(rows([moved]), rows([service_record(structure_id="cs-2", nom="Atelier écrans")]))

    structure = Structure.objects.get(source_id="cs-1")
    assert report.updated == {"structure": 1, "service": 1}
    assert (structure.departement, structure.commune, structure.slug) == ("80", "Amiens", slug)
    assert structure.verified_at == date(2026, 11, 1)
    assert "amiens" in structure.search_text  # the annuaire's search columns follow the update
    service = Service.objects.get()
    assert (service.nom, service.structure.source_id) == ("Atelier écrans", "cs-2")
    assert "atelier ecrans" in service.search_text
    references = {s.source_id: len(ReferenceIndex.get_references_to(s)) for s in Structure.objects.all()}
    assert references == {"cs-1": 0, "cs-2": 1}  # Wagtail's « utilisé par » follows the service


def test_an_import_moves_the_boussole_cache_on_and_indexes_what_it_wrote(monkeypatch):
    from wagtail.models import ReferenceIndex

    from boussole.io import importer
    from portail.cache import generation

    indexed = []

    class Backend:
        catch_indexing_errors = False

        def add_bulk(self, model, objects):
            indexed.append((model, [o.source_id for o in objects]))

    monkeypatch.setattr(importer, "get_search_backends_with_name", lambda with_auto_update: [("test", Backend())])
    before = generation("boussole")

    import_records(rows([structure_record(), structure_record("cs-2")]), rows([service_record()]))

    assert generation("boussole") != before
    assert indexed == [(Structure, ["cs-1", "cs-2"]), (Service, ["svc-1"])]
    structure = Structure.objects.get(source_id="cs-1")
    assert [r.object_id for r in ReferenceIndex.get_references_to(structure)] == [str(Service.objects.get().pk)]
    recorded = list(ReferenceIndex.objects.values())
    ReferenceIndex.create_or_update_for_object(Service.objects.get())  # what a save() would have recorded
    assert list(ReferenceIndex.objects.values()) == recorded


def test_the_import_command_reports_progress_by_batch(tmp_path, capsys, monkeypatch):
    from boussole.io import importer

    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    path = Path(tmp_path) / "lot.json"
    structures = [structure_record(f"cs-{n}") for n in range(3)]
    path.write_text(json.dumps({"structures": structures, "services": [service_record(structure_id="cs-0")]}))

    call_command("boussole_import", str(path))

    out = capsys.readouterr().out
    assert [line.strip() for line in out.splitlines() if "écrits" in line] == [
        "2/4 enregistrements écrits",
        "3/4 enregistrements écrits",
        "4/4 enregistrements écrits",
    ]
    assert Structure.objects.count() == 3 and len(set(Structure.objects.values_list("slug", flat=True))) == 3
