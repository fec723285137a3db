"""Articles from the web: the page at a URL, fetched for ingestion without reaching what a
server should not (SSRF) and within bounds.

- http and https only; the host's addresses are resolved once and every one must be public (no
  private, loopback, link-local, multicast, reserved or unspecified address), and the request
  goes to that address, so that a second lookup cannot point it elsewhere;
- at most MAX_REDIRECTS redirects, each checked the same way;
- FETCH_TIMEOUT seconds to connect and between reads, and at most files.MAX_FILE_BYTES read;
- a user agent that says who fetches (settings.INGEST_USER_AGENT).

``settings.INGEST_FETCH_ALLOWED_HOSTS``: hosts exempt from the address check (a newsroom's
intranet; the tests' local server). Failures are FetchError, whose message says what and where.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from timeline.ingest.files import MAX_FILE_BYTES

MAX_REDIRECTS = 5
FETCH_TIMEOUT = 15.0
CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL that cannot be fetched; the message says why."""


def fetch(url: str) -> tuple[bytes, str]:
    """The body of the page at ``url`` and the address it came from after redirects."""
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _get(url)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("location")
            if not location:
                raise FetchError(f"{url}: redirect {status} without a Location")
            url = urljoin(url, location)
            continue
        if status != 200:
            raise FetchError(f"{url}: the server answered {status}")
        return body, url
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r}: only http:// and https:// addresses are fetched")
    host = parts.hostname
    port = parts.port or (443 if scheme == "https" else 80)
    address = _public_address(host, port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if scheme == "https":
        connection = _PinnedHTTPS(host, address, port, FETCH_TIMEOUT)
    else:
        connection = http.client.HTTPConnection(address, port, timeout=FETCH_TIMEOUT)
    headers = {
        "Host": parts.netloc.rsplit("@", 1)[-1],
        "User-Agent": settings.INGEST_USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "identity",
    }
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        declared = response.getheader("Content-Length")
        if (
            declared
            and declared.isascii()
            and declared.isdigit()
            and int(declared) > MAX_FILE_BYTES
        ):
            raise FetchError(
                f"{url}: the page is {int(declared):,} bytes; at most {MAX_FILE_BYTES:,}"
            )
        body = bytearray()
        while chunk := response.read(CHUNK):
            body += chunk
            if len(body) > MAX_FILE_BYTES:
                raise FetchError(f"{url}: the page is over {MAX_FILE_BYTES:,} bytes")
        found = {k.lower(): v for k, v in response.getheaders()}
        return response.status, found, bytes(body)
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"{url}: {exc.__class__.__name__}: {exc}") from None
    finally:
        connection.close()


def _public_address(host: str, port: int) -> str:
    """The address to connect to; FetchError when the host does not resolve or any of its
    addresses is not public (unless the host is allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchError(f"{host}: cannot resolve the host ({exc.strerror or exc})") from None
    addresses = [info[4][0] for info in infos]
    if host not in settings.INGEST_FETCH_ALLOWED_HOSTS:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            if not ip.is_global or ip.is_multicast:
                raise FetchError(f"{host}: refused, it resolves to {address}, not a public address")
    return addresses[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to the address already checked, with the host's name for SNI and the certificate."""

    def __init__(self, host: str, address: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
