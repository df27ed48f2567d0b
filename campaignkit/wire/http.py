"""One HTTP request, built and never sent: the sans-I/O hand-off to a host.

campaignkit does no I/O. The wire modules build the request a host should send
(:func:`campaignkit.wire.genesys.group_state_request`,
:func:`campaignkit.wire.eightbyeight.status_request`,
:func:`campaignkit.wire.eightbyeight.status_change_request`) as an
:class:`HttpRequest`; the host moves the bytes with the client it already has. The
fields are named as ``httpx.Request``'s, so with httpx it is one line::

    httpx.Client().send(
        httpx.Request(r.method, r.url, headers=r.headers, content=r.body)
    )

and with the standard library ``urllib.request.Request(r.url, data=r.body,
headers=dict(r.headers), method=r.method)``.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from campaignkit.vendor import VendorData

__all__ = ["HttpRequest"]

# Headers whose value is a secret: repr shows their name, never their value.
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization"})


def _show_headers(headers: VendorData) -> str:
    shown = {
        k: "***" if k.lower() in _SECRET_HEADERS else val for k, val in headers.items()
    }
    return repr(shown)


@attrs.frozen
class HttpRequest:
    """An HTTP request for the host to send: method, URL, headers and body bytes.

    Frozen and hashable; ``repr`` hides the value of an ``Authorization`` header
    (it carries a token), so a request can be logged.

    Attributes:
        method: ``"GET"`` or ``"POST"``.
        url: The absolute URL.
        headers: Header names to values, in the order they should be sent
            (read-only).
        body: The body bytes (``b""`` for none).
    """

    method: str
    url: str
    headers: Mapping[str, str] = attrs.field(
        factory=VendorData, converter=VendorData, repr=_show_headers
    )
    body: bytes = b""
