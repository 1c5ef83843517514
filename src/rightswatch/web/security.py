"""Who is asking, and may they: passwords, sessions, API tokens, CSRF, rate limits, roles.

* Passwords are argon2 hashes (``argon2-cffi`` defaults, RFC 9106 low-memory profile).
* A session is a random 256-bit id in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS);
  the database keeps only its SHA-256, with an expiry and the session's CSRF token.
* API tokens are random 256-bit strings shown once; the database keeps their SHA-256. They are
  sent as ``Authorization: Bearer TOKEN`` and never as cookies, so API calls need no CSRF token.
* Every form carries the session's CSRF token (the login form, before any session exists, a
  double-submit cookie); a POST without a matching token is refused with 403.
* Failed logins are rate-limited per account and per client address (sliding window).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from rightswatch.store.review_repo import UserRow

__all__ = [
    "Principal",
    "RateLimiter",
    "hash_password",
    "verify_password",
    "new_secret",
    "secret_hash",
    "same_secret",
    "session_expiry",
    "SESSION_COOKIE",
    "LOGIN_CSRF_COOKIE",
    "SESSION_HOURS",
]

SESSION_COOKIE = "rw_session"
LOGIN_CSRF_COOKIE = "rw_login_csrf"
SESSION_HOURS = 12
ROLE_ORDER = ("public", "viewer", "editor", "admin")

_hasher = PasswordHasher()
# A hash to verify against when the user does not exist, so timing does not reveal names.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_secret() -> str:
    """A random URL-safe secret with 256 bits of entropy."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the database keeps of a session id, API token or feed key."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_secret(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def session_expiry(hours: int = SESSION_HOURS) -> str:
    return (datetime.now(timezone.utc) + timedelta(hours=hours)).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: a user (by session or token) or the public when read-only access is open."""

    user: UserRow | None
    via: str  # "session" | "token" | "public"
    csrf: str | None = None

    @property
    def role(self) -> str:
        return self.user.role if self.user else "public"

    @property
    def name(self) -> str:
        return self.user.name if self.user else "public"

    def can(self, role: str) -> bool:
        return ROLE_ORDER.index(self.role) >= ROLE_ORDER.index(role)


class RateLimiter:
    """At most ``limit`` failures per key within ``window`` seconds (in memory, per process)."""

    def __init__(self, limit: int = 5, window: float = 300.0, clock=time.monotonic) -> None:  # noqa: ANN001
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def blocked(self, *keys: str) -> float:
        """Seconds until every key may try again (0 when none is blocked)."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                hits = self._trim(key, now)
                if len(hits) >= self.limit:
                    wait = max(wait, hits[0] + self.window - now)
        return wait

    def failed(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                self._trim(key, now).append(now)

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)
