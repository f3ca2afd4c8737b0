import pytest

from dictionnaire.search import text


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Téléchargé", "telecharge"),
        ("QR-code", "qr code"),
        ("  l'écran   tactile ", "l ecran tactile"),
        ("cœur", "coeur"),
        ("@", "@"),
    ],
)
def test_fold_removes_case_accents_and_punctuation(typed, meant):
    assert text.fold(typed) == meant


def test_compact_joins_words_spelled_apart():
    assert text.compact("you tube") == text.compact("YouTube") == "youtube"
    assert text.compact("mot-de-passe") == text.compact("motdepasse")


@pytest.mark.parametrize(("plural", "singular"), [("réseaux", "reseau"), ("sociaux", "social"), ("mots", "mot")])
def test_singular_of_common_plurals(plural, singular):
    assert text.singular(text.fold(plural)) == singular


@pytest.mark.parametrize(
    ("heard", "written"),
    [
        ("ouifi", "Wi-Fi"),
        ("smartfone", "Smartphone"),
        ("pronot", "Pronote"),
        ("spame", "Spam"),
        ("amesonage", "Hameçonnage"),
        ("cyberarcèlement", "Cyberharcèlement"),
        ("couki", "Cookie"),
        ("klavié", "Clavier"),
    ],
)
def test_sound_alike_spellings_share_a_phonetic_key(heard, written):
    assert text.phonetic(heard) == text.phonetic(written)


def test_different_words_keep_different_phonetic_keys():
    keys = {text.phonetic(word) for word in ["souris", "clavier", "écran", "tablette", "logiciel", "lien"]}
    assert len(keys) == 6


def test_acronyms_are_spelled_out_as_french_letters():
    assert text.phonetic("gépéesse") == text.phonetic(text.spelled_out("GPS"))
    assert text.phonetic("ésemesse") == text.phonetic(text.spelled_out("SMS"))
    assert text.spelled_out("Souris") == ""


def test_skeleton_matches_what_was_heard_of_an_acronym():
    assert text.skeleton("kiou ar code") == text.skeleton("QR code") != ""


def test_stems_drop_stop_words_and_inflections():
    assert text.stems("Appeler ses petits-enfants en vidéo") == ["appel", "petit", "enfant", "video"]
