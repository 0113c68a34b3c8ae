"""The three questionnaires every partnership gets as templates, as plain data.

The texts are stored content that the partnership edits afterwards, so they are written in
Dutch (the customer's language for content) and are not gettext strings. They follow the themes
of the partnership's quality plan and the KOOS self-evaluation in our own words.

Each template: ``name``, ``introduction`` and ``sections``; a section has ``title``,
``description``, ``quality_area`` and ``questions``; a question is a dict with ``text`` and
``kind`` plus optional ``options``, ``allow_dont_know`` (default True for scale kinds),
``required`` and ``quality_area``."""

from .choices import QualityArea as A
from .choices import QuestionKind as K

ANONYMITY = (
    "De enquête is anoniem: je antwoorden worden zonder je naam opgeslagen en alleen getoond "
    "voor groepen van ten minste vijf respondenten."
)


def _scale(*texts: str, required: bool = False) -> list[dict]:
    return [{"text": t, "kind": K.SCALE, "required": required} for t in texts]


def _double(*texts: str) -> list[dict]:
    return [{"text": t, "kind": K.DOUBLE_SCALE} for t in texts]


def _open(text: str) -> dict:
    return {"text": text, "kind": K.OPEN, "allow_dont_know": False}


STUDENT_SURVEY = {
    "name": "Studentenenquête (sjabloon)",
    "introduction": (
        "Twee keer per jaar vragen we studenten hoe zij hun opleiding in de school ervaren. "
        "Geef bij elke stelling aan in hoeverre je het ermee eens bent (1 = helemaal oneens, "
        "5 = helemaal eens); kies ? als je het niet weet. " + ANONYMITY
    ),
    "sections": [
        {
            "title": "Begeleiding door je werkplekbegeleider",
            "description": "Over de begeleiding in en rond de lessen die je geeft.",
            "quality_area": A.OPLEIDEN,
            "questions": _scale(
                "Mijn werkplekbegeleider maakt voldoende tijd vrij voor mij.",
                "Ik krijg na mijn lessen bruikbare feedback.",
                "Mijn werkplekbegeleider helpt mij mijn leerdoelen te bereiken.",
                "Ik kan met mijn vragen altijd bij mijn werkplekbegeleider terecht.",
                required=True,
            ),
        },
        {
            "title": "Begeleiding door de schoolopleider",
            "description": "Over de schoolopleider die de studenten in de school begeleidt.",
            "quality_area": A.OPLEIDEN,
            "questions": [
                *_scale(
                    "De schoolopleider is goed bereikbaar.",
                    "De intervisiebijeenkomsten met andere studenten helpen mij verder.",
                    "De schoolopleider bewaakt de voortgang van mijn stage.",
                ),
                {
                    "text": "Hoe vaak heb je contact met je schoolopleider?",
                    "kind": K.SINGLE,
                    "options": [
                        "Elke week",
                        "Elke twee weken",
                        "Ongeveer eens per maand",
                        "Minder dan eens per maand",
                    ],
                },
            ],
        },
        {
            "title": "Opleidingsprogramma en praktijkdagen",
            "description": "Over de gezamenlijke bijeenkomsten van de opleidingsschool.",
            "quality_area": A.AANBOD,
            "questions": _scale(
                "De bijeenkomsten sluiten aan bij wat ik in de klas meemaak.",
                "Ik leer van de ontmoetingen met studenten van andere scholen en opleidingen.",
                "Wat ik op het instituut leer, kan ik op school toepassen.",
            ),
        },
        {
            "title": "Je werkplek in de school",
            "description": "Over de ruimte die je krijgt om te leren.",
            "quality_area": A.KLIMAAT,
            "questions": _scale(
                "Ik krijg ruimte om bij collega's in de les te kijken.",
                "Ik mag nieuwe werkvormen uitproberen, ook als iets mislukt.",
                "Ik voel me welkom in het team van de school.",
                "Ik word betrokken bij vernieuwingen in de school.",
            ),
        },
        {
            "title": "Informatie en organisatie",
            "description": "",
            "quality_area": A.MIDDELEN,
            "questions": [
                *_scale(
                    "Ik wist bij de start van mijn stage wat er van mij verwacht werd.",
                    "Afspraken over rooster, beoordeling en bijeenkomsten zijn duidelijk.",
                ),
                {
                    "text": "Hoe kreeg je de meeste informatie over je stage?",
                    "kind": K.SINGLE,
                    "options": [
                        "Van mijn werkplekbegeleider",
                        "Van de schoolopleider",
                        "Van het instituut",
                        "Via de website of de nieuwsbrief",
                    ],
                },
            ],
        },
        {
            "title": "Tot slot",
            "description": "Je tops en tips lezen we allemaal; ze komen in het kwaliteitsrapport.",
            "quality_area": "",
            "questions": [
                *_scale("Ik zou deze school aanraden als stageplek.", required=True),
                _open("Tops: wat gaat er goed in je opleiding in de school?"),
                _open("Tips: wat kan er beter?"),
            ],
        },
    ],
}

