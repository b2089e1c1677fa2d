"""Clients that turn a server error into a 500 response and keep the exception for the message."""

import traceback
from contextlib import contextmanager
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.core.signals import got_request_exception
from django.db import connection
from django.test import Client

from safeguard.accounts.models import User

# Tables a refused or re-rendered form may still write: the access log.
NOT_CASE_TABLES = {"audit.AuditEvent"}


@contextmanager
def server_errors():
    """Collect the traceback of every exception a view raises while the block runs."""
    caught: list[str] = []

    def keep(sender, request, **kwargs):
        caught.append(f"{request.method} {request.get_full_path()}\n{traceback.format_exc()}")

    got_request_exception.connect(keep)
    try:
        yield caught
    finally:
        got_request_exception.disconnect(keep)


def sign_in(personas: dict[str, int]) -> dict[str, str]:
    """Return {persona: session key}, signing each persona in once."""
    users = User.objects.in_bulk(list(personas.values()))
    keys = {}
    for persona, user_id in personas.items():
        client = Client()
        client.force_login(users[user_id])
        keys[persona] = client.session.session_key
    return keys


def clients_for(sessions: dict[str, str]) -> dict[str, Client]:
    """Return a signed-in client per persona, and an anonymous one under "anonymous"."""
    clients = {"anonymous": Client(raise_request_exception=False)}
    for persona, key in sessions.items():
        client = Client(raise_request_exception=False)
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        clients[persona] = client
    return clients


class FormFields(HTMLParser):
    """Collect the fields of the first form in a page that posts back to it.

    fields: {name: (kind, [option values])}, kind one of text, textarea, select, date,
    number, checkbox, radio, hidden, file, email.
    """

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, tuple[str, list[str]]] = {}
        self.in_post_form = False
        self.done = False
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form":
            method = (a.get("method") or "get").lower()
            action = a.get("action")
            self.in_post_form = method == "post" and action in (None, "", ".")
            return
        if not self.in_post_form or not a.get("name"):
            if tag == "option" and self.select is not None and self.in_post_form:
                kind, options = self.fields[self.select]
                options.append(a.get("value", ""))
            return
        name = a["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button"):
                return
            _, options = self.fields.get(name, (kind, []))
            if kind in ("checkbox", "radio") and a.get("value") is not None:
                options.append(a["value"])
            self.fields[name] = (kind, options)
        elif tag == "textarea":
            self.fields[name] = ("textarea", [])
        elif tag == "select":
            self.fields[name] = ("select", [])
            self.select = name

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.in_post_form and self.fields:
            self.done = True
        elif tag == "form":
            self.in_post_form = False


def form_fields(html: str) -> dict[str, tuple[str, list[str]]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def case_tables() -> list[tuple[str, str]]:
    """Return (model label, table) for every table of the project but the access log."""
    return [
        (model._meta.label, model._meta.db_table)
        for model in apps.get_models()
        if model.__module__.startswith("safeguard.")
        and model._meta.label not in NOT_CASE_TABLES
        and model._meta.managed
        and not model._meta.proxy
    ]


def counts(tables) -> dict[str, int]:
    """Return {model label: rows} for every case table, in one query."""
    quote = connection.ops.quote_name
    # Table names come from the models, not from input.
    selects = [f"(SELECT COUNT(*) FROM {quote(table)})" for _l, table in tables]  # noqa: S608
    sql = "SELECT " + ", ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return {label: count for (label, _t), count in zip(tables, row, strict=True)}
