"""Whole pages for anonymous visitors, from the cache all web nodes share.

A newspaper link or an embedded hub sends thousands of people to the same few public
pages; they are rendered once a minute and then served from Redis (the local memory
in the embedded default) by PublicPageCacheMiddleware, before sessions, the
database or templates are touched.

What keeps it correct:

- **Any write changes the generation.** Every INSERT, UPDATE or DELETE on a table of
  the public apps (hubs, events, co-working, funding, pages), from a form, a service,
  a bulk update or the admin, bumps one counter in the shared cache: when it runs and
  once more when its transaction commits. Pages are keyed by that counter, so a staff
  edit shows on every node at the next request (each node re-reads the counter at
  most every GENERATION_MAX_AGE seconds).
- **Time moves the key.** The current minute is part of the key, so "open now" and
  "closes at" flip on the minute; nothing is older than a minute.
- **Only what is the same for everyone is kept:** GET of a public URL name
  (CACHEABLE), no session or messages cookie, HTTP 200, and no cookie set but
  CSRF's. The key holds the path with its query, the language offer (which depends
  on Accept-Language), the host and the scheme.
- **Forms keep working.** A page with a form (the language switch, a guest
  registration) is stored with its CSRF token taken out and gets this visitor's own
  token and cookie when served.
- **Conditional GET.** Served pages carry an ETag (the feeds their own) and answer
  If-None-Match with 304.
- **Large pages without a form** (the calendar feeds) are kept gzip-compressed and
  sent so to every client that accepts it; pages with a form never are (BREACH).

Pages for logged-in people are never stored with these; they are marked
`Cache-Control: private, no-store` so no proxy and no browser keeps them either,
like pages opened by a signed link. A few of them, each person's
own overview pages (PRIVATE_CACHEABLE), are kept per person by PrivatePageCacheMiddleware,
last in MIDDLEWARE so that every check before the view (login, second factor, idle
timeout) has run: keyed by the person, a second generation that every write to any
table but the session tables bumps, the minute, the language, host and path; never
while a message waits to be shown.
"""

import gzip
import hashlib
import re
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db.backends.signals import connection_created
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from .conditional import etag_of, none_match_fails
from .languages import offers_english
from .logs import carries_secret

# URL names whose pages look the same to every anonymous visitor.
CACHEABLE = frozenset(
    {
        "home",
        "hubs:list",
        "hubs:detail",
        "hubs:calendar",
        "hubs:widget",
        "pages:page",
        "events:programme",
        "events:archive",
        "events:detail",
        "events:ics",
        "events:feed",
        "events:feed_hub",
        "events:feed_kind",
        "coworking:index",
        "coworking:availability",
        "funding:index",
        "funding:programmes",
        "funding:programme",
        "figures:public",
        "figures:public_csv",
        "figures:public_json",
        "showroom:showroom",
        "showroom:exhibit",
    }
)
# Namespaces whose every page is public: the JSON API (config/api.py).
CACHEABLE_NAMESPACES = frozenset({"api"})
# Each person's own overview pages: the same for that person until anything changes.
PRIVATE_CACHEABLE = frozenset(
    {"events:mine", "coworking:mine", "funding:mine", "funding:advisor", "admin:index"}
)
WATCHED_APPS = ("hubs", "events", "coworking", "funding", "pages", "showroom")
# Written on every request of a logged-in person; no page shows them.
UNWATCHED_TABLES = frozenset({"django_session", "usersessions_usersession"})
GENERATION_KEY = "pagecache:generation"
PRIVATE_GENERATION_KEY = "pagecache:private-generation"
GENERATION_MAX_AGE = 0.5  # seconds a node trusts the counter it read last
TIMEOUT = 120  # seconds; the minute in the key retires entries sooner
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')
PLACEHOLDER = b'name="csrfmiddlewaretoken" value="__portal_csrf__"'
GZIP_MIN_BYTES = 10_000
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)

