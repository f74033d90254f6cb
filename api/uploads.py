"""Reading an uploaded file in a view, within a size limit."""
from django.utils.translation import gettext as _

from api.errors import FileTooLarge


def read_upload(upload, limit_bytes: int) -> bytes:
    """The uploaded file's bytes, or 413 naming the limit (in MB) when it is larger."""
    if upload.size > limit_bytes:
        raise FileTooLarge(_("The file is larger than the %(limit_mb)s MB limit.") % {
            "limit_mb": limit_bytes // (1024 * 1024)})
    return upload.read()
