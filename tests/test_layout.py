"""The layout rule that keeps the ledger the bottom floor: nothing in ledger/ imports claims/ or feeds/."""

from __future__ import annotations

import ast
from pathlib import Path

LEDGER = Path(__file__).resolve().parent.parent / "ledger"


def test_ledger_never_imports_the_workflows() -> None:
    offending = []
    for path in sorted(LEDGER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offending += [
                f"{path.name}:{node.lineno} imports {name}"
                for name in names
                if name.split(".")[0] in ("claims", "feeds")
            ]
    assert offending == []
