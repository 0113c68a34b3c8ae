"""schemathesis against the OpenAPI schema at /api/schema/ (issue 17, item 3): every operation
is called with generated data through the live WSGI app, with a token of every scope, and each
answer must be documented (status, content type, body against its schema) and never a 5xx.

Part of the normal pytest run: a few examples per operation keep it well under a minute. The
partnership, student and year in the addresses are real ones, so the calls reach the services
(random ones only meet 404s, which tests/partnerships/apitokens/test_api.py covers)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application

from .conftest import make_token

EXAMPLES = 6


# Loaded once at collection through the WSGI app (the schema view reads no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# The token is sent by the test, not generated (a generated one is a 401 and tests nothing).
schema.config.generation.update(with_security_parameters=False)


@pytest.fixture(autouse=True)
def _keep_connection_open():
    """The WSGI app is called directly (not through Django's test client): keep the test's
    database connection open around each request, as the test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def secret(world):
    return make_token(world)[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, secret, world):
    if case.meta and case.meta.generation.mode == GenerationMode.POSITIVE:
        real = {
            "partnership": "alfa",
            "personId": world.student1.pk,
            "academicSession": "2026-2027",
        }
        for name in case.path_parameters or {}:
            if name in real:
                case.path_parameters[name] = real[name]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}"},
        # Schema-valid data may name a subject, year or school that does not exist: a 400 is
        # the right answer there, not a failure (test_api.py checks the accepted cases).
        excluded_checks=[positive_data_acceptance],
    )


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    assert "no-store" in docs["Cache-Control"]
    policy = docs["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert docs.content.decode().count(f'nonce="{nonce}"') == 4  # three scripts and the style
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
