"""The portal's roles as auth groups, defined in one place.

"admin" is not a group: administrators are superusers. The groups are synchronised after every
``migrate`` (see ProgramsConfig.ready) and by ``seed_demo``; a group holds exactly the permissions
listed here, so a change of this module is a change of the roles on the next deploy.
"""

from __future__ import annotations

import logging

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

logger = logging.getLogger(__name__)

EDITORS = "editors"
SECRETARIAT = "secretariat"
MEMBERS = "members"
REPORTERS = "reporters"
PARTNERS = "partners"


def _perms(app_label: str, models: list[str], actions: tuple[str, ...]) -> list[str]:
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


ADD_CHANGE_VIEW = ("add", "change", "view")
VIEW = ("view",)
VIEW_DRAFTS = "programs.view_draft_programme"

MEETINGS_MODELS = [
    "workinggroup",
    "workinggroupmember",
    "meeting",
    "agendaitem",
    "minutesamendment",
    "attendance",
    "decision",
    "proposal",
    "proposalattachment",
]

# What anyone may read on the public site; partners get exactly this, read-only.
PUBLIC_VIEW = [
    *_perms(
        "regions",
        [
            "administrativeunit",
            "unitnamehistory",
            "territorytype",
            "socioeconomicindicator",
            "indicatorvalue",
        ],
        VIEW,
    ),
    *_perms(
        "programs",
        [
            "legalact",
            "responsiblebody",
            "programme",
            "programmelegalact",
            "programmeterritory",
            "direction",
            "objective",
        ],
        VIEW,
    ),
    *_perms(
        "measures",
        ["measure", "measureexecutor", "fundingline", "measureindicator", "indicatortarget"],
        VIEW,
    ),
    *_perms(
        "meetings",
        ["workinggroup", "workinggroupmember", "meeting", "agendaitem", "decision"],
        VIEW,
    ),
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    EDITORS: [
        *_perms("programs", ["programme", "direction", "objective"], ADD_CHANGE_VIEW),
        *_perms(
            "measures",
            [
                "measure",
                "measureexecutor",
                "fundingline",
                "measureindicator",
                "indicatortarget",
            ],
            ADD_CHANGE_VIEW,
        ),
        *_perms("measures", ["progressreport"], ("view", "change")),
        VIEW_DRAFTS,
    ],
    SECRETARIAT: [
        *_perms("meetings", MEETINGS_MODELS, ADD_CHANGE_VIEW),
        "meetings.manage_working_group",
        VIEW_DRAFTS,
    ],
    MEMBERS: [
        *_perms("meetings", ["proposal", "proposalattachment"], ADD_CHANGE_VIEW),
        *_perms(
            "meetings",
            [m for m in MEETINGS_MODELS if m not in ("proposal", "proposalattachment")],
            VIEW,
        ),
        VIEW_DRAFTS,
    ],
    REPORTERS: _perms(
        "measures", ["progressreport", "indicatoractual", "reportevidence"], ADD_CHANGE_VIEW
    ),
    PARTNERS: PUBLIC_VIEW,
}

ROLE_APP_LABELS = sorted(
    {perm.split(".")[0] for perms in ROLE_PERMISSIONS.values() for perm in perms}
)


def sync_role_groups(*, apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> dict[str, object]:
    """Create the role groups and give each exactly the permissions of ROLE_PERMISSIONS.

    Idempotent. Permissions whose model is not migrated yet are skipped (and logged), so this is
    safe in a post_migrate handler of a partial migration.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    available = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    groups = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        missing = [perm for perm in perms if perm not in available]
        if missing:
            logger.warning("Role %s: permissions not found yet: %s", name, ", ".join(missing))
        group.permissions.set([available[perm] for perm in perms if perm in available])
        groups[name] = group
    return groups


def sync_roles_after_migrate(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate handler: make sure every permission exists, then the groups.

    Django creates permissions app by app in its own post_migrate handlers; this one may run before
    those of later apps (meetings), so it creates the permissions of the apps it needs first.
    """
    from django.contrib.auth.management import create_permissions

    try:
        apps.get_model("auth", "Group")
    except LookupError:  # auth is not migrated (e.g. migrating back to zero)
        return
    for label in ROLE_APP_LABELS:
        try:
            app_config = global_apps.get_app_config(label)
        except LookupError:
            continue
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    sync_role_groups(apps=apps, using=using)
