"""Reading an uploaded file in a view, within a size limit."""
from api.errors import FileTooLarge


def read_upload(upload, limit_bytes: int, what: str = "Berkas") -> bytes:
    """The uploaded file's bytes, or 413 naming the limit (in MB) when it is larger."""
    if upload.size > limit_bytes:
        raise FileTooLarge(f"{what} melebihi batas {limit_bytes // (1024 * 1024)} MB.")
    return upload.read()
