"""Programme tests share the world of the partnerships tests (two partnerships, every role)."""

from tests.partnerships.conftest import shared_world, world  # noqa: F401
