"""The OpenAPI document and the docs page, served without any CDN."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_json_lists_the_paths(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"] == {"title": "tradepost API", "version": "1", "description": ""}
    assert {"/api/v1/me", "/api/v1/addresses", "/api/v1/addresses/{public_id}"} <= set(
        schema["paths"]
    )
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}


def test_docs_page_uses_only_local_static_files(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert all(asset.startswith("/static/") for asset in assets)
    assert not re.search(r"https?://", html)
