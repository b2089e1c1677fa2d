"""Every URL pattern of the project, and real ids of the right kind for its parameters.

Which model a parameter names is found in two ways. First, from the models themselves: a
model whose get_absolute_url() resolves to a pattern of its own app tells us that the route up
to that parameter (e.g. "plans/<str:pk>/") is that model's, and so is every route below it
("plans/<str:pk>/end/"). Second, for routes no get_absolute_url() reaches, from the table
below. A parameter found by neither fails test_every_url_parameter_has_an_id_source, so a new
URL cannot slip past the crawler untested.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve

UNSAVED_PK = 918273
PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")

# Route prefix (up to and including the parameter) -> id source, for routes that no model's
# get_absolute_url() reaches. An id source is a model label or a name handled in _special_ids.
ROUTE_SOURCES = {
    "clocks/<int:clock_id>/": "compliance.Clock",
    "plan-actions/<str:pk>/": "casework.PlanAction",
    "episodes/<str:pk>/": "casework.Episode",
    "episodes/<str:episode_id>/": "casework.Episode",
    "front-door/allocate/<int:episode_id>/": "unallocated_episode",
    "missing/flags/<int:pk>/": "missing.RepeatMissingFlag",
    "exploitation/assessments/<int:pk>/": "exploitation.RiskAssessment",
    "exploitation/plans/<int:pk>/": "exploitation.ExploitationPlan",
    "workforce/teams/<int:team_id>/": "accounts.Team",
    "workforce/workers/<int:user_id>/": "social_worker_user",
    "workforce/audits/new/<str:person_id>/<int:tool_id>/": "workforce.AuditTool",
    "workforce/audits/<int:pk>/": "workforce.CaseAudit",
    "workforce/audit-actions/<int:pk>/": "workforce.CaseAuditAction",
    "child-protection/alerts/<str:pk>/": "child_protection.ManagerAlert",
    "child-protection-plans/<str:pk>/actions/<str:action_id>/": "child_protection_plan_action",
    "performance/measures/<str:code>/": "performance_measure",
    "performance/self-evaluation/<int:statement_id>/": "performance.SelfEvaluationStatement",
    "performance/data-quality/<str:code>/": "performance_data_quality_check",
    "partners/submissions/<str:submission_id>/": "partners.PartnerSubmission",
}
# A parameter named like this is that model wherever it appears.
NAME_SOURCES = {"person_id": "child", "episode_id": "casework.Episode"}


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "people/<str:person_id>/visits/new/"
    name: str  # "casework:visit_create"
    callback: object

    @property
    def params(self) -> list[tuple[str, str]]:
        """Return [(converter, name)] in the order they appear."""
        return [(m["converter"] or "str", m["name"]) for m in PARAM.finditer(self.route)]

    def prefix(self, param: str) -> str:
        """Return the route up to and including this parameter's segment."""
        match = next(m for m in PARAM.finditer(self.route) if m["name"] == param)
        end = self.route.find("/", match.end())
        return self.route[: end + 1] if end != -1 else self.route

    def path(self, values: dict[str, str]) -> str:
        """Return the URL path with each parameter replaced by its value (any text)."""
        return "/" + PARAM.sub(lambda m: str(values[m["name"]]), self.route)

    @property
    def login_required(self) -> bool:
        return getattr(self.callback, "login_required", True)

    def __str__(self) -> str:
        return self.name


def project_routes() -> list[Route]:
    """Return every URL pattern of config/urls.py but the admin site's, recursively."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("admin/"):
                    continue
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                yield Route(prefix + str(pattern.pattern), name, pattern.callback)

    return list(walk(get_resolver().url_patterns))


def _absolute_url_sources() -> dict[str, str]:
    """Return {route prefix: model label} from every model's get_absolute_url()."""
    sources = {}
    routes = {route.name: route for route in project_routes()}
    for model in apps.get_models():
        if not model.__module__.startswith("safeguard.") or not hasattr(model, "get_absolute_url"):
            continue
        # An unsaved instance will do when the authority has no row of this kind.
        instance = model.objects.order_by("pk").first() or model(pk=UNSAVED_PK)
        try:
            match = resolve(instance.get_absolute_url())
        except Exception:  # noqa: S112 - a URL built from a field the unsaved row lacks
            continue
        route = routes.get(match.view_name)
        if route is None or match.namespace != model._meta.app_label:
            continue
        for param, value in match.kwargs.items():
            # A foreign key's value (CareEpisode -> the child's page) is not this model's id.
            if str(value) == str(instance.pk) and (param == "pk" or not hasattr(instance, param)):
                sources[route.prefix(param)] = model._meta.label
    return sources


