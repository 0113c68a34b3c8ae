"""The demo quality cycle of partnership ``hos``, loaded by ``manage.py seed_demo`` through
``partnerships.demo.load.EXTENSIONS`` in this order (later parts use earlier ones)."""

from quality.demo.framework import load as load_framework
from quality.demo.reports import load as load_reports
from quality.demo.rounds import load as load_rounds
from quality.demo.surveys import load as load_surveys
from quality.demo.targets import load as load_targets

LOADERS = [load_framework, load_surveys, load_rounds, load_targets, load_reports]
# The benchmark partnership: the surveys, rounds and reports (the framework is the demo's own).
BENCH_LOADERS = [load_surveys, load_rounds, load_reports]
