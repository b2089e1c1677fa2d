"""Reads about the synthetic authority in this database."""

import hashlib

from django.apps import apps
from django.db import models

from safeguard.synthetic.models import SyntheticAuthority

# Columns that differ between identical runs by design: salted password hashes, sign-ins.
_DIGEST_EXCLUDED = {("accounts", "user"): {"password", "last_login"}}


def authority_current() -> SyntheticAuthority | None:
    """Return the synthetic authority this database holds, or None."""
    return SyntheticAuthority.objects.order_by("-pk").first()


def authority_digest() -> str:
    """Return a SHA-256 of every generated row, table by table in id order.

    Two runs with the same seed and arguments into empty databases give the same digest.
    """
    digest = hashlib.sha256()
    for model in sorted(_generated_models(), key=lambda m: m._meta.label):
        excluded = _DIGEST_EXCLUDED.get((model._meta.app_label, model._meta.model_name), set())
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in excluded]
        digest.update(model._meta.label.encode())
        for row in model._base_manager.order_by("pk").values_list(*fields).iterator(10_000):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _generated_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("safeguard.")
        and model is not SyntheticAuthority
        and not model._meta.proxy
        and model._meta.app_label != "audit"
    ]


def postcodes_recorded() -> set[str]:
    """Return every postcode the records hold: addresses, care episodes, places of concern.

    Archived records too: an export or a later restore may still read them.
    """
    from safeguard.exploitation.models import PlaceOfConcern
    from safeguard.looked_after.models import CareEpisode
    from safeguard.people.models import Address

    found: set[str] = set()
    for queryset in (
        Address._base_manager.values_list("postcode", flat=True),
        CareEpisode._base_manager.values_list("home_postcode", flat=True),
        CareEpisode._base_manager.values_list("placement_postcode", flat=True),
        PlaceOfConcern._base_manager.values_list("postcode", flat=True),
    ):
        found.update(pc for pc in queryset.distinct().iterator(10_000) if pc and pc.strip())
    return found
