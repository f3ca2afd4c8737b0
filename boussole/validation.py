"""Checks of one data·inclusion record (structure or service) against the schema 1.0.8 and its referentials.

Used by the import (each rejected row says why) and by the models' ``clean`` (the admin says the same).
Returns plain French messages (through gettext), one per problem.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from boussole import hours
from boussole.referentials import communes, referential, schema_fields

REFERENTIAL_OF = {
    "type": "types_de_services",
    "frais": "frais",
    "thematiques": "thematiques",
    "publics": "publics",
    "modes_accueil": "modes_accueil",
    "modes_mobilisation": "modes_mobilisation",
    "mobilisable_par": "personnes_mobilisatrices",
    "reseaux_porteurs": "reseaux_porteurs",
}
ARRAY_FIELDS = {*REFERENTIAL_OF} - {"type", "frais"} | {"zone_eligibilite"}
URL_FIELDS = {"lien_source", "site_web", "accessibilite_lieu", "lien_mobilisation"}
NUMBER_FIELDS = {"longitude", "latitude", "volume_horaire_hebdomadaire"}
ZONE_PATTERN = re.compile(r"^(\w{5}|\w{2,3}|\d{9}|99[0-5]\d{2}|france)$")

_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


def _is_blank(value):
    return value is None or value == "" or value == []


def field_names(kind):
    return [field["name"] for field in schema_fields(kind)]


def validate_record(kind, record, today=None):
    """The problems of ``record`` (a dict in data·inclusion form) as French sentences; ``[]`` when it is valid."""
    today = today or date.today()
    errors = []
    known = set(field_names(kind))
    unknown = sorted(set(record) - known)
    if unknown:
        errors.append(_("champ(s) inconnu(s) du schéma data·inclusion : %(names)s") % {"names": ", ".join(unknown)})
    for field in schema_fields(kind):
        name = field["name"]
        value = record.get(name)
        if _is_blank(value):
            if field["required"]:
                errors.append(_("champ obligatoire manquant : « %(name)s »") % {"name": name})
            continue
        errors.extend(_check_field(name, value, today))
    _check_place(record, errors)
    return errors


def _check_field(name, value, today):
    errors = []
    if name in ARRAY_FIELDS:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return [_("« %(name)s » doit être une liste de codes") % {"name": name}]
        if len(set(value)) != len(value):
            errors.append(_("« %(name)s » contient des doublons") % {"name": name})
        if name in REFERENTIAL_OF:
            allowed = referential(REFERENTIAL_OF[name])
            for item in value:
                if item not in allowed:
                    if name == "thematiques":
                        errors.append(_("thématique inconnue : « %(value)s »") % {"value": item})
                    else:
                        errors.append(
                            _("valeur inconnue dans « %(name)s » : « %(value)s »") % {"name": name, "value": item}
                        )
        if name == "publics" and "tous-publics" in value and len(value) > 1:
            errors.append(_("« tous-publics » ne peut pas être combiné avec d'autres publics"))
        if name == "zone_eligibilite":
            errors.extend(
                _("code de zone d'éligibilité invalide : « %(code)s »") % {"code": code}
                for code in value
                if not ZONE_PATTERN.match(code)
            )
        return errors
    if name in NUMBER_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return [_("« %(name)s » doit être un nombre") % {"name": name}]
        if name == "latitude" and not -90 <= value <= 90 or name == "longitude" and not -180 <= value <= 180:
            return [_("« %(name)s » hors des limites : %(value)s") % {"name": name, "value": value}]
        if name == "volume_horaire_hebdomadaire" and value < 0:
            return [_("« %(name)s » doit être positif") % {"name": name}]
        return []
    if name == "nombre_semaines":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return [_("« nombre_semaines » doit être un entier supérieur ou égal à 1")]
        return []
    if not isinstance(value, str):
        return [_("« %(name)s » doit être un texte") % {"name": name}]
    if name == "nom" and not 3 <= len(value) <= 150:
        errors.append(_("le nom doit faire entre 3 et 150 caractères"))
    elif name == "description" and not 5 <= len(value) <= 10000:
        errors.append(_("la description doit faire entre 5 et 10 000 caractères"))
    elif name == "date_maj":
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            errors.append(
                _("date de mise à jour invalide : « %(value)s » (format attendu AAAA-MM-JJ)") % {"value": value}
            )
        else:
            if not date(2000, 1, 1) <= parsed <= today:
                errors.append(_("date de mise à jour hors limites : « %(value)s »") % {"value": value})
    elif name in URL_FIELDS:
        try:
            _url(value)
        except ValidationError:
            errors.append(_("adresse web invalide dans « %(name)s » : « %(value)s »") % {"name": name, "value": value})
    elif name == "courriel":
        try:
            _email(value)
        except ValidationError:
            errors.append(_("courriel invalide : « %(value)s »") % {"value": value})
    elif name == "siret" and not re.fullmatch(r"\d{14}", value):
        errors.append(_("SIRET invalide : « %(value)s » (14 chiffres)") % {"value": value})
    elif name == "code_postal" and not re.fullmatch(r"\d{5}", value):
        errors.append(_("code postal invalide : « %(value)s »") % {"value": value})
    elif name == "code_insee" and not re.fullmatch(r"\w{5}", value):
        errors.append(_("code INSEE invalide : « %(value)s »") % {"value": value})
    elif name == "horaires_accueil" and not hours.is_valid(value):
        errors.append(
            _("horaires d'ouverture illisibles (format OpenStreetMap attendu) : « %(value)s »") % {"value": value}
        )
    elif name in REFERENTIAL_OF and value not in referential(REFERENTIAL_OF[name]):
        errors.append(_("valeur inconnue dans « %(name)s » : « %(value)s »") % {"name": name, "value": value})
    return errors


def _check_place(record, errors):
    """An INSEE code of the region must exist, and agree with the postal code when both are given."""
    code_insee = record.get("code_insee")
    if not code_insee or not re.fullmatch(r"\w{5}", str(code_insee)):
        return
    commune = communes().get(code_insee)
    if commune is None:
        if code_insee[:2] in {"02", "59", "60", "62", "80"}:
            errors.append(
                _("code INSEE inconnu : « %(code)s » (aucune commune des Hauts-de-France)") % {"code": code_insee}
            )
        return
    code_postal = record.get("code_postal")
    if code_postal and code_postal not in commune.codes_postaux:
        errors.append(
            _("le code postal « %(postal)s » ne correspond pas à la commune %(commune)s (INSEE %(code)s)")
            % {"postal": code_postal, "commune": commune.nom, "code": code_insee}
        )
