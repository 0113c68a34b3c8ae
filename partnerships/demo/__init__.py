"""The demo partnerships as data: the Haagse Opleidingsschool (HOS) after its opleidingsplan
(002 §1 and §3.2: schools, institutes, pupil numbers, the Lucas cluster) and a small second
partnership, Opleidingsschool Delft (OSD), so that one person working in two partnerships shows.

Everything else (staff, students, qualifications) is generated from these specs by
``demo_plan`` with a seeded random generator, so every run produces the same rows.
"""

from dataclasses import dataclass

from partnerships.glossary import ProgrammeVariant as V

PASSWORD = "demo1234"  # the published demo password; seed_demo sets it directly


@dataclass(frozen=True)
class SchoolSpec:
    name: str
    short_name: str
    board: str
    city: str
    types: tuple[str, ...]
    pupils: tuple[int, ...]  # the current academic year first, then the years before it
    cluster: str = ""
    coordinates_cluster: bool = False  # the cluster's shared schoolcoördinator works here


@dataclass(frozen=True)
class InstituteSpec:
    name: str
    short_name: str
    level: str
    city: str
    trainers: int
    student_number: str  # format with one integer, e.g. "s{:07d}"
    beta_only: bool = False


@dataclass(frozen=True)
class Login:
    slot: str  # which generated person this is (see demo_plan); "" for the platform admin
    email: str
    role: str  # how the login table names the role
    first_name: str
    last_name: str
    tussenvoegsel: str = ""


@dataclass(frozen=True)
class PartnershipSpec:
    slug: str
    name: str
    domain: str
    seed: int
    schools: tuple[SchoolSpec, ...]
    institutes: tuple[InstituteSpec, ...]
    students: int
    mix: tuple[tuple[str, int | None, float], ...]  # (programme variant, hbo year, share)
    logins: tuple[Login, ...] = ()
    focus: tuple[str, str, int] = ("", "", 0)  # (school, subject, n): n students for login wpb
    wpb_per_school: int | None = None  # None: from the pupil numbers


# code, name, shortage subject (tekortvak: the five named in 002 §3.2 plus informatica, agreed)
SUBJECTS = (
    ("nederlands", "Nederlands", False),
    ("engels", "Engels", False),
    ("duits", "Duits", True),
    ("frans", "Frans", True),
    ("wiskunde", "wiskunde", True),
    ("natuurkunde", "natuurkunde", True),
    ("scheikunde", "scheikunde", True),
    ("informatica", "informatica", True),
    ("biologie", "biologie", False),
    ("geschiedenis", "geschiedenis", False),
    ("aardrijkskunde", "aardrijkskunde", False),
    ("economie", "economie", False),
    ("maatschappijleer", "maatschappijleer", False),
    ("lo", "lichamelijke opvoeding", False),
    ("klassieke-talen", "klassieke talen", False),
    ("techniek", "techniek", False),
)
BETA_SUBJECTS = ("wiskunde", "natuurkunde", "scheikunde", "informatica")
# Subjects only some school types teach; every other subject is taught everywhere.
SUBJECT_SCHOOL_TYPES = {
    "klassieke-talen": {"gymnasium"},
    "informatica": {"havo", "vwo", "gymnasium"},
    "techniek": {"vmbo-b", "vmbo-k", "vmbo-gt", "lwoo"},
}


def teaches(school: "SchoolSpec", subject: str) -> bool:
    only = SUBJECT_SCHOOL_TYPES.get(subject)
    return only is None or bool(only & set(school.types))


