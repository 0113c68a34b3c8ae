"""Professionalisation tests share the world of the partnerships tests."""

from tests.partnerships.conftest import shared_world, world  # noqa: F401
