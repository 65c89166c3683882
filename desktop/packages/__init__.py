"""Signed data packages sent upward (district → province); no Qt.

A package is one zip file: `values.json`, `units.json`, `plans.json`,
`metadata.json`, `manifest.json` (the SHA-256 of each of those),
`manifest.sig` (the manifest signed with the office's Ed25519 key) and
`signer.json` (the public key). The zip's comment holds a second Ed25519
signature over every other byte of the file, so a single changed byte
anywhere is caught. `keys` holds the office key and the trusted keys,
`container` writes and verifies the file, `export` builds a package from a
database and `merge` imports one. The cryptography package is imported
only here, only when a package or key is used.
"""
