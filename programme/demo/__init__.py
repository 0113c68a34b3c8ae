"""The demo programme of partnership ``hos`` (seed_demo, through ``EXTENSIONS``), in order."""

from programme.demo.events import load as load_events
from programme.demo.groups import load as load_groups

LOADERS = [load_events, load_groups]
# The benchmark partnership (seed_demo --scale) gets the same programme (partnerships.demo.bench).
BENCH_LOADERS = LOADERS
