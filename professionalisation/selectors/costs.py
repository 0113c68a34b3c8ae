"""What professionalisation costs, for the partnership's budget (registered in
``ProfessionalisationConfig.ready`` into ``partnerships.finance.registry``): each run's costs in
integer cents; cancelled runs cost nothing."""

from partnerships.finance.registry import Amount

from ..choices import RunStatus
from ..models import Run


def run_costs(partnership, academic_year) -> list[Amount]:
    runs = (
        Run.objects.filter(
            activity__partnership=partnership, academic_year=academic_year, cost_cents__gt=0
        )
        .exclude(status=RunStatus.CANCELLED)
        .select_related("activity__partnership")
    )
    return [Amount(str(run), run.cost_cents, run.get_absolute_url()) for run in runs]
