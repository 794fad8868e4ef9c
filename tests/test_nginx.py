"""The repo's nginx config, run by a real nginx over a published site: pages, the headers it
promises (cache, security, CORS, gzip), clean addresses and a 404."""

from __future__ import annotations

import gzip
import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import nginx_server, site_seed

INDICATOR = "testville/green-deal/renewable-share.html"


@dataclass(frozen=True)
class Answer:
    """One response: status, headers (lower-case names) and the body as sent."""

    status: int
    headers: dict[str, str]
    body: bytes


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """nginx on a free port serving the seed's published site with the repo's config."""
    site = site_seed.publish(
        site_seed.seed(tmp_path_factory.mktemp("nginx-db")), tmp_path_factory.mktemp("nginx-site")
    )
    with nginx_server.serving(site, tmp_path_factory.mktemp("nginx")) as port:
        yield port, site


def _get(port: int, path: str, gzipped: bool = False) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzipped else {})
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, headers, response.read())
    finally:
        connection.close()


SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "access-control-allow-origin": "*",
}


def _assert_security_headers(answer: Answer) -> None:
    assert {k: answer.headers.get(k) for k in SECURITY} == SECURITY
    policy = answer.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors *" in policy


@pytest.mark.parametrize(
    ("path", "content_type", "max_age"),
    [
        (f"/{INDICATOR}", "text/html; charset=utf-8", 300),
        ("/embed/" + INDICATOR, "text/html; charset=utf-8", 300),
        ("/api/v1/cities.json", "application/json; charset=utf-8", 300),
        ("/api/v1/testville/green-deal/renewable-share.csv", "text/csv; charset=utf-8", 300),
        ("/site.css", "text/css; charset=utf-8", 300),
        ("/favicon.svg", "image/svg+xml; charset=utf-8", 300),
        ("/plotly.min.js", "application/javascript; charset=utf-8", 86400),
    ],
    ids=["indicator", "embed", "api-json", "api-csv", "css", "svg", "plotly"],
)
def test_files_with_their_type_cache_and_security_headers(
    nginx: tuple[int, Path], path: str, content_type: str, max_age: int
) -> None:
    port, site = nginx
    answer = _get(port, path)
    assert answer.status == 200
    assert answer.body == (site / path.lstrip("/")).read_bytes()
    assert answer.headers["content-type"] == content_type
    assert answer.headers["cache-control"] == f"max-age={max_age}"
    _assert_security_headers(answer)


@pytest.mark.parametrize(
    "path", [f"/{INDICATOR}", "/api/v1/cities.json", "/plotly.min.js"], ids=["html", "json", "js"]
)
def test_gzip_when_asked(nginx: tuple[int, Path], path: str) -> None:
    port, site = nginx
    answer = _get(port, path, gzipped=True)
    assert answer.status == 200
    assert answer.headers.get("content-encoding") == "gzip"
    assert answer.headers.get("vary") == "Accept-Encoding"
    original = (site / path.lstrip("/")).read_bytes()
    assert gzip.decompress(answer.body) == original
    assert len(answer.body) < len(original)


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("/", "index.html"),
        ("/testville/", "testville/index.html"),
        ("/methodology", "methodology.html"),
    ],
    ids=["root", "folder", "no-extension"],
)
def test_clean_addresses(nginx: tuple[int, Path], path: str, file: str) -> None:
    port, site = nginx
    answer = _get(port, path)
    assert answer.status == 200
    assert answer.body == (site / file).read_bytes()


@pytest.mark.parametrize(
    "path", ["/no-such-city/index.html", "/api/v1/no-such.json"], ids=["page", "api"]
)
def test_missing_file_is_404_with_the_headers(nginx: tuple[int, Path], path: str) -> None:
    answer = _get(nginx[0], path)
    assert answer.status == 404
    _assert_security_headers(answer)
