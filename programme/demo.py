"""The demo programme of partnership ``hos`` (seed_demo, through ``EXTENSIONS``), in order."""

from .demo_events import load as load_events
from .demo_groups import load as load_groups

LOADERS = [load_events, load_groups]