KEPT_ON_304 = ("ETag", "Cache-Control", "Vary", "Last-Modified", "Content-Security-Policy")

_generations: dict[str, tuple[int, float]] = {}  # key: (value, read at)
_tables: list[str] = []


# -- the generations ------------------------------------------------------------------
def generation(key: str = GENERATION_KEY) -> int:
    now = time.monotonic()
    value, read_at = _generations.get(key, (None, 0.0))
    if value is None or now - read_at > GENERATION_MAX_AGE:
        value = cache.get(key)
        if value is None:
            cache.add(key, 1, timeout=None)
            value = cache.get(key, 1)
        _generations[key] = (value, now)
    return value


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): any new value does
        cache.set(key, int(time.time() * 1000), timeout=None)
    _generations.pop(key, None)


def bump(**kwargs) -> None:
    """Public pages change (and so may private ones): every node renders them afresh."""
    _incr(GENERATION_KEY)
    _incr(PRIVATE_GENERATION_KEY)


def bump_private() -> None:
    """Something only logged-in pages show changed (an account, an email's state)."""
    _incr(PRIVATE_GENERATION_KEY)


def _watched_tables() -> list[str]:
    if not _tables:
        for label in WATCHED_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                _tables.append(f'"{model._meta.db_table}"')
    return _tables


def _bump_on_write(execute, sql, params, many, context):
    """Installed on every database connection: a write to a public table bumps the
    generation now and, inside a transaction, once more when it commits (a page
    rendered between the two from the old rows is dropped by the second)."""
    result = execute(sql, params, many, context)
    write = WRITE.match(sql)
    if write is None or write[1] in UNWATCHED_TABLES:
        return result
    change = bump if any(t in sql for t in _watched_tables()) else bump_private
    change()
    connection = context["connection"]
    if connection.in_atomic_block:
        scheduled = {callback for _sids, callback, _robust in connection.run_on_commit}
        if bump not in scheduled and change not in scheduled:
            connection.on_commit(change)
    return result


def watch(connection, **kwargs) -> None:
    if _bump_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_bump_on_write)


def _connection_created(sender, connection, **kwargs):
    watch(connection)


connection_created.connect(_connection_created, dispatch_uid="pagecache-watch")
setting_changed.connect(bump, dispatch_uid="pagecache-settings")  # tests change settings


# -- the middleware -------------------------------------------------------------------
_csrf = CsrfViewMiddleware(lambda request: None)


