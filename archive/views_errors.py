"""The answer to an error no view handled (Django's handler500): in the site's shape, never a bare
"Server Error" — JSON {"detail", "code"} under /api/, a page elsewhere. Nothing of the exception is shown."""
from django.http import JsonResponse
from django.template import loader
from django.http import HttpResponseServerError
from django.utils.translation import gettext
from django.shortcuts import render


def bad_request(request, exception=None):
    """A request Django itself refuses before any view (a malformed multipart body, too many fields)."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": gettext("The request could not be read."), "code": "bad_request"}, status=400)
    return render(request, "errors/400.html", {"message": gettext("The request could not be read.")}, status=400)


def permission_denied(request, exception=None):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": gettext("You may not do this."), "code": "permission_denied"}, status=403)
    # error_page: nothing of the refused address is echoed (it may hold a NIP), not even in the language form
    return render(request, "errors/403.html", {"error_page": True}, status=403)


def not_found(request, exception=None):
    """A path no route matches (e.g. /api/v1/documents/false/): under /api/ the API's error shape."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found."), "code": "not_found"}, status=404)
    return render(request, "errors/404.html", {"error_page": True}, status=404)


def server_error(request):
    message = gettext("Something went wrong on our side; it has been logged. Try again in a few minutes.")
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "server_error"}, status=500)
    # a standalone page: base.html needs the request's user and session, which may be what failed
    return HttpResponseServerError(loader.get_template("errors/500.html").render({"message": message}))
