"""The programme's dashboard cards; each part keeps its own provider."""

from programme.dashboard.events import cards as event_cards
from programme.dashboard.groups import cards as group_cards

PROVIDERS = [event_cards, group_cards]
