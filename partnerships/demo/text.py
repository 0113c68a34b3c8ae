"""Names and texts the demo generator draws from (Dutch, as in a Hague partnership)."""

FIRST_NAMES = (
    "Anna", "Bram", "Daan", "Emma", "Eva", "Fleur", "Floor", "Hanna", "Iris", "Jasper",
    "Jesse", "Julia", "Lars", "Lisa", "Luuk", "Maartje", "Milan", "Naomi", "Niels", "Noah",
    "Romy", "Ruben", "Sara", "Sem", "Sophie", "Stijn", "Thijs", "Tim", "Vera", "Wouter",
    "Yara", "Zoë", "Ayoub", "Bilal", "Dewi", "Elif", "Emre", "Hatice", "Imane", "Kevin",
    "Latifa", "Mohamed", "Nadia", "Omar", "Priya", "Rachid", "Samira", "Soufiane", "Tamara",
    "Youssef", "Annemiek", "Bas", "Caroline", "Dirk", "Ellen", "Frank", "Geert", "Inge",
    "Jeroen", "Marloes", "Monique", "Paul", "Rob", "Saskia", "Tessa", "Willem",
)  # fmt: skip

# (tussenvoegsel, last name)
LAST_NAMES = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
    ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
    ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"), ("", "Hoekstra"),
    ("", "Maas"), ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"),
    ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("", "Yilmaz"), ("", "El Idrissi"),
    ("", "Bouzid"), ("", "Kaya"), ("", "Demir"), ("", "Ramdin"), ("", "Sewnath"),
    ("", "Aydın"), ("", "Benali"), ("", "Ouali"), ("", "Nguyen"), ("", "Kramer"),
    ("", "Postma"), ("", "Kuipers"), ("van", "Wijk"), ("", "Zwart"), ("", "Vink"),
)  # fmt: skip

LEARNING_GOALS = (
    "Ik wil mijn klassenmanagement versterken, vooral bij de start en het einde van de les.",
    "Ik wil differentiëren binnen één les voor leerlingen met verschillende niveaus.",
    "Ik wil formatief evalueren: per les nagaan wat leerlingen al beheersen.",
    "Ik wil een lessenserie ontwerpen en na afloop met mijn werkplekbegeleider evalueren.",
    "Ik wil een positieve relatie opbouwen met een lastige klas in de onderbouw.",
    "Ik wil leren hoe ik taalgericht vakonderwijs geef aan meertalige leerlingen.",
    "Ik wil oefenen met het voeren van gesprekken met ouders en mentoren.",
    "Ik wil mijn instructie korter en activerender maken.",
    "Ik wil een kleinschalig praktijkonderzoek uitvoeren naar feedback in mijn lessen.",
    "Ik wil ervaring opdoen in de bovenbouw havo/vwo, met examenklassen.",
    "Ik wil ervaring opdoen in het vmbo en passende praktijkopdrachten ontwerpen.",
    "Ik wil mijn eigen lessen filmen en die met een medestudent nabespreken.",
    "Ik wil digitale middelen doelgericht inzetten, niet als doel op zich.",
    "Ik wil beter omgaan met verschillen in motivatie binnen de klas.",
    "Ik wil toetsen maken die aansluiten bij de leerdoelen van de lessenserie.",
    "Ik wil mijn rol als mentor verkennen door een mentorklas mee te begeleiden.",
)  # fmt: skip

OVERRIDE_REASON = (
    "Volgt het deeltijdtraject als tweede bevoegdheid; volgens het instituut valt de "
    "plaatsing onder categorie g."
)
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"

# Parts of generated school names for the benchmark partnership.
SCHOOL_NAME_PARTS = (
    "Erasmus", "Huygens", "Spinoza", "Grotius", "Vermeer", "Hofstad", "Duinzicht", "Zuiderpark",
    "Westland", "Haaglanden", "Oranje", "Bosch", "Rijswijks", "Ypenburg", "Scheveningen",
    "Loosduinen", "Escamp", "Mariahoeve", "Laak", "Transvaal",
)  # fmt: skip
SCHOOL_NAME_KINDS = ("College", "Lyceum", "Scholengemeenschap")
BENCH_CITIES = ("Den Haag", "Rijswijk", "Delft", "Zoetermeer", "Leidschendam", "Wassenaar")
