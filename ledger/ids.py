"""Row ids: random 128-bit hex strings, shown as short prefixes and accepted as unique prefixes."""

from __future__ import annotations

import secrets

SHORT = 8
MIN_PREFIX = 4


def new_id() -> str:
    return secrets.token_hex(16)


def new_ids(count: int) -> list[str]:
    """count ids like new_id's, from one draw of randomness (a poll's thousands of flags)."""
    text = secrets.token_hex(16 * count)
    return [text[start : start + 32] for start in range(0, 32 * count, 32)]


def short(id_: str | None) -> str:
    return id_[:SHORT] if id_ else ""


def is_prefix(text: str) -> bool:
    """Whether `text` could be an id or an id prefix (so a lookup by prefix makes sense)."""
    return MIN_PREFIX <= len(text) <= 32 and all(c in "0123456789abcdef" for c in text.lower())