def _language(request) -> str:
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _key(request) -> str:
    parts = "|".join(
        [
            str(generation()),
            str(int(time.time() // 60)),
            "offer" if offers_english(request, _language(request)) else "",
            request.scheme,
            request.get_host(),
            request.get_full_path(),
        ]
    )
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def _anonymous_get(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def _storable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        match is not None
        and (match.view_name in CACHEABLE or match.namespace in CACHEABLE_NAMESPACES)
        and response.status_code == 200
        and not response.streaming
        and not request.user.is_authenticated
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _kept_by_nobody(request, response):
    """A logged-in person's page, or a page opened by a signed link: `private,
    no-store`, so neither a proxy nor the browser (a hub's shared computer, its back
    button) keeps it. A response that names its own lifetime (a calendar feed polled
    by a calendar program) keeps it, made private."""
    user = getattr(request, "user", None)
    personal = user is not None and user.is_authenticated
    if not personal:
        personal = carries_secret(getattr(request, "resolver_match", None))
    if personal:
        if "max-age" in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(response, private=True, no_store=True)
    return response


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the shared cache (module docstring).
    Sits after WhiteNoise and before the session: a hit touches neither the database
    nor a template."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not _anonymous_get(request):
            return _kept_by_nobody(request, self.get_response(request))
        key = _key(request)
        stored = cache.get(key)
        if stored is None:
            response = self.get_response(request)
            if not _storable(request, response):
                return _kept_by_nobody(request, response)
            stored = self._store(key, response)
        return self._serve(request, stored)

    @staticmethod
    def _store(key, response) -> dict:
        content = TOKEN.sub(PLACEHOLDER, response.content)
        if "max-age" not in response.get("Cache-Control", ""):  # the API allows a minute
            patch_cache_control(response, no_cache=True)  # browsers ask again, with the ETag
        # Large pages without a form (the calendar feeds: megabytes for the whole
        # network) are kept compressed once, not compressed per request by a proxy.
        # Never a page with a form: compression beside a secret invites BREACH.
        compressed = (
            len(content) >= GZIP_MIN_BYTES
            and PLACEHOLDER not in content
            and not response.has_header("Content-Encoding")
        )
        if compressed:
            patch_vary_headers(response, ["Accept-Encoding"])
        headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
        headers.setdefault("ETag", etag_of(content))
        if compressed:
            content = gzip.compress(content, compresslevel=6)
        stored = {"content": content, "headers": headers, "gzip": compressed}
        cache.set(key, stored, timeout=TIMEOUT)
        return stored

    @staticmethod
    def _serve(request, stored):
        headers = dict(stored["headers"])
        content = stored["content"]
        if stored.get("gzip"):
            if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
                headers["Content-Encoding"] = "gzip"
                headers["ETag"] = headers["ETag"][:-1] + '-gzip"'  # another representation
            else:
                content = gzip.decompress(content)
        if none_match_fails(request, headers["ETag"]):
            response = HttpResponseNotModified()
            # A browser puts these on its stored copy: the page's own policy (the
            # widget's frame-ancestors) must come along, or the default replaces it.
            for name in KEPT_ON_304:
                if name in headers:
                    response[name] = headers[name]
            return response
        response = HttpResponse(headers=headers)
        if PLACEHOLDER in content:  # a form: this visitor's own CSRF token and cookie
            _csrf.process_request(request)
            token = get_token(request).encode()
            content = content.replace(PLACEHOLDER, PLACEHOLDER.replace(b"__portal_csrf__", token))
            response.content = content
            _csrf.process_response(request, response)
        else:
            response.content = content
        response["Content-Length"] = len(response.content)
        return response


# -- each person's own pages ------------------------------------------------------------
def _waiting_messages(request) -> int:
    storage = getattr(request, "_messages", None)
    return len(storage) if storage is not None else 0


def _private_key(request) -> str:
    parts = "|".join(
        [
            str(generation(PRIVATE_GENERATION_KEY)),
            str(int(time.time() // 60)),
            str(request.user.pk),
            translation.get_language() or "",
            request.scheme,
            request.get_host(),
            request.get_full_path(),
        ]
    )
    return "private-page:" + hashlib.sha256(parts.encode()).hexdigest()


class PrivatePageCacheMiddleware:
    """Each person's own overview pages (PRIVATE_CACHEABLE), kept for that person only
    (module docstring). Last in MIDDLEWARE: it answers in process_view, after the
    login, second-factor and idle checks of the middleware before it have passed; the
    outer middleware then adds cookies and headers as for any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_private_page_key", None)
        if (
            key is not None
            and response.status_code == 200
            and not response.streaming
            and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}  # the admin's own
            and not _waiting_messages(request)
        ):
            content = TOKEN.sub(PLACEHOLDER, response.content)
            headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
            cache.set(key, {"content": content, "headers": headers}, timeout=TIMEOUT)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (
            settings.PAGE_CACHE
            and request.method == "GET"
            and request.user.is_authenticated
            and request.resolver_match.view_name in PRIVATE_CACHEABLE
            and not _waiting_messages(request)
        ):
            return None
        key = _private_key(request)
        stored = cache.get(key)
        if stored is None:
            request._private_page_key = key
            return None
        content = stored["content"]
        if PLACEHOLDER in content:  # this person's CSRF token, as the view would give
            token = get_token(request).encode()
            content = content.replace(PLACEHOLDER, PLACEHOLDER.replace(b"__portal_csrf__", token))
        return HttpResponse(content, headers=stored["headers"])