STUDENT_MIX = (
    (V.HBO_BACHELOR_VOLTIJD, 1, 0.10),
    (V.HBO_BACHELOR_VOLTIJD, 2, 0.12),
    (V.HBO_BACHELOR_VOLTIJD, 3, 0.12),
    (V.HBO_BACHELOR_VOLTIJD, 4, 0.10),
    (V.HBO_BACHELOR_DEELTIJD, 2, 0.03),
    (V.HBO_BACHELOR_DEELTIJD, 3, 0.03),
    (V.HBO_BACHELOR_DEELTIJD, 4, 0.02),
    (V.HBO_MASTER, None, 0.03),
    (V.HBO_KOPOPLEIDING, None, 0.05),
    (V.WO_MASTER_60, None, 0.13),
    (V.WO_MASTER_120, None, 0.12),
    (V.EDUCATIEVE_MINOR, None, 0.07),
    (V.ZIJ_INSTROMER, None, 0.05),
    (V.HOGER_ANDERE_BEVOEGDHEID, None, 0.03),
)

LUCAS = "Lucas-cluster (Corbulo, Diamant, Heldring)"
HOS_SCHOOLS = (
    SchoolSpec("Corbulo College", "Corbulo", "Lucas Onderwijs", "Den Haag",
               ("vmbo-b", "vmbo-k", "lwoo"), (225, 238), LUCAS),
    SchoolSpec("Diamant College", "Diamant", "Lucas Onderwijs", "Den Haag",
               ("vmbo-b", "vmbo-k", "lwoo", "mavo", "isk"), (455, 447), LUCAS),
    SchoolSpec("Heldring College", "Heldring", "Lucas Onderwijs", "Den Haag",
               ("vmbo-b", "vmbo-k", "vmbo-gt", "mavo"), (460, 472), LUCAS, True),
    SchoolSpec("Segbroek College", "Segbroek", "VO Haaglanden", "Den Haag",
               ("mavo", "havo", "vwo"), (2210, 2185)),
    SchoolSpec("'s-Gravendreef College Leidschendam", "sGD Leidschendam", "Scholengroep Spinoza",
               "Leidschendam", ("vmbo-b", "vmbo-k", "vmbo-gt"), (480, 492)),
    SchoolSpec("'s-Gravendreef College Leidschenveen", "sGD Leidschenveen",
               "Scholengroep Spinoza", "Den Haag", ("vmbo-gt", "havo"), (630, 604)),
    SchoolSpec("Roemer Visscher College", "Roemer Visscher", "Scholengroep Den Haag Zuid-West",
               "Den Haag", ("vmbo-b", "vmbo-k", "vmbo-gt", "lwoo"), (415, 421)),
    SchoolSpec("Christelijk Gymnasium Sorghvliet", "Sorghvliet", "", "Den Haag",
               ("gymnasium",), (800, 790)),
    SchoolSpec("Pieter Groen", "Pieter Groen", "Stichting Andreas College", "Katwijk",
               ("vmbo-gt", "havo", "vwo"), (1414, 1390)),
)  # fmt: skip

TU_DELFT = InstituteSpec(
    "TU Delft, Science Education and Communication", "TU Delft SEC", "wo", "Delft", 2,
    "{:07d}", beta_only=True,
)  # fmt: skip
HOS_INSTITUTES = (
    InstituteSpec("Hogeschool Rotterdam, Instituut voor Lerarenopleidingen", "HR", "hbo",
                  "Rotterdam", 5, "{:07d}"),
    InstituteSpec("Universiteit Leiden, ICLON", "ICLON", "wo", "Leiden", 4, "s{:07d}"),
    TU_DELFT,
)  # fmt: skip


def _login(slot, email, role, first, last, tv=""):
    return Login(slot, email, role, first, last, tv)


