"""The Fetcher's wire: one GET sent through urllib3, configured by a requests.Session.

Part of the Fetcher (:mod:`scraper.fetch`). Requests go straight to a urllib3 connection pool
per origin: ``requests.Session.send`` and its adapter re-prepare the URL, headers, cookies,
hooks and a Response object on every call, which cost four times the CPU of the exchange itself
(see the "Fetch" section of benchmarks/README.md). The Session stays the public, injectable
object for what a caller may want to set, read when the request is made:

- ``headers``: sent with every request (the Fetcher's User-Agent, Accept and Accept-Encoding
  win);
- ``cookies``: sent, and filled from ``Set-Cookie`` (consent walls, session cookies);
- ``proxies``: ``http``/``https``/``all`` entries (``socks5://`` needs PySocks), as requests
  reads them. Environment proxies are not read, as ``Session.send`` never reads them either.

``verify`` and ``cert`` are read once, when the Transport is made. Mounted adapters are not
used: a test hands in a real local server, not a fake adapter.
"""

from __future__ import annotations

import http.client
import os
import threading
from typing import Any
from urllib.parse import SplitResult

import requests
import urllib3
from requests.cookies import extract_cookies_to_jar, get_cookie_header
from requests.structures import CaseInsensitiveDict
from requests.utils import DEFAULT_CA_BUNDLE_PATH, get_auth_from_url, select_proxy

from scraper.errors import InvalidURL, NetworkError, Timeout
from scraper.fetch_body import short_reason

__all__ = ["POOL_MAXSIZE", "Transport"]

#: Connections kept per origin. The Fetcher asks one host one thing at a time; the second slot
#: is for a caller that fetches robots.txt and pages of one host from two threads.
POOL_MAXSIZE = 2
#: Origins whose pools a proxy manager keeps (a crawl is one site; a sitemap may name a CDN).
NUM_POOLS = 16


def _tls_settings(verify: bool | str | None, cert: str | tuple[str, str] | None) -> dict[str, Any]:
    """urllib3 pool keywords for a Session's ``verify`` and ``cert``, as requests reads them."""
    settings: dict[str, Any] = {"cert_reqs": "CERT_NONE" if verify is False else "CERT_REQUIRED"}
    if isinstance(verify, str):
        settings["ca_cert_dir" if os.path.isdir(verify) else "ca_certs"] = verify
    elif verify is not False:
        settings["ca_certs"] = DEFAULT_CA_BUNDLE_PATH
    if isinstance(cert, tuple):
        settings["cert_file"], settings["key_file"] = cert
    elif cert:
        settings["cert_file"] = cert
    return settings


class Transport:
    """Sends GETs for the Fetcher; the response body is left unread, for the Fetcher to stream.

    Args:
        session: where headers, cookies, proxies and TLS settings come from.
        connect_timeout: seconds to establish a connection.
        read_timeout: seconds to wait for any single read from the socket.
    """

    def __init__(self, session: requests.Session, *, connect_timeout: float,
                 read_timeout: float) -> None:
        self.session = session
        self._timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
        self._pool_settings: dict[str, Any] = {"maxsize": POOL_MAXSIZE, "block": False,
                                               "retries": False, "timeout": self._timeout}
        self._tls = _tls_settings(session.verify, session.cert)
        self._lock = threading.Lock()
        self._pools: dict[tuple[str, str], urllib3.HTTPConnectionPool] = {}
        self._proxies: dict[str, urllib3.PoolManager] = {}

    def get(self, url: str, parts: SplitResult, headers: dict[str, str]
            ) -> urllib3.BaseHTTPResponse:
        """Send ``GET url``; ``headers`` win over the session's.

        Raises:
            Timeout, NetworkError, InvalidURL: the request could not be sent or answered.
        """
        session = self.session
        merged: CaseInsensitiveDict[str | bytes] = CaseInsensitiveDict(session.headers)
        merged.update(headers)
        cookies = session.cookies
        request: requests.PreparedRequest | None = None
        if len(cookies):
            request = self._cookie_request(url, merged)
            cookie = get_cookie_header(cookies, request)  # type: ignore[no-untyped-call]
            if cookie:
                merged["Cookie"] = cookie
        options: dict[str, Any] = {"headers": merged, "retries": False, "redirect": False,
                                   "preload_content": False, "decode_content": False}
        try:
            proxy = select_proxy(url, session.proxies) if session.proxies else None
            if proxy:
                response = self._proxy(proxy).urlopen("GET", url, **options)
            else:
                pool = self._pool(url, parts)
                target = f"{parts.path or '/'}?{parts.query}" if parts.query else parts.path or "/"
                response = pool.urlopen("GET", target, assert_same_host=False, **options)
        except urllib3.exceptions.NewConnectionError as error:  # a TimeoutError, for history
            raise NetworkError(url, f"connection failed: {short_reason(error)}") from None
        except (urllib3.exceptions.TimeoutError, TimeoutError) as error:
            raise Timeout(url, f"timed out ({short_reason(error)})") from None
        except (urllib3.exceptions.LocationValueError, http.client.InvalidURL,
                ValueError) as error:
            raise InvalidURL(url, str(error)) from None
        except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as error:
            raise NetworkError(url, f"connection failed: {short_reason(error)}") from None
        if "set-cookie" in response.headers:
            request = request or self._cookie_request(url, merged)
            extract_cookies_to_jar(cookies, request, response)  # type: ignore[no-untyped-call]
        return response

    def close(self) -> None:
        """Close every pooled connection (the Session is its owner's to close)."""
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
            managers, self._proxies = list(self._proxies.values()), {}
        for pool in pools:
            pool.close()
        for manager in managers:
            manager.clear()

    def _pool(self, url: str, parts: SplitResult) -> urllib3.HTTPConnectionPool:
        """The origin's own pool, made on first use; kept until :meth:`close`."""
        key = (parts.scheme, parts.netloc)
        pool = self._pools.get(key)
        if pool is None:
            tls = self._tls if parts.scheme == "https" else {}
            with self._lock:
                pool = self._pools.get(key)
                if pool is None:
                    pool = urllib3.connection_from_url(url, **self._pool_settings, **tls)
                    self._pools[key] = pool
        return pool

    def _proxy(self, proxy: str) -> urllib3.PoolManager:
        with self._lock:
            manager = self._proxies.get(proxy)
            if manager is None:
                manager = self._proxies[proxy] = self._proxy_manager(proxy)
        return manager

    def _proxy_manager(self, proxy: str) -> urllib3.PoolManager:
        settings = {"num_pools": NUM_POOLS, **self._pool_settings, **self._tls}
        username, password = get_auth_from_url(proxy)
        if proxy.lower().startswith("socks"):
            from urllib3.contrib.socks import SOCKSProxyManager

            return SOCKSProxyManager(proxy, username=username or None,
                                     password=password or None, **settings)
        auth = f"{username}:{password}" if username else None
        return urllib3.proxy_from_url(
            proxy, proxy_headers=urllib3.make_headers(proxy_basic_auth=auth), **settings)

    @staticmethod
    def _cookie_request(url: str, headers: CaseInsensitiveDict[str | bytes]
                        ) -> requests.PreparedRequest:
        """Just enough of a request for the cookie jar's policy checks."""
        request = requests.PreparedRequest()
        request.method, request.url = "GET", url
        request.headers = headers  # type: ignore[assignment]
        return request