MENTOR_SURVEY = {
    "name": "Enquête werkplekbegeleiders (sjabloon)",
    "introduction": (
        "Twee keer per jaar vragen we werkplekbegeleiders naar hun ervaringen met het "
        "begeleiden van studenten. Kies bij elke stelling 1 (helemaal oneens) tot 5 (helemaal "
        "eens) of ? als je het niet weet. " + ANONYMITY
    ),
    "sections": [
        {
            "title": "Ondersteuning door de school",
            "description": "",
            "quality_area": A.POSITIONERING,
            "questions": _scale(
                "De schoolleiding vindt het begeleiden van studenten belangrijk.",
                "De schoolopleider ondersteunt mij bij de begeleiding.",
                "Collega's denken mee over de begeleiding van studenten.",
                required=True,
            ),
        },
        {
            "title": "Tijd en facilitering",
            "description": "",
            "quality_area": A.MIDDELEN,
            "questions": [
                *_scale(
                    "Ik krijg voldoende tijd voor het begeleiden van mijn student.",
                    "De afspraken over facilitering worden nagekomen.",
                ),
                {
                    "text": "Hoeveel tijd besteed je gemiddeld per week aan je student?",
                    "kind": K.SINGLE,
                    "options": [
                        "Minder dan een uur",
                        "Een tot twee uur",
                        "Twee tot vier uur",
                        "Meer dan vier uur",
                    ],
                },
            ],
        },
        {
            "title": "Contact met de instituutsopleider",
            "description": "",
            "quality_area": A.OPLEIDEN,
            "questions": _scale(
                "Ik weet wie de instituutsopleider van mijn student is.",
                "Het contact met het instituut over de voortgang is voldoende.",
                "Ik ben goed op de hoogte van de opdrachten die mijn student moet uitvoeren.",
            ),
        },
        {
            "title": "Professionalisering",
            "description": "",
            "quality_area": A.PROFESSIONALISEREN,
            "questions": [
                *_scale(
                    "Het aanbod voor werkplekbegeleiders sluit aan bij mijn behoefte.",
                    "Ik leer van de uitwisseling met andere werkplekbegeleiders.",
                ),
                {
                    "text": "Aan welke activiteiten heb je dit halfjaar deelgenomen?",
                    "kind": K.MULTIPLE,
                    "options": [
                        "Basistraining werkplekbegeleiding",
                        "Intervisie met andere begeleiders",
                        "Bijeenkomst van de opleidingsschool",
                        "Studiemiddag over onderzoek in de school",
                        "Geen van deze",
                    ],
                },
            ],
        },
        {
            "title": "Voorbereiding van de student",
            "description": "",
            "quality_area": A.PARTICIPATIE,
            "questions": _scale(
                "Mijn student was goed voorbereid op de stage.",
                "Mijn student neemt deel aan het gewone schoolleven (vergaderingen, "
                "ouderavonden, activiteiten).",
            ),
        },
        {
            "title": "Tot slot",
            "description": "",
            "quality_area": "",
            "questions": [
                _open("Tops: wat gaat er goed in het samen opleiden?"),
                _open("Tips: wat kan er beter?"),
            ],
        },
    ],
}

