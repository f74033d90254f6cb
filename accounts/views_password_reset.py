"""Account pages: password reset by email link (issue 10). Django's reset machinery does the token
and the password form; accounts.services.password_reset decides who gets mail and audits it."""
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.services.password_reset import password_reset_completed, password_reset_request


class Login(auth_views.LoginView):
    """The local login form, with the single sign-on button when SSO is configured."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"sso_enabled": settings.OIDC_ENABLED,
                                                     "sso_name": settings.OIDC_PROVIDER_NAME}


class PasswordResetRequestForm(forms.Form):
    login = forms.CharField(label=_("Username, NIP or email address"), max_length=254)

    def save(self, *, request=None, **_ignored) -> None:
        password_reset_request(identifier=self.cleaned_data["login"], request=request)


class PasswordReset(auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same page whether or not an account matched."""

    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDone(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)}


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """The link from the email: a new password that must pass the password policy."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False  # log in with the new password, through the lockout like any login

    def form_valid(self, form):
        response = super().form_valid(form)
        password_reset_completed(user=form.user, request=self.request)
        return response


class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
