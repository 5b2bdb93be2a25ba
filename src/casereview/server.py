"""The optional HTTP service (extra ``server``): one endpoint per decision, the CLI's JSON.

``casereview serve`` runs it with uvicorn, bound to 127.0.0.1 unless told otherwise. Every
decision is ``POST /<decision>`` with the decision's inputs as the JSON body (the same names and
models as ``casereview decide``); ``POST /batch`` takes many; ``GET /schema``, ``/rules``,
``/health`` and ``/openapi.json`` describe it. A result is ``casereview.trace/1`` (200), a
refusal ``casereview.error/1`` (400 malformed JSON, 401 no key, 404, 413 too large, 422 refused
input): the same objects as the command line.

Safe by default (``docs/security.md``): it stores nothing and never logs a request body; request
bodies and batches are bounded; an API key (``X-API-Key`` or ``Authorization: Bearer``) is
required whenever it is bound to anything but loopback; CORS is off unless origins are given.

Importing :mod:`casereview` never imports this module (nor FastAPI).
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from casereview import __version__
from casereview.errors import CaseReviewError, shown
from casereview.trace import ERROR_FORMAT, error_json

__all__ = ["DEFAULT_MAX_BATCH_ITEMS", "DEFAULT_MAX_BODY_BYTES", "ServerSettings", "create_app"]

DEFAULT_MAX_BODY_BYTES: Final = 1_000_000
"""The largest request body accepted by default (bytes); larger gets 413."""

DEFAULT_MAX_BATCH_ITEMS: Final = 1_000
"""The most items one ``/batch`` request may hold by default; more gets 413."""

_HTTP_CODES: Final = {404: "not_found", 405: "method_not_allowed"}
"""The error codes of the HTTP-level refusals (any other status: ``http``)."""

_LOOPBACK: Final = frozenset({"127.0.0.1", "::1", "localhost"})
_log = logging.getLogger("casereview.server")


@dataclass(frozen=True)
class ServerSettings:
    """How the service runs. Build it with :meth:`from_options`, which enforces the defaults."""

    host: str = "127.0.0.1"
    api_key: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_batch_items: int = DEFAULT_MAX_BATCH_ITEMS
    logic_map: Any = None
    """The ISR logic map the ``isr`` and ``evaluate`` endpoints use (``None``: the built-in)."""

    @classmethod
    def from_options(
        cls,
        *,
        host: str = "127.0.0.1",
        api_key: str | None = None,
        cors_origins: tuple[str, ...] = (),
        max_body_bytes: int | None = None,
        max_batch_items: int | None = None,
        logic_map: Any = None,
    ) -> ServerSettings:
        """Settings, refusing to serve beyond loopback without an API key.

        Raises:
            CaseReviewError: a non-loopback ``host`` without ``api_key``, or a bound below 1.
        """
        if host not in _LOOPBACK and not api_key:
            raise CaseReviewError(
                f"api_key: required when serving on {host} (not loopback); set CASEREVIEW_API_KEY",
                field="api_key",
            )
        body = DEFAULT_MAX_BODY_BYTES if max_body_bytes is None else max_body_bytes
        items = DEFAULT_MAX_BATCH_ITEMS if max_batch_items is None else max_batch_items
        for name, value in (("max_body_bytes", body), ("max_batch_items", items)):
            if value < 1:
                raise CaseReviewError(f"{name}: expected at least 1, got {value}", field=name)
        return cls(host, api_key, tuple(cors_origins), body, items, logic_map)


class _RefusalError(Exception):
    def __init__(self, status: int, exc: BaseException) -> None:
        super().__init__(status)
        self.status = status
        self.error = error_json(exc)


def _error(status: int, code: str, field: str | None, message: str) -> JSONResponse:
    entry = {"code": code, "field": field, "message": message, "allowed": None}
    return JSONResponse({"format": ERROR_FORMAT, "errors": [entry]}, status_code=status)


def _is_json(content_type: str | None) -> bool:
    """``application/json`` (parameters such as ``charset`` allowed), or ``application/*+json``."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


async def _body(request: Request, limit: int) -> Any:
    """The request's JSON body, read in bounded chunks (413 past ``limit`` bytes).

    A body that does not say it is JSON gets 415: a browser's cross-origin "simple" request
    (``text/plain``, form data) never reaches a decision.
    """
    if not _is_json(request.headers.get("content-type")):
        raise _RefusalError(
            415,
            CaseReviewError(
                "content_type: expected application/json, got "
                f"{shown(request.headers.get('content-type') or 'none')}",
                field="content_type",
            ),
        )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _RefusalError(
            413, CaseReviewError(f"body: larger than {limit:,} bytes", field="body")
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _RefusalError(
                413, CaseReviewError(f"body: larger than {limit:,} bytes", field="body")
            )
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        raise _RefusalError(
            400, CaseReviewError("body: empty; expected a JSON object", field="body")
        )
    from casereview.decisions import parse_json

    try:
        return parse_json(raw, field="body")
    except CaseReviewError as exc:
        raise _RefusalError(400, exc) from None


def _decided(name: str, inputs: object, logic_map: Any = None) -> dict[str, Any]:
    from casereview.decisions import decide

    try:
        return decide(name, inputs, logic_map=logic_map)
    except (CaseReviewError, ValidationError) as exc:
        raise _RefusalError(422, exc) from None


def _openapi_components() -> tuple[dict[str, Any], dict[str, Any]]:
    """Request schemas per decision and their shared components (from the same models)."""
    from pydantic.json_schema import models_json_schema

    from casereview.decisions import DECISIONS
    from casereview.schema import ERROR_SCHEMA, RESULT_SCHEMA, TruthfulJsonSchema

    models: list[tuple[type[BaseModel], Any]] = [
        (d.request_model(), "validation") for d in DECISIONS.values()
    ]
    refs, defs = models_json_schema(
        models, ref_template="#/components/schemas/{model}", schema_generator=TruthfulJsonSchema
    )
    requests = {name: refs[(d.request_model(), "validation")] for name, d in DECISIONS.items()}
    components = dict(defs.get("$defs", {}))
    strip = {k: v for k, v in RESULT_SCHEMA.items() if k != "$schema"}
    components["Result"] = strip
    components["Error"] = {k: v for k, v in ERROR_SCHEMA.items() if k != "$schema"}
    return requests, components


def _responses(ok: str = "Result") -> dict[int | str, dict[str, Any]]:
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {
        200: {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ok}"}}}},
        400: {"description": "malformed JSON", **error},
        401: {"description": "API key missing or wrong", **error},
        404: {"description": "no such endpoint or schema", **error},
        405: {"description": "method not allowed", **error},
        413: {"description": "request too large", **error},
        415: {"description": "the body is not declared application/json", **error},
        422: {"description": "input refused", **error},
    }


_OPEN_PATHS: Final = ("/health", "/openapi.json")


def _declare_api_key(document: dict[str, Any], *, required: bool) -> None:
    """The API key schemes (``X-API-Key`` or ``Authorization: Bearer``), on every guarded path.

    Without a configured key the requirement is optional (``{}`` first), as the service is.
    """
    document["components"]["securitySchemes"] = {
        "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        "Bearer": {"type": "http", "scheme": "bearer"},
    }
    for path, operations in document.get("paths", {}).items():
        if path in _OPEN_PATHS:
            continue
        for operation in operations.values():
            schemes: list[dict[str, list[str]]] = [{"ApiKey": []}, {"Bearer": []}]
            operation["security"] = schemes if required else [{}, *schemes]


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The FastAPI application (stateless: safe to run in several workers)."""
    from casereview.decisions import DECISIONS

    config = settings or ServerSettings()
    app = FastAPI(
        title="casereview",
        version=__version__,
        description="Cited rules for incident severity and case reviews: JSON in, JSON out.",
        # No /docs or /redoc: FastAPI's pages load Swagger UI from a public CDN. The document
        # itself is /openapi.json (load it in your own tools).
        docs_url=None,
        redoc_url=None,
    )
    requests, components = _openapi_components()

    def authorised(request: Request) -> bool:
        if config.api_key is None:
            return True
        given = request.headers.get("x-api-key")
        bearer = request.headers.get("authorization", "")
        if given is None and bearer.lower().startswith("bearer "):
            given = bearer[7:].strip()
        return given is not None and hmac.compare_digest(
            given.encode("utf-8"), config.api_key.encode("utf-8")
        )

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Any:
        if request.url.path not in _OPEN_PATHS and not authorised(request):
            return _error(401, "unauthorised", "api_key", "api_key: missing or wrong")
        return await call_next(request)

    @app.exception_handler(_RefusalError)
    async def refused(request: Request, exc: _RefusalError) -> JSONResponse:
        return JSONResponse(exc.error, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http")
        message = f"{request.method} {request.url.path}: {str(exc.detail).lower()}"
        return _error(exc.status_code, code, None, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
        _log.error("internal error: %s", type(exc).__name__)  # the type only: never the body
        return _error(500, "internal", None, "internal error")

    def add_decision(name: str, summary: str) -> None:
        async def endpoint(request: Request) -> JSONResponse:
            inputs = await _body(request, config.max_body_bytes)
            return JSONResponse(_decided(name, inputs, config.logic_map))

        endpoint.__name__ = name.replace("-", "_")
        body = {"required": True, "content": {"application/json": {"schema": requests[name]}}}
        app.add_api_route(
            f"/{name}",
            endpoint,
            methods=["POST"],
            summary=summary,
            responses=_responses(),
            openapi_extra={"requestBody": body},
        )

    for name, decision in DECISIONS.items():
        add_decision(name, decision.summary)

    batch_item = {
        "type": "object",
        "required": ["decision", "inputs"],
        "additionalProperties": False,
        "properties": {
            "decision": {"enum": sorted(DECISIONS)},
            "inputs": {"type": "object"},
            "id": {},
        },
    }
    components["BatchRequest"] = {
        "type": "object",
        "required": ["items"],
        "additionalProperties": False,
        "properties": {
            "items": {"type": "array", "maxItems": config.max_batch_items, "items": batch_item}
        },
    }
    components["BatchResponse"] = {
        "type": "object",
        "required": ["results", "failed"],
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"$ref": "#/components/schemas/Result"},
                        {"$ref": "#/components/schemas/Error"},
                    ]
                },
            },
            "failed": {"type": "integer"},
        },
    }

    @app.post(
        "/batch",
        summary="Many decisions in one request; one result or error per item, in order",
        responses=_responses("BatchResponse"),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}}
                },
            }
        },
    )
    async def batch(request: Request) -> JSONResponse:
        payload = await _body(request, config.max_body_bytes)
        items = payload.get("items") if isinstance(payload, dict) else None
        if (
            not isinstance(payload, dict)
            or set(payload) != {"items"}
            or not isinstance(items, list)
        ):
            raise _RefusalError(
                422, CaseReviewError('items: expected a body {"items": [...]}', field="items")
            )
        if len(items) > config.max_batch_items:
            raise _RefusalError(
                413,
                CaseReviewError(f"items: at most {config.max_batch_items:,} items", field="items"),
            )
        results: list[dict[str, Any]] = []
        failed = 0
        for index, item in enumerate(items):
            try:
                if (
                    not isinstance(item, dict)
                    or not {"decision", "inputs"} <= set(item)
                    or (set(item) - {"decision", "inputs", "id"})
                ):
                    raise CaseReviewError(
                        f"items[{index}]: expected an object "
                        '{"decision": ..., "inputs": {...}} (and an optional "id")',
                        field=f"items[{index}]",
                    )
                result = _decided(item["decision"], item["inputs"], config.logic_map)
            except CaseReviewError as exc:
                result = error_json(exc)
            except _RefusalError as exc:
                result = exc.error
            if result["format"] == ERROR_FORMAT:
                failed += 1
            if isinstance(item, dict) and "id" in item:
                result["id"] = item["id"]
            results.append(result)
        return JSONResponse({"results": results, "failed": failed})

    @app.get("/health", summary="Liveness and versions")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "casereview": __version__}

    @app.get("/decisions", summary="The decisions, by endpoint name")
    async def decisions() -> dict[str, str]:
        return {name: d.summary for name, d in DECISIONS.items()}

    @app.get("/schema", summary="Every JSON Schema, by model name")
    async def all_schemas() -> dict[str, Any]:
        from casereview.schema import schemas

        return schemas()

    @app.get("/schema/{name}", summary="One JSON Schema", responses=_responses("Schema"))
    async def one_schema(name: str) -> JSONResponse:
        from casereview.schema import json_schema

        try:
            return JSONResponse(json_schema(name))
        except CaseReviewError as exc:
            raise _RefusalError(404, exc) from None

    components["Schema"] = {"type": "object"}

    @app.get("/rules", summary="The rule catalogue: every rule, its citation and provenance")
    async def rules() -> JSONResponse:
        from casereview.catalogue import catalogue_records

        return JSONResponse(catalogue_records())

    @app.get("/vectors", summary="The ISR test vectors of the default logic map (JSON)")
    async def vectors() -> Response:
        from casereview.vhims import LogicMap

        chosen = config.logic_map or LogicMap.default()
        return Response(chosen.vectors_json(), media_type="application/json")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            document.setdefault("components", {}).setdefault("schemas", {}).update(components)
            _declare_api_key(document, required=config.api_key is not None)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )
    return app


def serve(settings: ServerSettings, *, port: int = 8000) -> None:
    """Run the service with uvicorn (blocking); access logs carry no bodies."""
    import uvicorn

    uvicorn.run(create_app(settings), host=settings.host, port=port, log_level="info")
