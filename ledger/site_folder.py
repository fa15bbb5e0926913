"""The folder a published site is written to: claimed with a marker file, rewritten in place,
stale pages removed, nothing outside it touched."""

# Why a marker: `report site --out DIR` deletes every file in DIR that the new build does not
# write, so it must never be pointed at a folder of someone's other files by mistake. A folder is
# ours when it holds MARKER (a regular file, with MARKER_TEXT); an empty or new folder becomes
# ours. Symbolic links inside DIR are removed as links, never followed: a link planted at
# DIR/questions cannot make a write land outside DIR.

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ledger.errors import UserInputError

MARKER = ".forecast-ledger-site"
MARKER_TEXT = (
    "This folder is a site written by `forecast-ledger report site`; rebuilding it replaces "
    "every file in it.\n"
)


@dataclass(frozen=True)
class WriteSummary:
    written: int
    unchanged: int
    removed: int


def _is_ours(out: Path) -> bool:
    marker = out / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        return marker.read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def check_folder(out: Path) -> None:
    """Raises UserInputError unless `out` may be written: new (in an existing folder), empty, or
    an earlier site. Writes nothing."""
    shown = str(out)
    if out.exists() and not out.is_dir():
        raise UserInputError(f"--out {shown!r} is a file; give a folder, e.g. --out site.")
    if not out.exists():
        if not out.parent.is_dir():
            raise UserInputError(
                f"--out {shown!r}: the folder {str(out.parent)!r} does not exist; create it first."
            )
    elif any(out.iterdir()) and not _is_ours(out):
        raise UserInputError(
            f"--out {shown!r} is not empty and holds no site written by forecast-ledger "
            f"(no {MARKER} file); give a new or empty folder, since rebuilding deletes whatever "
            "the site does not use."
        )


def claim_folder(out: Path) -> None:
    """Checks `out` (check_folder), creates it if new and marks it as ours."""
    check_folder(out)
    shown = str(out)
    if not out.exists():
        try:
            out.mkdir()
        except OSError as exc:
            raise UserInputError(f"cannot create {shown!r}: {exc.strerror or exc}.") from None
    data = MARKER_TEXT.encode("utf-8")
    try:
        if not _same(out / MARKER, data):
            _replace(out / MARKER, data)
    except OSError as exc:
        raise UserInputError(f"cannot write to {shown!r}: {exc.strerror or exc}.") from None


_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _replace(path: Path, data: bytes) -> None:
    """Writes `path`; a link at `path` is removed and replaced by the file, never followed.

    Written in place rather than through a temporary file renamed over it: that costs a site of
    20,000 pages five times as long on ext4."""
    if path.is_symlink():
        path.unlink()
    _write_all(os.open(path, _WRITE, 0o644), data)


def _write_all(fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _same(path: Path, data: bytes) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def prepare_folders(out: Path, folders: Iterable[str]) -> None:
    """Creates the site's folders inside `out`, replacing any link or file in their way."""
    for name in sorted(folders):
        path = out / name
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()
        path.mkdir(exist_ok=True)


def write_page(out: Path, name: str, data: bytes) -> bool:
    """Writes one page (a path relative to `out`, in a folder prepare_folders made); False when
    the file already held these bytes and was left alone, its times too."""
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or rel.name == MARKER:
        raise ValueError(f"page path {name!r} is not a path inside the site")
    path = out / rel
    try:
        # Most pages are new: one open that creates, and refuses whatever is already there (an
        # old page, a link, a folder), settles them without a stat.
        fd = os.open(path, _CREATE, 0o644)
    except FileExistsError:
        if _same(path, data):
            return False
        if path.is_dir() and not path.is_symlink():
            _remove_tree(path)
        _replace(path, data)
        return True
    _write_all(fd, data)
    return True


def _remove_tree(path: Path) -> int:
    count = 0
    for root, dirs, files in os.walk(path, topdown=False, followlinks=False):
        for name in files + [d for d in dirs if Path(root, d).is_symlink()]:
            Path(root, name).unlink()
            count += 1
        for name in dirs:
            sub = Path(root, name)
            if not sub.is_symlink():
                sub.rmdir()
    path.rmdir()
    return count


def remove_stale(out: Path, pages: Iterable[str]) -> int:
    """Removes every file, link and emptied folder under `out` that is not one of `pages` (paths
    relative to `out`) or the marker; returns how many files and links went."""
    keep = {PurePosixPath(p) for p in pages} | {PurePosixPath(MARKER)}
    folders = {parent for p in keep for parent in p.parents if parent.parts}
    removed = 0
    for root, dirs, files in os.walk(out, topdown=False, followlinks=False):
        base = PurePosixPath(Path(root).relative_to(out).as_posix())
        for name in files:
            rel = base / name if base.parts else PurePosixPath(name)
            if rel not in keep:
                (out / rel).unlink()
                removed += 1
        for name in dirs:
            rel = base / name if base.parts else PurePosixPath(name)
            path = out / rel
            if path.is_symlink():  # os.walk lists a link to a folder among the folders
                path.unlink()
                removed += 1
            elif rel not in folders and not any(path.iterdir()):
                path.rmdir()
    return removed