KOOS_AREAS: list[tuple[str, str, list[str]]] = [
    (
        A.POSITIONERING,
        "Positionering",
        [
            "Het opleiden van studenten is verankerd in het beleid van de school.",
            "Taken en verantwoordelijkheden rond het opleiden zijn duidelijk verdeeld.",
            "Team en directie dragen het opleiden in de school.",
            "Het opleiden is verbonden met onderwijsvernieuwing en personeelsbeleid.",
        ],
    ),
    (
        A.KLIMAAT,
        "Klimaat",
        [
            "Studenten voelen zich veilig en welkom in de school.",
            "Studenten mogen fouten maken en krijgen ruimte om te leren.",
            "Collega's staan open voor vragen en ideeën van studenten.",
        ],
    ),
    (
        A.OPLEIDEN,
        "Opleiden",
        [
            "Er is een duidelijke opleidingsstructuur in de school.",
            "Begeleiding en beoordeling van studenten zijn goed georganiseerd.",
            "Begeleiders beschikken over voldoende deskundigheid.",
            "School en instituut werken samen bij het opleiden.",
        ],
    ),
    (
        A.PARTICIPATIE,
        "Participatie",
        [
            "Studenten doen mee aan de dagelijkse praktijk van de school.",
            "Studenten nemen deel aan overleg en activiteiten buiten de les.",
            "Studenten krijgen gaandeweg meer verantwoordelijkheid.",
        ],
    ),
    (
        A.AANBOD,
        "Aanbod",
        [
            "De school biedt leeractiviteiten speciaal voor studenten.",
            "Het aanbod voor studenten wordt geëvalueerd en vernieuwd.",
            "Het aanbod sluit aan bij wat studenten op het instituut leren.",
        ],
    ),
    (
        A.ONDERZOEK,
        "Onderzoek",
        [
            "Leraren en studenten werken aan een onderzoekende houding.",
            "Onderzoek van studenten draagt bij aan de ontwikkeling van de school.",
            "Studenten worden goed begeleid bij hun praktijkonderzoek.",
        ],
    ),
    (
        A.PROFESSIONALISEREN,
        "Professionaliseren",
        [
            "Leraren werken structureel aan hun eigen ontwikkeling.",
            "Intervisie en collegiaal leren zijn gewoon in de school.",
            "Opleiders en begeleiders zijn geschoold voor hun taak.",
        ],
    ),
    (
        A.MIDDELEN,
        "Middelen",
        [
            "Er is voldoende tijd voor het opleiden van studenten.",
            "Er is budget voor het opleiden en professionaliseren.",
            "Studenten hebben een werkplek en de materialen die zij nodig hebben.",
        ],
    ),
]

KOOS_SELF_EVALUATION = {
    "name": "KOOS zelfevaluatie (sjabloon)",
    "introduction": (
        "Deze zelfevaluatie gaat over de acht kwaliteitsgebieden van een opleidingsschool. "
        "Geef bij elke stelling twee scores van 1 (helemaal niet) tot 5 (helemaal): hoe het "
        "volgens jou zou moeten zijn (gewenste situatie) en hoe het nu is (huidige situatie). "
        "Kies ? als je het niet weet. Het verschil tussen beide is het startpunt voor het "
        "gesprek in de school. " + ANONYMITY
    ),
    "sections": [
        {
            "title": title,
            "description": "",
            "quality_area": area,
            "questions": _double(*statements),
        }
        for area, title, statements in KOOS_AREAS
    ],
}

# template_key -> template; the keys are stored on the installed surveys (never change them).
TEMPLATES: dict[str, dict] = {
    "students": STUDENT_SURVEY,
    "mentors": MENTOR_SURVEY,
    "koos": KOOS_SELF_EVALUATION,
}
