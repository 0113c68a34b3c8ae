"""The programme's dashboard cards; each part keeps its own provider."""

from .dashboard_events import cards as event_cards
from .dashboard_groups import cards as group_cards

PROVIDERS = [event_cards, group_cards]
