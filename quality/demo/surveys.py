"""Demo surveys (loaded by seed_demo after the framework, before the rounds): the three shipped
templates, and the three surveys in use copied from them — "Studentenenquête", "Enquête
werkplekbegeleiders" and "KOOS zelfevaluatie" — with the framework's student and mentor survey
instruments pointing at the first two. Idempotent: surveys are found by name, templates by key."""

from django.db import transaction

from partnerships.models import Partnership
from quality.choices import InstrumentKind, TargetGroup
from quality.models import Instrument, Survey
from quality.services.surveys import survey_copy, survey_templates_install

IN_USE = [  # (template_key, name of the survey in use, instruments' target group)
    ("students", "Studentenenquête", TargetGroup.STUDENTS),
    ("mentors", "Enquête werkplekbegeleiders", TargetGroup.MENTORS),
    ("koos", "KOOS zelfevaluatie", None),
]


@transaction.atomic
def load(partnership: Partnership) -> str | None:
    installed = survey_templates_install(partnership=partnership)
    made = 0
    for key, name, target_group in IN_USE:
        survey = Survey.objects.filter(partnership=partnership, name=name).first()
        if survey is None:
            template = Survey.objects.get(partnership=partnership, template_key=key)
            survey = survey_copy(survey=template, name=name)
            made += 1
        if target_group:
            Instrument.objects.filter(
                partnership=partnership,
                kind=InstrumentKind.SURVEY,
                target_group=target_group,
                survey__isnull=True,
            ).update(survey=survey)
    if not installed and not made:
        return None
    return f"quality surveys: {len(installed)} templates, {made} surveys in use"
