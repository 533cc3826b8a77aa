"""Is the client certificate that our reverse proxy verified DUO's?

The proxy (nginx, docs/configuration.md) terminates TLS, verifies the client's PKIoverheid certificate
against the PKIoverheid CA bundle, and forwards that certificate, as URL-encoded PEM
(``$ssl_client_escaped_cert``), in the header ``DUO_CLIENT_CERT_HEADER``. Here it is read by an X.509
parser, never by splitting a subject string: a PKIoverheid services certificate carries the holder's OIN
in the subject attribute serialNumber (2.5.4.5), and that attribute, exactly one of it, must be DUO's
OIN; text that merely looks like ``serialNumber=…`` inside another attribute (CN, O) counts for nothing.
"""

from datetime import datetime
from urllib.parse import unquote

from cryptography import x509
from cryptography.x509.oid import NameOID


class CertificaatOngeldig(Exception):
    """Why the forwarded certificate is not DUO's (Dutch: the reason is logged and shown to beheer)."""


def duo_client_certificate_check(forwarded: str, *, oin: str, now: datetime) -> x509.Certificate:
    """The certificate in the forwarded header, when it is DUO's and valid at ``now``; else CertificaatOngeldig."""
    if not oin:
        raise CertificaatOngeldig("DUO_OIN is niet ingesteld: geen certificaat kan van DUO zijn.")
    try:
        certificates = x509.load_pem_x509_certificates(unquote(forwarded.strip()).encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise CertificaatOngeldig("Het doorgegeven clientcertificaat is geen PEM-certificaat.") from None
    if len(certificates) != 1:
        raise CertificaatOngeldig(f"Er zijn {len(certificates)} certificaten doorgegeven in plaats van één.")
    [certificate] = certificates
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise CertificaatOngeldig(
            "Het clientcertificaat is niet geldig op dit moment (geldig van "
            f"{certificate.not_valid_before_utc:%Y-%m-%d} tot {certificate.not_valid_after_utc:%Y-%m-%d})."
        )
    serials = [attribute.value for attribute in certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)]
    if len(serials) != 1:
        raise CertificaatOngeldig(
            f"Het subject van het clientcertificaat heeft {len(serials)} keer serialNumber (OIN) in plaats van één."
        )
    if serials[0] != oin:
        raise CertificaatOngeldig(f"Het clientcertificaat is niet van DUO: serialNumber (OIN) is {serials[0]!r}.")
    return certificate
