"""Log in with the username or the NIP, typed any way Unicode allows (accounts.services.login)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts.services.login import user_for_identifier


class UsernameOrNipBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_for_identifier(username)
        if user is None:
            get_user_model()().set_password(password)  # the same time whether or not the name exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
