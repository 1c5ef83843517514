"""Tables of the review capability, on the shared ``schema.metadata``.

Human work lives apart from machine output: ``incident_edits`` holds an analyst's value for one
field of one incident beside the untouched machine answer in ``incidents``/``articles.report``, so
re-analysing an article (which writes new rows) never overwrites a human decision. Every change
an analyst makes is also appended to ``audit_log`` with the value before and after.

Secrets are never stored: passwords as argon2 hashes, API tokens and session ids as SHA-256
hashes of random values (a leaked database does not log anyone in).
"""

from __future__ import annotations

import sqlalchemy as sa

from rightswatch.store.schema import JsonType, articles, metadata

__all__ = [
    "users",
    "api_tokens",
    "sessions",
    "cases",
    "case_members",
    "incident_edits",
    "audit_log",
    "saved_searches",
    "app_settings",
    "ROLES",
]

#: Roles, weakest first: a viewer reads, an editor reviews, an admin also manages accounts.
ROLES = ("viewer", "editor", "admin")

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text),  # argon2; NULL: token-only account
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.Text),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("last_used_at", sa.String(40)),
    sa.Column("revoked", sa.Boolean, nullable=False),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("expires_at", sa.String(40), nullable=False),
)

#: One real-world incident as analysts know it: several reported incidents that corroborate it.
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("created_by", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)

#: An incident belongs to at most one case.
case_members = sa.Table(
    "case_members",
    metadata,
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False),
    sa.Column("added_by", sa.String(64), nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
    sa.PrimaryKeyConstraint("incident_id"),
    sa.Index(None, "case_id"),
)

#: An analyst's value for one field of one incident ("status" holds confirmed/rejected).
incident_edits = sa.Table(
    "incident_edits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("value", sa.Text),  # NULL: the analyst cleared the field
    sa.Column("machine_value", sa.Text),  # the machine answer when the edit was made
    sa.Column("edited_by", sa.String(64), nullable=False),
    sa.Column("edited_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("incident_id", "field"),
    sa.Index(None, "field", "value"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("target", sa.String(64), nullable=False),  # "incident:12", "case:3", "user:alice"
    sa.Column("before", JsonType),
    sa.Column("after", JsonType),
    sa.Index(None, "target"),
)

#: A search an analyst follows as an Atom feed; ``params`` is the filter as URL parameters.
saved_searches = sa.Table(
    "saved_searches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("params", JsonType, nullable=False),
    sa.Column("feed_key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.String(40), nullable=False),
)

app_settings = sa.Table(
    "app_settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", JsonType),
)

#: Lets the web app's incident lists sort and filter by publication date and outlet without
#: reading the wide article rows (text, report JSON): a covering index for those joins.
sa.Index("ix_articles_id_published_outlet", articles.c.id, articles.c.published, articles.c.outlet)
