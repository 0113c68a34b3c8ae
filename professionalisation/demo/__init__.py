"""The demo professionalisation of partnership ``hos`` (seed_demo, through ``EXTENSIONS``)."""

from professionalisation.demo.runs import load as load_runs

LOADERS = [load_runs]
