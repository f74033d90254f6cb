import pytest

from tests.support.letters import letter_pdf
from tests.support.signing import product_pki_dir, signing_settings  # noqa: F401


@pytest.fixture
def letter():
    """letter(employee, title=...) -> bytes of a small PDF naming the employee (fresh bytes each call)."""
    def make(employee, title: str = "SURAT KEPUTUSAN", **kwargs) -> bytes:
        return letter_pdf(title=title, nip=kwargs.pop("nip", employee.nip), nama=kwargs.pop("nama", employee.nama),
                          **kwargs)

    return make
