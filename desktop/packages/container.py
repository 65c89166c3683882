"""The package file: writing it signed, reading it safely, verifying it.

Reading never trusts the zip: the file size, the number, names and sizes of
the entries and their compression ratio are checked before anything is
decompressed, and each entry is read with a limit. Verification refuses,
with one sentence naming the file: a file that is not a package or is
damaged, an unsigned one, one signed by a key this office does not trust
or has revoked, and one changed after signing (the seal over the whole
file, the manifest signature, or a file's SHA-256).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.i18n import t
from desktop.packages.keys import (
    PackageError,
    check_key_document,
    office_private_key,
    public_raw,
    show_id,
    trusted_key,
    verify_signature,
)

CONTENT_FILES = ("metadata.json", "units.json", "values.json", "plans.json")
SIGNATURE_FILES = ("manifest.json", "manifest.sig", "signer.json")
ALLOWED = CONTENT_FILES + SIGNATURE_FILES
MAX_PACKAGE = 100 * 1024 * 1024
MAX_ENTRY = 200 * 1024 * 1024
MAX_TOTAL = 400 * 1024 * 1024
MAX_RATIO = 200
SEAL_SIZE = 64
PACKAGE_FORMAT = "itplan-package"
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
               NotImplementedError, RuntimeError, UnicodeDecodeError)


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature and hashes are sound, signed by a trusted key."""

    path: Path
    key_id: str
    signer: dict
    files: dict[str, bytes]

    def json(self, name: str) -> object:
        return json.loads(self.files[name].decode("utf-8"))


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def build_package(contents: dict[str, object], signer_info: dict) -> bytes:
    """The signed zip of the content files (JSON-able objects), as bytes."""
    key = office_private_key()
    files = {name: _dumps(contents[name]) for name in CONTENT_FILES}
    manifest = _dumps({"format": PACKAGE_FORMAT, "algorithm": "sha256",
                       "files": {name: hashlib.sha256(data).hexdigest()
                                 for name, data in files.items()}})
    raw = public_raw(key)
    files["manifest.json"] = manifest
    files["manifest.sig"] = base64.b64encode(key.sign(manifest))
    files["signer.json"] = _dumps({**signer_info, "public_key": base64.b64encode(raw).decode()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ALLOWED:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), files[name],
                             compress_type=zipfile.ZIP_DEFLATED)
        archive.comment = b"\0" * SEAL_SIZE
    body = buffer.getvalue()[:-SEAL_SIZE]
    return body + key.sign(body)


def _refuse(path: Path, vi: str, en: str) -> PackageError:
    return PackageError(t(f"{path.name}: {vi}", f"{path.name}: {en}"))


def _not_a_package(path: Path) -> PackageError:
    return _refuse(path, "không phải gói dữ liệu của chương trình hoặc đã bị hỏng.",
                   "not a data package of this program, or damaged.")


def read_entries(path: Path) -> tuple[bytes, dict[str, bytes], bytes]:
    """(whole file, entries, zip comment) after the safety checks; PackageError if unsafe."""
    if not path.is_file():
        raise _refuse(path, "không tìm thấy tệp.", "no such file.")
    if path.stat().st_size > MAX_PACKAGE:
        raise _refuse(path, "tệp quá lớn để là một gói dữ liệu.", "too large to be a data package.")
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_entries(path, infos)
            entries = {info.filename: _read_entry(archive, info) for info in infos}
            comment = archive.comment
    except PackageError:
        raise
    except _ZIP_ERRORS:
        raise _not_a_package(path) from None
    return data, entries, comment