INSTITUTE_TRAINER = _login(
    "TU Delft SEC:io:0", "instituutsopleider@hos.example",
    "instituutsopleider (TU Delft, in HOS and OSD)", "Pieter", "Berg", "van den",
)  # fmt: skip
HOS_LOGINS = (
    _login("stagecoordinator", "stagecoordinator@hos.example", "stagecoördinator",
           "Marieke", "Dijk", "van"),
    _login("programmamanager", "programmamanager@hos.example", "programme manager",
           "Ruud", "Jansen"),
    _login("administratief", "admin@hos.example", "administrator (subsidy lists)",
           "Fatima", "El Amrani"),
    _login("Segbroek:sc", "schoolcoordinator@hos.example", "schoolcoördinator (Segbroek)",
           "Joost", "Vries", "de"),
    _login("Heldring:sc", "clustercoordinator@hos.example",
           "schoolcoördinator (Lucas cluster)", "Ilse", "Bakker"),
    _login("Segbroek:so:0", "schoolopleider@hos.example", "schoolopleider (Segbroek, BRLO)",
           "Anouk", "Visser"),
    _login("Segbroek:wpb:0", "wpb@hos.example", "werkplekbegeleider (Segbroek, wiskunde)",
           "Mehmet", "Yilmaz"),
    _login("Segbroek:cd:0", "co-docent@hos.example", "co-docent (Segbroek)", "Sanne", "Smit"),
    _login("Segbroek:as:0", "assessor@hos.example", "assessor (Segbroek)", "Karin", "Mulder"),
    _login("Segbroek:ll:0", "schoolleider@hos.example", "school leader (Segbroek)",
           "Hans", "Meijer"),
    INSTITUTE_TRAINER,
    _login("HR:ic:0", "instituutscoordinator@hos.example", "instituutscoördinator (HR)",
           "Yvonne", "Wit", "de"),
    _login("ICLON:ia:0", "instituutsassessor@hos.example", "institute assessor (ICLON)",
           "Bart", "Hendriks"),
    _login("stuurgroep", "stuurgroep@hos.example", "steering group member", "Wim", "Bos"),
    _login("bestuursraad", "bestuursraad@hos.example", "board council member",
           "Gerda", "Leeuwen", "van"),
    _login("werkgroep", "werkgroep@hos.example", "working group member", "Noor", "Haddou"),
    _login("student:0", "student@hos.example", "student (Segbroek, wiskunde)", "Lotte", "Kok"),
)  # fmt: skip
OSD_LOGINS = (
    _login("stagecoordinator", "stagecoordinator@osd.example", "stagecoördinator (OSD)",
           "Esther", "Graaf", "de"),
    INSTITUTE_TRAINER,
)  # fmt: skip
SUPERUSER = _login("", "superuser@hos.example", "platform admin (Django admin)", "Beheer", "HOS")

HOS = PartnershipSpec(
    slug="hos",
    name="Haagse Opleidingsschool",
    domain="hos.example",
    seed=2020,
    schools=HOS_SCHOOLS,
    institutes=HOS_INSTITUTES,
    students=121,
    mix=STUDENT_MIX,
    logins=HOS_LOGINS,
    focus=("Segbroek", "wiskunde", 4),
)
OSD = PartnershipSpec(
    slug="osd",
    name="Opleidingsschool Delft",
    domain="osd.example",
    seed=2015,
    schools=(
        SchoolSpec(
            "Lyceum Delfland",
            "Delfland",
            "Stichting Delfts Onderwijs",
            "Delft",
            ("havo", "vwo", "gymnasium"),
            (1350, 1322),
        ),
        SchoolSpec(
            "Vakcollege Delft-Zuid",
            "Delft-Zuid",
            "Stichting Delfts Onderwijs",
            "Delft",
            ("vmbo-b", "vmbo-k", "vmbo-gt"),
            (520, 541),
        ),
    ),
    institutes=(TU_DELFT,),
    students=10,
    mix=(
        (V.WO_MASTER_60, None, 0.4),
        (V.WO_MASTER_120, None, 0.4),
        (V.EDUCATIEVE_MINOR, None, 0.2),
    ),
    logins=OSD_LOGINS,
    wpb_per_school=4,
)
DEMO_PARTNERSHIPS = (HOS, OSD)


def login_rows() -> list[tuple[str, str, str]]:
    """(role, e-mail, password) for every demo login, each e-mail once."""
    rows, seen = [], set()
    for login in (*HOS_LOGINS, *OSD_LOGINS, SUPERUSER):
        if login.email not in seen:
            seen.add(login.email)
            rows.append((login.role, login.email, PASSWORD))
    return rows
