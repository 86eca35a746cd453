"""A small JSON-RPC client for a running Odoo 18.0 (standard library only).

Two ways in, as a real client would use them:
- the web client's: ``/web/session/authenticate`` then ``/web/dataset/call_kw``
  (a session cookie; what the browser does);
- the external API: ``/jsonrpc`` with ``common.login`` and ``object.execute_kw``
  (login and password on every call).
Errors come back as :class:`RpcError` with Odoo's exception class name.
"""

import http.client
import http.cookiejar
import itertools
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

_ids = itertools.count(1)


class RpcError(Exception):
    """An error answered by Odoo (``error`` member of a JSON-RPC response)."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name") or error.get("message", "")
        self.message = data.get("message") or error.get("message", "")
        self.data = data
        super().__init__(f"{self.name}: {self.message}")


def _post(opener, url, params, timeout):
    body = json.dumps(
        {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(_ids)}
    ).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}
    )
    for attempt in range(3):
        try:
            with opener.open(request, timeout=timeout) as response:
                answer = json.loads(response.read().decode())
            break
        except http.client.RemoteDisconnected:
            # A prefork worker drops a connection whose request did not
            # arrive within its 2-second socket timeout (a client thread
            # descheduled between connect and send on a loaded machine):
            # nothing was processed, so the request is sent again.
            if attempt == 2:
                raise
    if answer.get("error"):
        raise RpcError(answer["error"])
    return answer.get("result")


class Session:
    """A web-client session (its own cookie jar) of one user."""

    def __init__(self, url, db, timeout=120):
        self.url, self.db, self.timeout = url, db, timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )
        self.uid = None
        self.info = {}

    def jsonrpc(self, path, params=None):
        return _post(self.opener, self.url + path, params or {}, self.timeout)

    def authenticate(self, login, password):
        self.info = self.jsonrpc(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        self.uid = self.info["uid"]
        return self

    def http(self, path, data=None):
        """(status, body text) of a GET (or a form POST of ``data``) with this
        session's cookie; redirects are followed."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(
                self.url + path, data=body, timeout=self.timeout
            ) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def call_kw(self, model, method, args=(), kwargs=None):
        return self.jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs or {},
            },
        )


class OdooClient:
    """Entry point handed out by the ``odoo_server`` fixture (``server.client()``).

    Sessions are cached per thread and per (login, password), so concurrent
    tests can share one client: each thread authenticates on its own.
    """

    def __init__(self, url, db, timeout=120):
        self.url, self.db, self.timeout = url, db, timeout
        self._local = threading.local()

    # -- web client (session cookie)

    def session(self, login="admin", password="admin"):
        """An authenticated :class:`Session` (new for this thread and user)."""
        cache = self._local.__dict__.setdefault("sessions", {})
        key = (login, password)
        if key not in cache:
            cache[key] = Session(self.url, self.db, self.timeout).authenticate(
                login, password
            )
        return cache[key]

    def call_kw(
        self, model, method, args=(), kwargs=None, login="admin", password="admin"
    ):
        """``/web/dataset/call_kw`` as ``login``."""
        return self.session(login, password).call_kw(model, method, args, kwargs)

    # -- external API (/jsonrpc)

    def jsonrpc(self, service, method, *args):
        opener = urllib.request.build_opener()
        return _post(
            opener,
            self.url + "/jsonrpc",
            {"service": service, "method": method, "args": list(args)},
            self.timeout,
        )

    def login(self, login="admin", password="admin"):
        """The uid for these credentials, or False."""
        return self.jsonrpc("common", "login", self.db, login, password)

    def execute_kw(
        self, model, method, args=(), kwargs=None, login="admin", password="admin"
    ):
        """``object.execute_kw`` over ``/jsonrpc`` as ``login``."""
        uid = self.login(login, password)
        if not uid:
            raise RpcError(
                {
                    "message": f"login {login!r} refused",
                    "data": {"name": "odoo.exceptions.AccessDenied"},
                }
            )
        return self.jsonrpc(
            "object",
            "execute_kw",
            self.db,
            uid,
            password,
            model,
            method,
            list(args),
            kwargs or {},
        )

    # -- plain HTTP

    def version_info(self):
        return _post(
            urllib.request.build_opener(),
            self.url + "/web/webclient/version_info",
            {},
            self.timeout,
        )

    def get(self, path):
        """(status, body text) of a GET on ``path`` (redirects followed)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=self.timeout) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
