"""The office's Ed25519 key and the keys of the offices it trusts.

The private key is made at first use and kept in the user data folder
(`<data dir>/keys/office-ed25519.pem`, readable by the user only), never in
the database. Trusted public keys are kept in the database (setting
`trusted_key:<id>`), with the date they were trusted and, once revoked, the
date of revocation; changes are audited (entity "key"). A key's id is the
first 16 bytes of the SHA-256 of its raw public key, in hex.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit, authz
from desktop.data.models import Setting
from desktop.data.settings import get_setting, set_setting
from desktop.errors import UserError
from desktop.i18n import t
from desktop.paths import data_dir

KEY_FILE_FORMAT = "itplan-office-key"
TRUST_PREFIX = "trusted_key:"
MAX_KEY_FILE = 64 * 1024


class PackageError(UserError):
    """A package or key file that is refused; the message names the file and why."""


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    public_key: str  # base64 of the 32 raw bytes
    office: str
    office_name: str
    trusted_at: str
    revoked_at: str | None

    @property
    def state(self) -> str:
        return "revoked" if self.revoked_at else "trusted"

    def as_json(self) -> dict:
        return {"key_id": self.key_id, "office": self.office, "office_name": self.office_name,
                "state": self.state, "trusted_at": self.trusted_at, "revoked_at": self.revoked_at}


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:32]


def show_id(identifier: str) -> str:
    """A key id in groups of four, easier to read aloud over the phone."""
    return " ".join(identifier[i:i + 4] for i in range(0, len(identifier), 4))


def private_key_path() -> Path:
    return data_dir() / "keys" / "office-ed25519.pem"


def office_private_key():  # noqa: ANN201 - cryptography's Ed25519PrivateKey
    """The office's private key, made and saved at first use."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = private_key_path()
    if path.is_file():
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    os.replace(partial, path)
    return key


def read_private_key(path: Path):  # noqa: ANN201 - cryptography's Ed25519PrivateKey
    """The Ed25519 private key in a PEM file (the office's key file), or a PackageError."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise ValueError
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError
    except (OSError, ValueError, TypeError):
        raise PackageError(t(f"{path.name}: không phải tệp khóa riêng của cơ quan.",
                             f"{path.name}: not an office's private key file.")) from None
    return key


def public_raw(private_key) -> bytes:  # noqa: ANN001
    from cryptography.hazmat.primitives import serialization

    return private_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)


def office_key_id() -> str:
    return key_id(public_raw(office_private_key()))


def verify_signature(public_b64: str, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_document(office: str, office_name: str) -> dict:
    """The office's public key as a small JSON document to hand to the province."""
    raw = public_raw(office_private_key())
    return {"format": KEY_FILE_FORMAT, "key_id": key_id(raw),
            "public_key": base64.b64encode(raw).decode("ascii"),
            "office": office, "office_name": office_name}


def export_public_key(out: Path, office: str, office_name: str) -> str:
    document = public_key_document(office, office_name)
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return document["key_id"]


def read_key_document(path: Path) -> dict:
    """A public key from a key file (keys export) or from a package's signer."""
    if not path.is_file():
        raise PackageError(t(f"Không tìm thấy tệp {path}.", f"No such file: {path}."))
    with open(path, "rb") as handle:
        is_zip = handle.read(2) == b"PK"
    if is_zip:
        from desktop.packages.container import read_signer

        return read_signer(path)
    if path.stat().st_size > MAX_KEY_FILE:
        raise PackageError(t(f"{path.name}: không phải tệp khóa.", f"{path.name}: not a key file."))
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        document = None
    return check_key_document(document, path)


def check_key_document(document: object, path: Path) -> dict:
    """The key document when it is well formed; its key id is recomputed from the key."""
    try:
        raw = base64.b64decode(document["public_key"], validate=True)
        if len(raw) != 32:
            raise ValueError
        return {"key_id": key_id(raw), "public_key": document["public_key"],
                "office": str(document.get("office", "")),
                "office_name": str(document.get("office_name", ""))}
    except (TypeError, KeyError, ValueError):
        raise PackageError(t(f"{path.name}: không phải tệp khóa công khai của chương trình.",
                             f"{path.name}: not a public key file of this program.")) from None


