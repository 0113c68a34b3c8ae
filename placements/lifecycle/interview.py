"""The introductory interview (kennismakingsgesprek, 002 Bijlage 2 "bespreekpunten"): how the
student prepares, the topics the school ticks off as discussed, and who attended.

The topics follow the customer's list in its order and groups. Sub-points of "practical
information" are one topic (details the student brings along); the school-specific rules and
what the student commits to are one topic each, as the school tells them one by one. Topic
codes are stored on the interview, so a code is never renamed."""

from django.utils.translation import gettext_lazy as _

# Before the interview: what the student does to prepare (Bijlage 2, "Vooraf").
PREPARATION = [
    _("Prepare well for your first contact with the placement school."),
    _("At the placement school you belong to the staff, not to the pupils."),
    _("So pay attention to your appearance and manners."),
    _("Look at the school's website and read up on the school where you will do your placement."),
]

# (group heading, [(code, label)]) in the order of the customer's list.
TOPIC_GROUPS = [
    (
        _("Information from the student"),
        [
            (
                "practical",
                _(
                    "Practical information: address, telephone number, date and place of birth, "
                    "e-mail address, CV (background)"
                ),
            ),
            ("motivation_education", _("Motivation for education")),
            ("motivation_partnership", _("Motivation for the opleidingsschool")),
            ("motivation_school", _("Motivation for the school")),
            ("learning_goals", _("Learning goals")),
        ],
    ),
    (
        _("School-specific"),
        [
            ("school_character", _("Characterisation of the school")),
            ("dress_code", _("Dress code (headscarves etc.)")),
            ("conduct_rules", _("Rules of conduct (shaking hands etc.)")),
            ("vog", _("Certificate of conduct (VOG)")),
            ("confidentiality", _("Secrecy / confidentiality")),
        ],
    ),
    (
        _("What do you say yes to when you join the opleidingsschool?"),
        [
            (
                "track",
                _(
                    "The track at the schools of the opleidingsschool; changing school within "
                    "the opleidingsschool"
                ),
            ),
            ("guides", _("Schoolopleider and werkplekbegeleider")),
            (
                "partnership_meetings",
                _(
                    "Meetings beyond the own school, such as intervision, work-based "
                    "assignments etc."
                ),
            ),
        ],
    ),
    (
        _("Questions for the student"),
        [
            ("expectations", _("What are your expectations of your placement?")),
            ("previous_placements", _("How did your previous placements go (if any)?")),
            ("work_on", _("What do you want to work on during your placement?")),
            ("study_progress", _("How is your study going?")),
            (
                "school_offer",
                _(
                    "What may you expect from the school, and what not? (Taking into account "
                    "what is possible within the school.)"
                ),
            ),
        ],
    ),
]
INTERVIEW_TOPICS = [topic for _heading, topics in TOPIC_GROUPS for topic in topics]
TOPIC_LABELS = dict(INTERVIEW_TOPICS)

# Who takes part (Bijlage 2 step 13: the student, the schoolopleider and the werkplekbegeleider).
STUDENT = "student"
ATTENDEES = ("student", "schoolopleider", "werkplekbegeleider")
ATTENDEE_ROLES = {
    "student": _("Student"),
    "schoolopleider": _("Schoolopleider"),
    "werkplekbegeleider": _("Werkplekbegeleider"),
}


def attendee_names(placement) -> dict[str, str]:
    """The people of the placement by attendee role ('' where nobody is assigned yet)."""
    people = {
        "student": placement.student.person,
        "schoolopleider": placement.schoolopleider,
        "werkplekbegeleider": placement.werkplekbegeleider,
    }
    return {role: person.full_name if person else "" for role, person in people.items()}
