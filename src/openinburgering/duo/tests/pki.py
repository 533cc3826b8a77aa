"""A test PKI made on the fly with ``cryptography``: a CA in the shape of PKIoverheid, client certificates whose
subject carries an OIN in serialNumber (2.5.4.5), and a server certificate for 127.0.0.1."""

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

Attributes = list[tuple[x509.ObjectIdentifier, str]]


@dataclass
class Issued:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    @property
    def escaped(self) -> str:
        """As nginx's ``$ssl_client_escaped_cert`` forwards it: the PEM, URL-encoded."""
        return quote(self.pem.decode(), safe="")

    def write(self, directory: Path, name: str) -> tuple[Path, Path]:
        cert, key = directory / f"{name}.pem", directory / f"{name}.key"
        cert.write_bytes(self.pem)
        key.write_bytes(self.key_pem)
        return cert, key


def _name(attributes: Attributes) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes])


def make_ca(common_name: str = "Test PKIoverheid Private Services CA") -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(
        [(NameOID.COUNTRY_NAME, "NL"), (NameOID.ORGANIZATION_NAME, "Test"), (NameOID.COMMON_NAME, common_name)]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )  # keyCertSign, cRLSign
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(certificate, key)


def issue(
    ca: Issued,
    subject: Attributes | x509.Name,
    *,
    server: bool = False,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject if isinstance(subject, x509.Name) else _name(subject))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
    )
    if server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return Issued(builder.sign(ca.key, hashes.SHA256()), key)


def oin_subject(oin: str, *, organisation: str = "Dienst Uitvoering Onderwijs") -> Attributes:
    """The subject of a PKIoverheid services certificate: the OIN in serialNumber."""
    return [
        (NameOID.COUNTRY_NAME, "NL"),
        (NameOID.ORGANIZATION_NAME, organisation),
        (NameOID.SERIAL_NUMBER, oin),
        (NameOID.COMMON_NAME, "m2m.example.nl"),
    ]