def param_source(route: Route, param: str, sources: dict[str, str]) -> str | None:
    """Return the id source of one parameter of a route, or None if nothing says."""
    prefix = route.prefix(param)
    source = sources.get(prefix) or ROUTE_SOURCES.get(prefix) or NAME_SOURCES.get(param)
    # The crawler's people are children chosen for the records they have.
    return "child" if source == "people.Person" else source


def _special_ids() -> dict[str, list[str]]:
    """Return ids for sources that are not simply "a row of this model"."""
    from safeguard.accounts.choices import Role
    from safeguard.accounts.models import User
    from safeguard.casework.models import Allocation, Episode, PlanAction
    from safeguard.child_protection.models import ChildProtectionPlan
    from safeguard.looked_after.models import CareEpisode
    from safeguard.people.models import Person

    ids: dict[str, list[str]] = {}
    # Children worth crawling: one on a child protection plan and one in care, unrestricted.
    children = Person.objects.filter(kind="child", is_restricted=False, archived_at=None)
    picks = []
    cp_plan = (
        ChildProtectionPlan.objects.filter(plan__person__in=children)
        .select_related("plan")
        .order_by("pk")
        .first()
    )
    if cp_plan is not None:
        picks.append(cp_plan.plan.person_id)
        action = PlanAction.objects.filter(plan_id=cp_plan.plan_id).order_by("pk").first()
        ids["child_protection_plan_action"] = [str(action.pk)] if action else []
        ids["child_protection.ChildProtectionPlan"] = [str(cp_plan.pk)]
    in_care = CareEpisode.objects.filter(person__in=children).order_by("pk").first()
    if in_care is not None and in_care.person_id not in picks:
        picks.append(in_care.person_id)
    if not picks:
        picks.append(children.order_by("pk").values_list("pk", flat=True).first())
    ids["child"] = [str(pk) for pk in picks]

    led = Allocation.objects.filter(end_at=None, role="lead").values("episode_id")
    open_episodes = Episode.objects.filter(closure_date=None).order_by("pk")
    # An allocated one when the authority has none waiting: the page must still not fail.
    episode = open_episodes.exclude(pk__in=led).first() or open_episodes.first()
    ids["unallocated_episode"] = [str(episode.pk)] if episode else []
    worker = User.objects.filter(role=Role.SOCIAL_WORKER).order_by("pk").first()
    ids["social_worker_user"] = [str(worker.pk)]

    from safeguard.performance.dataquality import CHECKS
    from safeguard.performance.measures import MEASURES

    ids["performance_measure"] = sorted(MEASURES)[:3]
    ids["performance_data_quality_check"] = sorted(CHECKS)[:3]
    return ids


def ids_for_authority() -> tuple[dict[str, list[str]], list[str]]:
    """Return ({id source: ids}, markers of the crawled children's records) for the data."""
    from safeguard.people.models import Person

    sources = _absolute_url_sources()
    ids = _special_ids()
    for label in set(sources.values()) | set(ROUTE_SOURCES.values()) | set(NAME_SOURCES.values()):
        if "." not in label or label in ids:
            continue
        model = apps.get_model(label)
        queryset = model.objects.order_by("pk")
        if "person" in {f.name for f in model._meta.get_fields()}:
            # Prefer the crawled children's own records, so that pages agree with each other.
            own = queryset.filter(person_id__in=ids["child"])
            queryset = own if own.exists() else queryset
        ids[label] = [str(pk) for pk in queryset.values_list("pk", flat=True)[:1]]
    ids["_sources"] = sources  # type: ignore[assignment]
    markers = []
    for person in Person.objects.filter(pk__in=ids["child"]):
        markers += [f"{person.first_name} {person.last_name}", person.la_child_id]
    return ids, [m for m in markers if m]
