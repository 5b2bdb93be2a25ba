"""The HTTP service, in-process: every endpoint, bad input, the safety defaults."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from typing import Any

import pytest

pytest.importorskip("fastapi")
jsonschema = pytest.importorskip("jsonschema")

from fastapi.testclient import TestClient  # noqa: E402

from casereview.decisions import DECISIONS  # noqa: E402
from casereview.errors import CaseReviewError  # noqa: E402
from casereview.schema import ERROR_SCHEMA, RESULT_SCHEMA  # noqa: E402
from casereview.server import ServerSettings, create_app  # noqa: E402

JSON_TYPE = {"content-type": "application/json"}
"""Raw bodies must say they are JSON (anything else is 415)."""


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def error_entry(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    payload = response.json()
    jsonschema.validate(payload, ERROR_SCHEMA)
    entry: dict[str, Any] = payload["errors"][0]
    return entry


@pytest.mark.parametrize("name", sorted(DECISIONS))
def test_every_decision_endpoint_answers_its_example_as_the_cli_does(
    client: TestClient, name: str
) -> None:
    from casereview.decisions import decide

    response = client.post(f"/{name}", json=DECISIONS[name].example)
    assert response.status_code == 200, response.text
    payload = response.json()
    jsonschema.validate(payload, RESULT_SCHEMA)
    assert payload == decide(name, DECISIONS[name].example)


@pytest.mark.parametrize("name", sorted(DECISIONS))
def test_every_decision_endpoint_refuses_bad_input_with_the_error_format(
    client: TestClient, name: str
) -> None:
    assert error_entry(client.post(f"/{name}", json={"surprise": 1}), 422)["code"].startswith(
        ("invalid", "missing")
    )
    assert (
        error_entry(client.post(f"/{name}", content=b"{nope", headers=JSON_TYPE), 400)["field"]
        == "body"
    )
    assert (
        error_entry(client.post(f"/{name}", content=b"", headers=JSON_TYPE), 400)["field"] == "body"
    )
    assert error_entry(client.post(f"/{name}", json=[1]), 422)["field"] == "inputs"


def test_unknown_label_and_missing_element(client: TestClient) -> None:
    entry = error_entry(client.post("/isr", json={"harm": "Serious"}), 422)
    assert entry["code"] == "unknown_value"
    assert "Death" in entry["allowed"]
    entry = error_entry(client.post("/isr", json={"harm": "severe"}), 422)
    assert (entry["code"], entry["field"]) == ("missing", "duration")


def test_batch_answers_in_order_and_isolates_bad_items(client: TestClient) -> None:
    items = [
        {"decision": "isr", "inputs": {"harm": "Minor"}, "id": 1},
        {"decision": "isr", "inputs": {"harm": "Serious"}, "id": 2},
        {"decision": "nope", "inputs": {}},
        "not an object",
        {"decision": "due-date", "inputs": {"endorsed_on": "2024-12-02"}},
    ]
    response = client.post("/batch", json={"items": items})
    assert response.status_code == 200
    body = response.json()
    assert body["failed"] == 3
    formats = [r["format"] for r in body["results"]]
    assert formats == [
        "casereview.trace/1",
        "casereview.error/1",
        "casereview.error/1",
        "casereview.error/1",
        "casereview.trace/1",
    ]
    assert [r.get("id") for r in body["results"][:2]] == [1, 2]
    assert error_entry(client.post("/batch", json=[]), 422)["field"] == "items"


def test_batch_length_is_bounded() -> None:
    small = TestClient(create_app(ServerSettings.from_options(max_batch_items=2)))
    items = [{"decision": "isr", "inputs": {"harm": "Minor"}}] * 3
    assert error_entry(small.post("/batch", json={"items": items}), 413)["field"] == "items"


def test_an_oversized_body_gets_413() -> None:
    small = TestClient(create_app(ServerSettings.from_options(max_body_bytes=100)))
    body = {"harm": "Minor", "duration": "x" * 200}
    assert error_entry(small.post("/isr", json=body), 413)["field"] == "body"
    chunks = (b'{"harm": "Minor", "pad": "' + b"x" * 50 + b'"}' for _ in range(1))
    streamed = small.post("/isr", content=b"".join(chunks) + b" " * 100, headers=JSON_TYPE)
    assert error_entry(streamed, 413)["field"] == "body"


def test_schema_rules_health_and_openapi(client: TestClient) -> None:
    everything = client.get("/schema").json()
    assert "request.isr" in everything
    assert client.get("/schema/IsrRequest").json()["title"] == "IsrRequest"
    assert error_entry(client.get("/schema/Nope"), 404)["field"] == "model"
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert set(client.get("/decisions").json()) == set(DECISIONS)
    from casereview.catalogue import catalogue_records

    rules = client.get("/rules")
    assert rules.status_code == 200
    assert rules.json() == catalogue_records()
    document = client.get("/openapi.json").json()
    for name in DECISIONS:
        assert f"/{name}" in document["paths"]
    assert {"/batch", "/schema", "/rules", "/health"} <= set(document["paths"])
    assert error_entry(client.get("/nowhere"), 404)["code"] == "not_found"  # was "http"


def test_the_openapi_request_schema_is_the_truthful_one(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    harm = document["components"]["schemas"]["HarmLevel"]
    assert harm["anyOf"][1]["type"] == "string"
    assert "pattern" in harm["anyOf"][1]


def test_a_key_is_required_off_loopback_and_checked() -> None:
    with pytest.raises(CaseReviewError, match="api_key"):
        ServerSettings.from_options(host="0.0.0.0")
    keyed = TestClient(create_app(ServerSettings.from_options(host="0.0.0.0", api_key="s3cret")))
    body = {"harm": "Minor"}
    assert error_entry(keyed.post("/isr", json=body), 401)["field"] == "api_key"
    wrong = keyed.post("/isr", json=body, headers={"X-API-Key": "nope"})
    assert error_entry(wrong, 401)["code"] == "unauthorised"
    assert keyed.post("/isr", json=body, headers={"X-API-Key": "s3cret"}).status_code == 200
    bearer = {"Authorization": "Bearer s3cret"}
    assert keyed.post("/isr", json=body, headers=bearer).status_code == 200
    assert keyed.get("/schema", headers={}).status_code == 401
    assert keyed.get("/health").status_code == 200


def test_cors_is_off_unless_configured(client: TestClient) -> None:
    preflight = {"Origin": "https://ehr.example", "Access-Control-Request-Method": "POST"}
    response = client.options("/isr", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    allowed = TestClient(
        create_app(ServerSettings.from_options(cors_origins=("https://ehr.example",)))
    )
    response = allowed.options("/isr", headers=preflight)
    assert response.headers["access-control-allow-origin"] == "https://ehr.example"


def test_no_request_body_reaches_the_logs(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Patient-Jane-Citizen-1234"
    with caplog.at_level(logging.DEBUG):
        client.post("/isr", json={"harm": "Minor", "duration": secret})
        client.post("/isr", content=("{" + secret).encode(), headers=JSON_TYPE)
        client.post("/validate-cims-case-review", json={"incident_summary": secret})
    assert secret not in caplog.text
    assert all(secret not in str(record.args) for record in caplog.records)


def test_importing_casereview_does_not_import_the_server() -> None:
    code = "import sys, casereview, casereview.vhims; print('fastapi' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().lower()) is False


@pytest.mark.parametrize(
    "body", [b'{"harm": NaN}', b'{"harm": Infinity}', b"[" * 100_000 + b"]" * 100_000, b"\xff"]
)
def test_non_json_constants_deep_nesting_and_bad_bytes_are_400(
    client: TestClient, body: bytes
) -> None:
    assert error_entry(client.post("/isr", content=body, headers=JSON_TYPE), 400)["field"] == "body"


def test_vectors_endpoint(client: TestClient) -> None:
    from casereview.vhims import LogicMap

    response = client.get("/vectors")
    assert response.status_code == 200
    assert response.json() == json.loads(LogicMap.default().vectors_json())


def test_a_configured_logic_map_rates_and_is_named() -> None:
    from casereview.vhims import LogicMap

    text = LogicMap.default().to_csv_text()
    rows = [
        "Minor,,,4,secondary,hospital-ims,Figure 1,," if row.startswith("Minor,,,") else row
        for row in text.splitlines()
    ]
    hospital = LogicMap.from_csv_text("\n".join(rows) + "\n", name="hospital-a")
    served = TestClient(create_app(ServerSettings.from_options(logic_map=hospital)))
    result = served.post("/isr", json={"harm": "Minor"}).json()
    assert result["outcome"]["isr"] == 4
    assert result["logic_map"] == {"name": "hospital-a", "digest": hospital.digest}
    assert served.get("/vectors").json()["logic_map"] == "hospital-a"


# ---------------------------------------------------------------------------- vendor findings


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_not_declared_json_gets_415(client: TestClient, content_type: str | None) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = client.post("/isr", content=b'{"harm": "Minor"}', headers=headers)
    assert error_entry(response, 415)["field"] == "content_type"
    ok = client.post(
        "/isr",
        content=b'{"harm": "Minor"}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert ok.status_code == 200


def test_a_bom_is_accepted_over_http(client: TestClient) -> None:
    response = client.post("/isr", content=b'\xef\xbb\xbf{"harm": "Minor"}', headers=JSON_TYPE)
    assert response.status_code == 200
    assert response.json()["outcome"]["isr"] == 3


def test_404_and_405_have_their_own_codes(client: TestClient) -> None:
    assert error_entry(client.get("/nowhere"), 404)["code"] == "not_found"
    assert error_entry(client.get("/isr"), 405)["code"] == "method_not_allowed"


def test_no_page_loads_anything_from_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_openapi_declares_the_api_key() -> None:
    keyed = TestClient(create_app(ServerSettings.from_options(api_key="k")))
    document = keyed.get("/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert schemes["Bearer"]["scheme"] == "bearer"
    assert document["paths"]["/isr"]["post"]["security"] == [{"ApiKey": []}, {"Bearer": []}]
    assert "security" not in document["paths"]["/health"]["get"]
    open_document = TestClient(create_app()).get("/openapi.json").json()
    assert {} in open_document["paths"]["/isr"]["post"]["security"]


def test_batch_refusals_start_with_their_field(client: TestClient) -> None:
    for body in ({}, {"items": 1}):
        entry = error_entry(client.post("/batch", json=body), 422)
        assert str(entry["message"]).startswith("items: ")
    response = client.post("/batch", json={"items": [5]})
    (entry,) = response.json()["results"][0]["errors"]
    assert entry["message"].startswith("items[0]: expected an object")
