"""typst sources to PDF: in this process, or in a child process for a process that renders again and again."""

from __future__ import annotations

import subprocess
from pathlib import Path

from igskit.errors import RenderError


def compile_pdfs(build: Path, stems: list[str]) -> list[Path]:
    """Compile each ``<stem>.typ`` to ``<stem>.pdf``, side by side (typst works outside the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(stems)) as pool:
        return list(pool.map(lambda stem: compile_pdf(build, stem), stems))


# The child compiles the PDFs side by side and exits: typst's caches go with it. It imports
# only typst (not igskit), so it starts in a fraction of a second.
_CHILD_COMPILE = """
import sys, typst
from concurrent.futures import ThreadPoolExecutor
build, stems = sys.argv[1], sys.argv[2:]
def one(stem):
    with open(f"{build}/{stem}.pdf", "wb") as out:
        out.write(typst.compile(f"{build}/{stem}.typ", root=build))
with ThreadPoolExecutor(max_workers=len(stems)) as pool:
    list(pool.map(one, stems))
"""


def compile_pdfs_in_child(build: Path, stems: list[str]) -> list[Path]:
    """As :func:`compile_pdfs`, in a child process (see :func:`igskit.render.embedded.render`)."""
    import sys

    result = subprocess.run([sys.executable, "-c", _CHILD_COMPILE, str(build), *stems], capture_output=True,
                            text=True)
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "onbekende fout"
        raise RenderError(f"typst kon de PDF niet maken: {detail}")
    return [build / f"{stem}.pdf" for stem in stems]


def compile_pdf(build: Path, stem: str = "nota") -> Path:
    import typst

    try:
        pdf = typst.compile(str(build / f"{stem}.typ"), root=str(build))
    except Exception as exc:  # typst raises its own error types
        raise RenderError(f"typst kon de PDF niet maken ({stem}): {exc}") from exc
    (build / f"{stem}.pdf").write_bytes(pdf)
    return build / f"{stem}.pdf"
