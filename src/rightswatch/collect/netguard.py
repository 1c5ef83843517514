"""The network guard: never connect to loopback, private, link-local or metadata addresses.

A URL's host name says nothing about where a connection goes: ``http://evil.example/`` can
resolve to ``127.0.0.1`` or ``169.254.169.254`` (a cloud metadata service), and a public page
can redirect there. Checking the URL is therefore not enough; this module checks the *resolved*
address, at the moment of connecting, and then connects to exactly the address it checked. A
second DNS answer (the "rebinding" trick: public on the first lookup, private on the second)
cannot slip in between the check and the connection, and since every hop of a redirect chain
opens its connection through the same backend, redirects are checked too.

The guard is an ``httpcore`` network backend, so it sits below httpx: nothing that sends a
request through :func:`guarded_transport` can bypass it. Proxies are not used (a proxy would
make the connection on our behalf, out of the guard's sight).

Allowed: addresses that are globally routable (``ipaddress``'s ``is_global``) and not multicast.
Everything else (loopback, RFC 1918, CGNAT, link-local incl. 169.254.169.254, unique-local
IPv6, documentation, reserved, unspecified, IPv4-mapped forms of these) is refused with
:class:`BlockedAddress` unless ``allow_private`` is set (``--allow-private-addresses``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from rightswatch.errors import RightswatchError

__all__ = ["BlockedAddress", "is_public_address", "resolve_checked", "GuardedBackend", "guarded_transport"]


class BlockedAddress(RightswatchError):
    """A connection to a non-public address was refused (reason ``blocked-address``)."""

    reason = "blocked-address"

    def __init__(self, host: str, address: str) -> None:
        self.host = host
        self.address = address
        where = f"address {address}" if host == address else f"{host} resolves to {address},"
        super().__init__(
            f"{where}{'' if host != address else ' is'} a private, loopback, link-local or reserved address "
            "(use --allow-private-addresses to permit)"
        )


def is_public_address(address: str) -> bool:
    """Whether ``address`` (an IP literal) is globally routable and unicast."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return is_public_address(str(mapped))
        if ip.teredo is not None:
            return False
    return bool(ip.is_global) and not ip.is_multicast


def resolve_checked(host: str, port: int, allow_private: bool) -> list[str]:
    """Resolve ``host`` and return its addresses, refusing if *any* of them is not public.

    Refusing on any (not only the first) is deliberate: a name with one public and one private
    address is either misconfigured or an attack, and the connection could use either.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise BlockedAddress(host, address)
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """An httpcore backend that checks the resolved address and connects to it, and only it."""

    def __init__(self, allow_private: bool = False) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, self.allow_private)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None  # getaddrinfo never returns an empty list without raising
        raise last

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:  # pragma: no cover
        raise BlockedAddress("unix socket", "local")


def guarded_transport(
    *, allow_private: bool, max_connections: int = 8, http2: bool = False
) -> httpx.HTTPTransport:
    """An httpx transport whose every connection goes through :class:`GuardedBackend`."""
    transport = httpx.HTTPTransport(
        trust_env=False, limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    )
    ssl_context = transport._pool._ssl_context  # the context httpx built with its defaults
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl_context,
        max_connections=max_connections,
        max_keepalive_connections=max_connections,
        http1=True,
        http2=http2,
        network_backend=GuardedBackend(allow_private),
    )
    return transport
