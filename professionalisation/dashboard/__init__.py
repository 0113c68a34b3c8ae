"""Professionalisation's dashboard cards; each part keeps its own provider."""

from professionalisation.dashboard.compliance import cards as compliance_cards
from professionalisation.dashboard.runs import cards as run_cards

PROVIDERS = [run_cards, compliance_cards]