def _check_entries(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    names = [info.filename for info in infos]
    if len(names) > len(ALLOWED) or len(set(names)) != len(names):
        raise _refuse(path, "có tệp thừa hoặc trùng bên trong.", "holds extra or repeated entries.")
    strange = [name for name in names if name not in ALLOWED]
    if strange:
        raise _refuse(path, f"có tệp lạ bên trong ({strange[0]}).",
                      f"holds an unexpected entry ({strange[0]}).")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_ENTRY or total > MAX_TOTAL or (
                info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise _refuse(path, f"mục {info.filename} có kích thước bất thường.",
                          f"entry {info.filename} has an absurd size.")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise zipfile.BadZipFile(info.filename)
    return data


def read_signer(path: Path) -> dict:
    """The signer's public key of a package (for `keys trust PACKAGE`)."""
    _data, entries, _comment = read_entries(path)
    if "signer.json" not in entries:
        raise _refuse(path, "gói không được ký.", "the package is not signed.")
    return read_signer_entry(path, entries)


def open_package(session: Session, path: Path) -> VerifiedPackage:
    """Read and verify a package against this office's trusted keys; PackageError if refused."""
    data, entries, comment = read_entries(path)
    if any(name not in entries for name in SIGNATURE_FILES):
        raise _refuse(path, "gói không được ký (thiếu chữ ký hoặc khóa công khai); không nhận.",
                      "the package is not signed (no signature or public key); refused.")
    signer = read_signer_entry(path, entries)
    _check_trust(session, path, signer)
    _check_seal(path, signer, data, comment)
    _check_manifest(path, signer, entries)
    return VerifiedPackage(path, signer["key_id"], signer,
                           {name: entries[name] for name in CONTENT_FILES})


def read_signer_entry(path: Path, entries: dict[str, bytes]) -> dict:
    try:
        document = json.loads(entries["signer.json"].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        document = None
    return check_key_document(document, path)


def _check_trust(session: Session, path: Path, signer: dict) -> None:
    key = trusted_key(session, signer["key_id"])
    who = f"{signer['office']} {signer['office_name']}".strip() or "?"
    if key is None:
        raise _refuse(path, f"được ký bằng khóa {show_id(signer['key_id'])} ({who}) mà cơ quan "
                      "này chưa tin cậy; nếu đúng là của đơn vị đó, chạy itplan keys trust với tệp "
                      "khóa của họ.",
                      f"signed with key {show_id(signer['key_id'])} ({who}), which this office "
                      "does not trust; if it really is theirs, run itplan keys trust on their "
                      "key file.")
    if key.revoked_at:
        raise _refuse(path, f"được ký bằng khóa {show_id(key.key_id)} ({who}) đã bị thu hồi "
                      f"ngày {key.revoked_at[:10]}; không nhận.",
                      f"signed with key {show_id(key.key_id)} ({who}), revoked on "
                      f"{key.revoked_at[:10]}; refused.")


def _changed(path: Path) -> PackageError:
    return _refuse(path, "tệp đã bị thay đổi sau khi ký (chữ ký không khớp); không nhận.",
                   "the file was changed after it was signed (signature mismatch); refused.")


def _check_seal(path: Path, signer: dict, data: bytes, comment: bytes) -> None:
    if len(comment) != SEAL_SIZE or data[-SEAL_SIZE:] != comment:
        raise _changed(path)
    if not verify_signature(signer["public_key"], data[-SEAL_SIZE:], data[:-SEAL_SIZE]):
        raise _changed(path)


def _check_manifest(path: Path, signer: dict, entries: dict[str, bytes]) -> None:
    try:
        signature = base64.b64decode(entries["manifest.sig"], validate=True)
        manifest = json.loads(entries["manifest.json"].decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _changed(path) from None
    if not verify_signature(signer["public_key"], signature, entries["manifest.json"]):
        raise _changed(path)
    listed = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(listed, dict):  # a signed list of something else matches nothing
        listed = {}
    for name in CONTENT_FILES:
        if name not in entries or listed.get(name) != hashlib.sha256(entries[name]).hexdigest():
            raise _refuse(path, f"{name} không khớp với bảng băm đã ký; không nhận.",
                          f"{name} does not match the signed hash list; refused.")


def verify_all(session: Session, paths: list[Path]) -> list:
    """Every package verified, or a UserError listing each refused file and why
    (nothing is imported when any package is refused)."""
    packages, refused = [], []
    for path in paths:
        try:
            packages.append(open_package(session, path))
        except UserError as exc:
            refused.append(exc.message)
    if refused:
        head = refused[0] if len(refused) == 1 else t(
            f"{len(refused)} gói bị từ chối, không nhận gói nào. Đầu tiên: {refused[0]}",
            f"{len(refused)} packages refused, none received. First: {refused[0]}")
        raise UserError(head, refused)
    return packages
