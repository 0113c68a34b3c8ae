"""Professionalisation's dashboard cards; each part keeps its own provider."""

from .dashboard_compliance import cards as compliance_cards
from .dashboard_runs import cards as run_cards

PROVIDERS = [run_cards, compliance_cards]
