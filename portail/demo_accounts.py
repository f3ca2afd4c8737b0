"""The demo accounts (development only): created once with a password noted in ``var/``, printed in one short
block at the end of ``make run`` (``manage.py demo_accounts``) instead of in the middle of the log.

The file lives beside the development database and secret (``PORTAIL_VAR_DIR``), never in production: accounts
are created only where ``DEMO_CREATE_ADMIN`` is on.
"""

import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def _path():
    from portail.settings.base import VAR_DIR

    return Path(getattr(settings, "DEMO_ACCOUNTS_FILE", VAR_DIR / "demo-accounts.json"))


def noted():
    try:
        return json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def note(username, role, password=None):
    accounts = noted()
    entry = accounts.get(username, {})
    entry["role"] = role
    if password:
        entry["password"] = password
    accounts[username] = entry
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(accounts, ensure_ascii=False, indent=1), encoding="utf-8")
    os.chmod(path, 0o600)


def ensure_demo_user(username, role, groups=(), superuser=False):
    """A demo account that can log in, in development only (``DEMO_CREATE_ADMIN``); None elsewhere.

    Its password is ``DEMO_ADMIN_PASSWORD`` when set, otherwise generated once and noted for the final block.
    """
    if not settings.DEMO_CREATE_ADMIN:
        return None
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@localhost"})
    if created:
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_superuser = user.is_staff = superuser
        user.save()
        note(username, role, None if os.environ.get("DEMO_ADMIN_PASSWORD") else password)
    elif username not in noted():
        note(username, role)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def summary(address):
    """The short block ``make run`` ends with: the address, each demo account with its role and password."""
    User = get_user_model()
    accounts = noted()
    existing = set(User.objects.filter(username__in=list(accounts)).values_list("username", flat=True))
    lines = ["", "=" * 72, f"  Le site : {address}    (administration : {address.rstrip('/')}/admin/)", ""]
    from_env = bool(os.environ.get("DEMO_ADMIN_PASSWORD"))
    for username, entry in sorted(accounts.items(), key=lambda item: item[0] != "admin"):
        if username not in existing:
            continue
        password = entry.get("password") or ("DEMO_ADMIN_PASSWORD" if from_env else "(changé depuis)")
        lines.append(f"  {username:<22} {password:<18} {entry['role']}")
    if len(lines) == 4:
        lines.append("  Aucun compte de démonstration (DEMO_CREATE_ADMIN est désactivé).")
    lines += ["=" * 72, ""]
    return "\n".join(lines)