def trusted_keys(session: Session) -> list[TrustedKey]:
    rows = session.scalars(select(Setting).where(Setting.key.startswith(TRUST_PREFIX)))
    keys = [TrustedKey(**json.loads(row.value)) for row in rows]
    return sorted(keys, key=lambda k: (k.office, k.trusted_at))


def trusted_key(session: Session, identifier: str) -> TrustedKey | None:
    raw = get_setting(session, TRUST_PREFIX + identifier)
    return TrustedKey(**json.loads(raw)) if raw else None


def _save(session: Session, key: TrustedKey) -> None:
    set_setting(session, TRUST_PREFIX + key.key_id, json.dumps(key.__dict__, ensure_ascii=False))


def trust(session: Session, path: Path, office: str | None = None) -> TrustedKey:
    """Trust the public key in a key file or package FOR ITS OFFICE (the unit code it
    signs for; `office`, when given, must be that code); a revoked key stays revoked."""
    authz.require(session, "manage_keys")
    document = read_key_document(path)
    existing = trusted_key(session, document["key_id"])
    if existing and existing.revoked_at:
        raise PackageError(t(
            f"{path.name}: khóa {show_id(existing.key_id)} đã bị thu hồi; không tin cậy lại.",
            f"{path.name}: key {show_id(existing.key_id)} was revoked; it is not trusted again."))
    _check_office(session, path, document, office)
    if existing:
        return existing
    key = TrustedKey(document["key_id"], document["public_key"], document["office"],
                     document["office_name"], dt.datetime.now().isoformat(timespec="seconds"), None)
    _save(session, key)
    audit.record(session, "key", key.key_id, "trust", new=f"{key.office} {key.office_name}".strip())
    return key


def _check_office(session: Session, path: Path, document: dict, office: str | None) -> None:
    """A key is trusted for one office other than this one: an office below (it sends data
    packages for its subtree) or the office above (it sends the province's plan file);
    never for this office's own unit, which only this office's own key signs for."""
    from desktop.data.office import get_office

    claimed = document["office"].strip()
    if not claimed:
        raise PackageError(t(f"{path.name}: tệp khóa không ghi mã đơn vị; không tin cậy được.",
                             f"{path.name}: the key file names no office; it cannot be trusted."))
    if office is not None and office.strip() != claimed:
        raise PackageError(t(f"{path.name}: khóa này ký cho {claimed}, không phải {office}.",
                             f"{path.name}: this key signs for {claimed}, not {office}."))
    own = get_office(session)
    if own is not None and claimed == own.unit_code:
        raise PackageError(t(
            f"{path.name}: khóa ký cho {claimed}, là đơn vị của chính cơ quan này; chỉ tin cậy "
            "khóa của đơn vị cấp dưới hoặc của cấp trên.",
            f"{path.name}: the key signs for {claimed}, this office's own unit; only keys of "
            "units below or of the office above are trusted."))


def is_above_here(session: Session, office: str) -> bool:
    """Whether `office` is a unit above this office's own unit (its province, district…)."""
    from desktop.data.models import OrgUnit
    from desktop.data.office import get_office

    own = get_office(session)
    if own is None or office == own.unit_code:
        return False
    paths = dict(session.execute(select(OrgUnit.code, OrgUnit.path).where(
        OrgUnit.code.in_([office, own.unit_code]))).all())
    return office in paths and own.unit_code in paths and \
        paths[own.unit_code].startswith(paths[office])


def revoke(session: Session, identifier: str) -> TrustedKey:
    """Revoke a trusted key (full id or an unambiguous start of it, spaces ignored)."""
    authz.require(session, "manage_keys")
    wanted = identifier.replace(" ", "").lower()
    matches = [k for k in trusted_keys(session) if k.key_id.startswith(wanted)] if len(
        wanted) >= 8 else []
    if len(matches) != 1:
        raise UserError(t(f"Không có đúng một khóa tin cậy có mã “{identifier}” (xem itplan keys list).",
                          f"No single trusted key with id “{identifier}” (see itplan keys list)."))
    key = matches[0]
    if key.revoked_at:
        return key
    revoked = TrustedKey(**{**key.__dict__,
                            "revoked_at": dt.datetime.now().isoformat(timespec="seconds")})
    _save(session, revoked)
    audit.record(session, "key", key.key_id, "revoke", old=key.office)
    return revoked
