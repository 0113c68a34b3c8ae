"""The quality cycle's dashboard cards; each part of the app keeps its own provider."""

from quality.dashboard.calendar import cards as calendar_cards
from quality.dashboard.reports import cards as report_cards
from quality.dashboard.rounds import cards as round_cards

PROVIDERS = [calendar_cards, round_cards, report_cards]
