"""A definition's images (« une ou des images »): each with its required description, re-encoded without its
metadata, kept in the revisions, shown on the term page once published and listed in the export."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from dictionnaire.images import TermImage
from dictionnaire.models import Term, Workshop

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def photo(name="photo.jpg", colour=(200, 30, 30)):
    """A small JPEG with EXIF data: the camera and where it was taken."""
    picture = PILImage.new("RGB", (60, 40), colour)
    exif = PILImage.Exif()
    exif[0x010F] = "Appareil de la maîtresse"  # Make
    exif[0x0110] = "Téléphone 3000"  # Model
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def draft_data(term=None, **changes):
    data = {
        "word": term.word if term else "Mode avion",
        "category": term.category if term else "internet",
        "short_definition": term.short_definition if term else "Le téléphone n'envoie plus d'ondes.",
        "full_text": "",
        "definition_synonyms": "",
        "usages": "",
        "danger": "",
        "cool": "",
        "base_revision": term.latest_revision_id if term else "",
    }
    data.update(changes)
    return data


@pytest.fixture
def pupil(classroom, teacher):
    workshop = Workshop.open(classroom, teacher)
    client = Client()
    client.post("/dictionnaire/atelier/", {"code": workshop.code, "nickname": "Léo"})
    return client


@pytest.fixture
def claimed(word_request, classroom):
    word_request.claim(classroom)
    return word_request


def test_the_draft_form_sends_files_and_offers_three_images(pupil, claimed):
    page = text(pupil.get(reverse("dictionnaire:draft_new", args=[claimed.pk])))

    assert 'enctype="multipart/form-data"' in page
    assert page.count('type="file"') == 3
    assert "Décris l'image en une phrase pour ceux qui ne la voient pas." in page


def test_an_image_without_its_description_is_refused_and_the_text_is_kept(pupil, claimed):
    response = pupil.post(
        reverse("dictionnaire:draft_new", args=[claimed.pk]),
        draft_data(short_definition="Le téléphone ne capte plus rien.", image_1=photo(), image_1_texte="  "),
    )

    assert response.status_code == 200
    page = text(response)
    assert "Décris l'image en une phrase : c'est obligatoire pour ceux qui ne la voient pas." in page
    assert "Le téléphone ne capte plus rien." in page  # what the pupil typed is still in the form
    assert "choisis de nouveau tes images" in page
    assert not Term.objects.filter(word="Mode avion").exists()
    assert not Image.objects.exists()


def test_an_adult_is_told_with_vous(teacher, classroom, claimed):
    adult = Client()
    adult.force_login(teacher)
    response = adult.post(
        reverse("dictionnaire:draft_new", args=[claimed.pk]),
        draft_data(classe=classroom.pk, image_1=photo(), image_1_texte=""),
    )

    assert "Décrivez l'image en une phrase : c'est obligatoire" in text(response)


def test_images_are_stored_re_encoded_without_their_metadata(pupil, claimed):
    response = pupil.post(
        reverse("dictionnaire:draft_new", args=[claimed.pk]),
        draft_data(
            image_1=photo(),
            image_1_texte="Un téléphone avec un petit avion en haut de l'écran.",
            image_2=photo("deux.jpg", (20, 20, 200)),
            image_2_texte="Le bouton du mode avion dans les réglages.",
        ),
    )

    assert response.status_code == 302
    term = Term.objects.get(word="Mode avion")
    images = list(term.images.order_by("sort_order"))
    assert [i.alt_text for i in images] == [
        "Un téléphone avec un petit avion en haut de l'écran.",
        "Le bouton du mode avion dans les réglages.",
    ]
    for term_image in images:
        with term_image.image.file.open("rb") as stored, PILImage.open(stored) as decoded:
            assert not decoded.getexif()
            assert "exif" not in decoded.info
    # the draft's revision holds them too: the moderators' preview and the publication read it
    assert [i.alt_text for i in term.get_latest_revision_as_object().images.all()] == [i.alt_text for i in images]


def test_new_images_wait_in_the_revision_then_show_on_the_page_once_published(
    pupil, published_term, moderator, dictionary_index
):
    response = pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        draft_data(published_term, image_1=photo(), image_1_texte="Une box avec ses antennes."),
    )
    assert response.status_code == 302

    assert 'alt="Une box avec ses antennes."' not in text(Client().get("/dictionnaire/wi-fi/"))
    assert not TermImage.objects.exists()
    revision = Term.objects.get(pk=published_term.pk).get_latest_revision()
    assert [i.alt_text for i in revision.as_object().images.all()] == ["Une box avec ses antennes."]

    # the class's read-only preview shows it already
    preview = text(pupil.get(reverse("dictionnaire:draft_preview", args=[published_term.pk])))
    assert 'alt="Une box avec ses antennes."' in preview

    revision.publish(user=moderator)
    page = text(Client().get("/dictionnaire/wi-fi/"))
    assert 'alt="Une box avec ses antennes."' in page
    assert TermImage.objects.filter(term=published_term).count() == 1

    exported = Client().get(f"/api/dictionnaire/termes/{published_term.slug}/").json()
    assert [image["texte_alternatif"] for image in exported["images"]] == ["Une box avec ses antennes."]
    assert exported["images"][0]["url"].startswith("http")

    # an earlier revision, without the image, brings the page back as it was
    earlier = published_term.revisions.order_by("pk").first()
    assert list(earlier.as_object().images.all()) == []


def test_a_description_can_be_changed_and_an_image_removed(pupil, published_term):
    first = Image.objects.create(title="box", file=photo("box.jpg"))
    second = Image.objects.create(title="antenne", file=photo("antenne.jpg"))
    published_term.images = [
        TermImage(image=first, alt_text="Une box."),
        TermImage(image=second, alt_text="Une antenne."),
    ]
    published_term.save()
    published_term.save_revision().publish()
    url = reverse("dictionnaire:draft_edit", args=[published_term.pk])
    page = text(pupil.get(url))
    assert page.count('type="file"') == 1  # three images at most: two are there

    response = pupil.post(
        url,
        draft_data(
            published_term,
            image_existante_1_texte="Une box blanche posée sur un meuble.",
            image_existante_2_texte="Une antenne.",
            image_existante_2_retirer="on",
        ),
    )

    assert response.status_code == 302
    latest = Term.objects.get(pk=published_term.pk).get_latest_revision_as_object()
    assert [(i.image_id, i.alt_text) for i in latest.images.all()] == [
        (first.pk, "Une box blanche posée sur un meuble.")
    ]


def test_a_kept_image_still_needs_its_description(pupil, published_term):
    image = Image.objects.create(title="box", file=photo("box.jpg"))
    published_term.images = [TermImage(image=image, alt_text="Une box.")]
    published_term.save()
    published_term.save_revision().publish()

    response = pupil.post(
        reverse("dictionnaire:draft_edit", args=[published_term.pk]),
        draft_data(published_term, image_existante_1_texte=""),
    )

    assert response.status_code == 200
    assert "Décris l'image en une phrase : c'est obligatoire" in text(response)


def test_the_admin_edits_the_images_inline(moderator, published_term):
    admin = Client()
    admin.force_login(moderator)

    page = text(admin.get(reverse("wagtailsnippets_dictionnaire_term:edit", args=[published_term.pk])))

    assert 'id="id_images-TOTAL_FORMS"' in page


def test_a_description_with_personal_data_is_refused(pupil, claimed):
    response = pupil.post(
        reverse("dictionnaire:draft_new", args=[claimed.pk]),
        draft_data(image_1=photo(), image_1_texte="La tablette de Marie Dupont, écris-lui à marie@example.org"),
    )

    assert response.status_code == 200
    assert "Ton texte contient une adresse e-mail" in text(response)
    assert not Term.objects.filter(word="Mode avion").exists()


def test_a_moderator_adds_an_image_in_the_admin_and_it_is_kept_in_the_revision(moderator, published_term):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    image = Image.objects.create(title="box", file=photo("box.jpg"))
    admin = Client()
    admin.force_login(moderator)
    data = nested_form_data(
        {
            "word": published_term.word,
            "slug": published_term.slug,
            "category": published_term.category,
            "variants": published_term.variants,
            "synonyms": "",
            "short_definition": published_term.short_definition,
            "full_definition": rich_text("<p>La box l'envoie.</p>"),
            "definition_synonyms": "",
            "usages": "",
            "danger": "",
            "cool": "",
            "image_alt": "",
            "credit_year": "",
            "images": inline_formset([{"image": image.pk, "alt_text": "Une box blanche."}]),
        }
    )
    data["loaded_revision_id"] = published_term.latest_revision_id

    response = admin.post(reverse("wagtailsnippets_dictionnaire_term:edit", args=[published_term.pk]), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    latest = Term.objects.get(pk=published_term.pk).get_latest_revision_as_object()
    assert [(i.image_id, i.alt_text) for i in latest.images.all()] == [(image.pk, "Une box blanche.")]

    data["images-0-alt_text"] = ""
    data["loaded_revision_id"] = Term.objects.get(pk=published_term.pk).latest_revision_id
    data["action-publish"] = "action-publish"
    response = admin.post(reverse("wagtailsnippets_dictionnaire_term:edit", args=[published_term.pk]), data)
    assert response.status_code == 200  # an image cannot be published without its description
    assert not TermImage.objects.exists()
