"""`export`: every format, Fatebook's layout (owned by the claims workflow) beside the ledger's own."""

from __future__ import annotations

import io

from sqlmodel import Session

from ledger.errors import UserInputError
from ledger.transfer import EXPORT_FORMATS as LEDGER_FORMATS
from ledger.transfer import render, write_export

EXPORT_FORMATS = (*LEDGER_FORMATS, "fatebook")


def export_to(
    session: Session, fmt: str, out: str | None, *, organisation: str | None = None
) -> str:
    """Renders an export and writes it to `out` (replaced whole, never half-written) or stdout; returns what
    was written, for a status line."""
    fmt = fmt.strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise UserInputError(f"--format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}.")
    if organisation is not None and fmt != "claimreview":
        raise UserInputError("--organisation applies to --format claimreview only.")
    if fmt == "fatebook":
        from claims.fatebook import export_fatebook

        buf = io.StringIO()
        n = export_fatebook(session, buf)
        text, what = buf.getvalue(), f"{n} forecasts in Fatebook's layout"
    else:
        text, what = render(session, fmt, organisation)
    write_export(text, out)
    return what
