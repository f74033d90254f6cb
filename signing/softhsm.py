"""SoftHSM2 tokens for CI and the tests: a PKCS#11 token whose signing key is
generated on the token and can never be read out.

    conf = create_token(directory, label="berkas-ci", so_pin=..., user_pin=...)
    # SOFTHSM2_CONF=conf must be in the environment before the PKCS#11
    # module is first loaded in the process
    public_key = generate_signing_key(MODULE, label, user_pin, key_label="signer")
    cert = signing.pki.issue_signer_certificate(pki_dir, label=..., public_key=public_key, ...)
    store_certificate(MODULE, label, user_pin, key_label="signer", cert_der=cert.dump())

Production uses a real HSM the same way (its own module path, token label,
PIN and key label in :class:`signing.config.Pkcs11Settings`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from asn1crypto import keys as asn1_keys

SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
KEY_ID = b"\x01"


def create_token(directory: Path | str, *, label: str, so_pin: str, user_pin: str) -> Path:
    """Make a SoftHSM2 configuration with its own token directory under
    ``directory`` and initialise one token there; returns the config path
    (to put in ``SOFTHSM2_CONF``)."""
    directory = Path(directory)
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\n"
        "objectstore.backend = file\n"
        "log.level = ERROR\n"
        "slots.removable = false\n"
    )
    env = dict(os.environ, SOFTHSM2_CONF=str(conf))
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", label,
         "--so-pin", so_pin, "--pin", user_pin],
        check=True, capture_output=True, env=env, timeout=60,
    )
    return conf


def _session(module: Path, token_label: str, user_pin: str, rw: bool = False):
    import pkcs11

    lib = pkcs11.lib(str(module))
    token = lib.get_token(token_label=token_label)
    return token.open(rw=rw, user_pin=user_pin)


def generate_signing_key(
    module: Path, token_label: str, user_pin: str, *, key_label: str, bits: int = 2048
) -> asn1_keys.PublicKeyInfo:
    """Generate an RSA key pair ON the token (sensitive, never extractable)
    and return the public half, to be certified by a CA."""
    from pkcs11 import Attribute, KeyType
    from pkcs11.util.rsa import encode_rsa_public_key

    with _session(module, token_label, user_pin, rw=True) as session:
        public, _private = session.generate_keypair(
            KeyType.RSA,
            bits,
            id=KEY_ID,
            label=key_label,
            store=True,
            public_template={Attribute.VERIFY: True, Attribute.TOKEN: True},
            private_template={
                Attribute.SIGN: True,
                Attribute.TOKEN: True,
                Attribute.PRIVATE: True,
                Attribute.SENSITIVE: True,
                Attribute.EXTRACTABLE: False,
            },
        )
        rsa_public = asn1_keys.RSAPublicKey.load(encode_rsa_public_key(public))
    return asn1_keys.PublicKeyInfo.wrap(rsa_public, "rsa")


def store_certificate(
    module: Path, token_label: str, user_pin: str, *, key_label: str, cert_der: bytes
) -> None:
    """Put the signer's certificate on the token next to its key (same
    label and id), where :class:`signing.signers.Pkcs11Signer` finds it."""
    from asn1crypto import x509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    cert = x509.Certificate.load(cert_der)
    with _session(module, token_label, user_pin, rw=True) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: key_label,
                Attribute.ID: KEY_ID,
                Attribute.SUBJECT: cert.subject.dump(),
                Attribute.ISSUER: cert.issuer.dump(),
                Attribute.SERIAL_NUMBER: cert.serial_number.to_bytes(
                    (cert.serial_number.bit_length() + 8) // 8, "big"
                ),
                Attribute.VALUE: cert_der,
            }
        )


def private_key_attributes(module: Path, token_label: str, user_pin: str, *, key_label: str) -> dict:
    """SENSITIVE / EXTRACTABLE / NEVER_EXTRACTABLE / LOCAL of the private key."""
    from pkcs11 import Attribute, KeyType, ObjectClass

    with _session(module, token_label, user_pin) as session:
        key = session.get_key(
            object_class=ObjectClass.PRIVATE_KEY, key_type=KeyType.RSA, label=key_label
        )
        return {
            name: key[getattr(Attribute, name)]
            for name in ("SENSITIVE", "EXTRACTABLE", "NEVER_EXTRACTABLE", "LOCAL")
        }


def try_export_private_key(module: Path, token_label: str, user_pin: str, *, key_label: str):
    """Ask the token for the private exponent; a correct token refuses."""
    from pkcs11 import Attribute, KeyType, ObjectClass

    with _session(module, token_label, user_pin) as session:
        key = session.get_key(
            object_class=ObjectClass.PRIVATE_KEY, key_type=KeyType.RSA, label=key_label
        )
        return key[Attribute.PRIVATE_EXPONENT]
