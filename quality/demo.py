"""The demo quality cycle of partnership ``hos``, loaded by ``manage.py seed_demo`` through
``partnerships.demo_load.EXTENSIONS`` in this order (later parts use earlier ones)."""

from .demo_framework import load as load_framework
from .demo_reports import load as load_reports
from .demo_rounds import load as load_rounds
from .demo_surveys import load as load_surveys

LOADERS = [load_framework, load_surveys, load_rounds, load_reports]
