"""The quality cycle's dashboard cards; each part of the app keeps its own provider."""

from .dashboard_calendar import cards as calendar_cards
from .dashboard_reports import cards as report_cards
from .dashboard_rounds import cards as round_cards

PROVIDERS = [calendar_cards, round_cards, report_cards]
