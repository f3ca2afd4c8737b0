"""Two-factor authentication (TOTP, django-otp) for everyone who can reach the Wagtail admin, on every way in.

With ``PORTAIL_2FA_REQUIRED`` on, a signed-in user with admin access who has not yet typed a code in this
session is sent to the code page (or, without a device yet, to the page that sets one up) for every admin
address except signing in and out.

Whatever the way in (the admin's login, the adults' login at ``/dictionnaire/connexion/``, a link that signs
someone in), a sign-in of an account that has a device — or that must have one — is only half done: the session
is marked, and every address but the code pages and signing out sends to the code page until the code is typed.
The password alone never opens the classes, their workshop codes or the admin.
"""

from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from portail.security.csp import is_admin_path

#: Admin URL names an unverified user may still open.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "portail_2fa_verify",
    "portail_2fa_setup",
    "portail_2fa_qrcode",
    "dictionnaire:logout",
}
#: Session key: this sign-in still waits for the second factor.
PENDING_SESSION_KEY = "portail_2fa_pending"


def needs_second_factor(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def must_pass_second_factor(user):
    """An account with a confirmed device, or one the admin asks to set one up (``PORTAIL_2FA_REQUIRED``)."""
    required = getattr(settings, "PORTAIL_2FA_REQUIRED", True) and needs_second_factor(user)
    return required or user_has_device(user, confirmed=True)


@receiver(user_logged_in, dispatch_uid="portail-2fa-pending")
def mark_sign_in_pending(sender, request, user, **kwargs):
    """Every sign-in, whatever view made it: the session waits for the code when the account needs one."""
    if request is None or not hasattr(request, "session"):
        return
    if must_pass_second_factor(user):
        request.session[PENDING_SESSION_KEY] = True
    else:
        request.session.pop(PENDING_SESSION_KEY, None)


class AdminTwoFactorMiddleware:
    """Sends users who have not passed the second factor to the code page. After django-otp's middleware.

    A sign-in waiting for its code (see :func:`mark_sign_in_pending`) is sent there from every address; with
    ``PORTAIL_2FA_REQUIRED``, anyone with admin access is from the admin's addresses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        pending = session is not None and session.get(PENDING_SESSION_KEY, False)
        admin = getattr(settings, "PORTAIL_2FA_REQUIRED", True) and is_admin_path(request.path_info)
        if (pending or admin) and self.waits_for_code(request, pending):
            user = request.user
            target = "portail_2fa_verify" if user_has_device(user, confirmed=True) else "portail_2fa_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def waits_for_code(self, request, pending):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return False
        return (pending or needs_second_factor(user)) and self.view_name(request) not in OPEN_URL_NAMES

    @staticmethod
    def view_name(request):
        try:
            return resolve(request.path_info).view_name
        except Resolver404:
            return None


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code à 6 chiffres"),
        max_length=8,
        help_text=_("Le code affiché en ce moment par l'application d'authentification de votre téléphone."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        if not token.isdigit():
            raise forms.ValidationError(_("Le code ne contient que des chiffres."))
        for device in self.devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(
                    _("Trop de codes erronés d'affilée. Attendez une minute avant de réessayer.")
                )
            if device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(
            _("Ce code n'est pas le bon, ou il a expiré. Tapez le code affiché maintenant sur votre téléphone.")
        )


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if safe:
        return candidate
    return reverse("wagtailadmin_home")


def _unconfirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(_("Téléphone")), confirmed=False)
    return device


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request):
    """Type the code of an already set-up device."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    devices = TOTPDevice.objects.devices_for_user(request.user, confirmed=True)
    if not devices.exists():
        return redirect(f"{reverse('portail_2fa_setup')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(devices, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        request.session.pop(PENDING_SESSION_KEY, None)
        return redirect(_next_url(request))
    return TemplateResponse(request, "portail/security/2fa_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@sensitive_post_parameters("otp_token")
def setup(request):
    """First sign-in to the admin: scan the QR code with an authenticator app, type a code to confirm it."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect(f"{reverse('portail_2fa_verify')}?{urlencode({'next': _next_url(request)})}")
    device = _unconfirmed_device(request.user)
    form = TokenForm([device], request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        request.session.pop(PENDING_SESSION_KEY, None)
        messages.success(request, _("La double authentification est activée pour votre compte."))
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request), "secret": _base32(device), "issuer": settings.OTP_TOTP_ISSUER}
    return TemplateResponse(request, "portail/security/2fa_setup.html", context)


@never_cache
def qrcode(request):
    """The QR code of the device being set up, as SVG (an image: allowed by the CSP's img-src 'self')."""
    if not request.user.is_authenticated or user_has_device(request.user, confirmed=True):
        return HttpResponse(status=404)
    device = _unconfirmed_device(request.user)
    response = HttpResponse(content_type="image/svg+xml")
    segno.make(device.config_url, error="m").save(response, kind="svg", scale=5, xmldecl=False)
    return response


def _base32(device):
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
