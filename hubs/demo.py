"""Demo hubs and users (`manage.py seed_demo`), from the facts in demo_data.py."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from . import demo_data, services
from .models import FocusTheme, Hub, OpeningException, Organisation, Schedule

FILLED_IN_LATER = {
    "widget_origins",
    "street",
    "email",
    "phone",
    "hours_note",
    "access_entrance",
    "access_toilet",
    "access_parking",
    "access_transport",
}


def seed_hubs() -> int:
    orgs = {
        name: Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "website": web, "description": desc}
        )[0]
        for name, web, desc in demo_data.ORGANISATIONS
    }
    themes = {
        name: FocusTheme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": desc}
        )[0]
        for name, desc in demo_data.THEMES
    }
    for spec in demo_data.HUBS:
        _hub(spec, orgs, themes)
    return len(demo_data.HUBS)


def seed_users() -> list[tuple[str, str]]:
    """Demo logins, one per role; returns (role, email) pairs."""
    for email, name, role, hub_slugs in demo_data.USERS:
        _user(email, name, role, hub_slugs)
    return [
        (role + (f" ({', '.join(slugs)})" if slugs else ""), email)
        for email, _name, role, slugs in demo_data.USERS
    ]


def _hub(spec, orgs, themes):
    fields = {
        k: v
        for k, v in spec.items()
        if k not in {"slug", "partners", "themes", "schedules", "presence", "exceptions"}
    }
    hub, created = Hub.objects.get_or_create(slug=spec["slug"], defaults=fields)
    if not created:
        # Staff may have edited it since: leave what they wrote alone, but fill in the
        # contact and access details an older demo database does not have yet.
        blanks = {k: v for k, v in fields.items() if k in FILLED_IN_LATER and not getattr(hub, k)}
        if blanks:
            Hub.objects.filter(pk=hub.pk).update(**blanks)
        return
    hub.organisations.set(orgs[name] for name in spec["partners"])
    hub.focus_themes.set(themes[name] for name in spec["themes"])
    for name, valid_from, valid_until, intervals in spec["schedules"]:
        schedule = Schedule.objects.create(
            hub=hub, name=name, valid_from=valid_from, valid_until=valid_until
        )
        for weekday, opens, closes in intervals:
            schedule.intervals.create(weekday=weekday, opens=opens, closes=closes)
        for org, weekday, starts, ends, purpose in spec["presence"]:
            schedule.presences.create(
                organisation=orgs[org],
                weekday=weekday,
                starts=starts,
                ends=ends,
                purpose=purpose,
            )
    for kind, start, end, opens, closes, reason in spec["exceptions"]:
        OpeningException.objects.create(
            hub=hub,
            kind=kind,
            start_date=start,
            end_date=end,
            opens=opens,
            closes=closes,
            reason=reason,
        )


def _user(email, name, role, hub_slugs):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_password(demo_data.PASSWORD)
        user.is_superuser = user.is_staff = role == "superuser"
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    for slug in hub_slugs:
        services.hub_staff_add(hub=Hub.objects.get(slug=slug), user=user)
    if user.is_staff:
        demo_second_factor(user)


def demo_second_factor(user) -> None:
    """The demo's authenticator app (demo_data.TOTP_SECRET), for demo accounts only."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_data.TOTP_SECRET)
