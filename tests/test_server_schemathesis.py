"""Schemathesis against the service's own OpenAPI: no request makes it fail with a 5xx.

Kept short for ``make test`` (a few examples per operation); ``make fuzz-server`` runs more.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import Case  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from casereview.server import create_app  # noqa: E402

EXAMPLES = int(os.environ.get("CASEREVIEW_SCHEMATHESIS_EXAMPLES", "5"))

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@schema.parametrize()  # type: ignore[untyped-decorator,misc,unused-ignore]
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_request_makes_the_service_fail(case: Case[Any]) -> None:
    case.call_and_validate(checks=[not_a_server_error])
