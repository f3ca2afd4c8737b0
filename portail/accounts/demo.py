"""Demo of the network (``load_demo_data``, after the dictionary and the Boussole): two territories, five
contributing structures over them (linked to their Boussole sheets where the demo has them), a moderator per
territory beside the national one, a structure administrator and a pending join request."""

from django.db import transaction

from dictionnaire.models import Accompagnateur, Structure
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS
from portail.accounts.models import JoinRequest
from portail.accounts.services import ensure_structure_managers
from portail.demo_accounts import ensure_demo_user
from portail.models import Territory

#: (name, départements, communes). The MEL's largest communes; the coast of the Pas-de-Calais.
TERRITORIES = [
    (
        "Métropole lilloise",
        "",
        "59350; 59512; 59599; 59009; 59220; 59650; 59378; 59328; 59163; 59299; 59646; 59410; 59360; 59017",
    ),
    ("Littoral Pas-de-Calais", "", "62160; 62193; 62108; 62667; 62318; 62893; 62826; 62643; 62774; 62300; 62604"),
]
#: (name, city, territory, Boussole demo sheet id or None). The first three are the dictionary's demo structures.
STRUCTURES = [
    ("École Saint-Mathieu", "Tourcoing", "Métropole lilloise", None),
    ("Centre socioculturel Belencontre", "Tourcoing", "Métropole lilloise", "belencontre"),
    ("Centre socioculturel Les Phalempins", "Tourcoing", "Métropole lilloise", "phalempins"),
    ("Centre social du Portel", "Le Portel", "Littoral Pas-de-Calais", None),
    ("Médiathèque de Calais", "Calais", "Littoral Pas-de-Calais", None),
]
#: (user name, role said in the final block, territory or None for national)
MODERATORS_BY_TERRITORY = [
    ("moderateur-lille", "modérateur du territoire Métropole lilloise, coordinateur", "Métropole lilloise"),
    ("moderatrice-littoral", "modératrice du territoire Littoral Pas-de-Calais", "Littoral Pas-de-Calais"),
]
PENDING_REQUEST = {
    "structure_name": "Centre social de Berck",
    "commune": "Berck",
    "code_insee": "62108",
    "email": "direction@cs-berck.example",
    "message": "Nous animons un club numérique le mercredi et aimerions y faire écrire des définitions.",
}


@transaction.atomic
def load(home, report):
    from boussole.demo import SOURCE
    from boussole.models import Structure as Sheet

    territories = {}
    for name, departements, communes in TERRITORIES:
        territory, created = Territory.objects.get_or_create(
            name=name, defaults={"departements": departements, "communes": communes}
        )
        territories[name] = territory
        report(territory, created)
    for name, city, territory, sheet_id in STRUCTURES:
        structure, created = Structure.objects.get_or_create(name=name, defaults={"city": city})
        changed = []
        if structure.territory_id is None:
            structure.territory = territories[territory]
            changed.append("territory")
        if sheet_id and structure.boussole_structure_id is None:
            sheet = Sheet.objects.filter(source=SOURCE, source_id=sheet_id, contributing_structure__isnull=True).first()
            if sheet is not None:
                structure.boussole_structure = sheet
                changed.append("boussole_structure")
        if changed:
            structure.save(update_fields=changed)
        if created:
            report(structure, created)

    for username, role, territory in MODERATORS_BY_TERRITORY:
        user = ensure_demo_user(username, role, [MODERATORS])
        if user is not None:
            territories[territory].moderators.add(user)
            if "coordinateur" in role:
                territories[territory].coordinators.add(user)
                user.groups.add(ensure_structure_managers())
    # The teacher of the demo administers her school: she invites its other adults.
    teacher = ensure_demo_user("enseignante-demo", "accompagnatrice", [ACCOMPAGNATEURS])
    if teacher is not None:
        school = Structure.objects.get(name=STRUCTURES[0][0])
        Accompagnateur.attach(teacher, school)
        school.administrators.add(teacher)
        teacher.groups.add(ensure_structure_managers())
    littoral_adult = ensure_demo_user(
        "animatrice-portel", "accompagnatrice (Centre social du Portel, Littoral)", [ACCOMPAGNATEURS]
    )
    if littoral_adult is not None:
        Accompagnateur.attach(littoral_adult, Structure.objects.get(name=STRUCTURES[3][0]))

    if not JoinRequest.objects.filter(structure_name=PENDING_REQUEST["structure_name"]).exists():
        report(JoinRequest.objects.create(**PENDING_REQUEST), True)
