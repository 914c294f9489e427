"""typst sources to PDF: in this process, or in a child process for a process that renders again and again."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from igskit.errors import RenderError

# The child compiles the PDFs side by side and exits: typst's caches go with it. It imports
# only typst (not igskit), so it starts in a fraction of a second. It reads the PDFs to make
# from stdin, one a line ("stem<TAB>source<TAB>edition"), and starts each at once.
_CHILD_COMPILE = """
import sys, typst
from concurrent.futures import ThreadPoolExecutor
build = sys.argv[1]
def one(line):
    stem, source, edition = line.split("\\t")
    inputs = {"editie": edition} if edition else {}
    with open(f"{build}/{stem}.pdf", "wb") as out:
        out.write(typst.compile(f"{build}/{source}.typ", root=build, sys_inputs=inputs))
with ThreadPoolExecutor(max_workers=2) as pool:
    jobs = [pool.submit(one, line.rstrip("\\n")) for line in iter(sys.stdin.readline, "") if line.strip()]
    for job in jobs:
        job.result()
"""


class Compiles:
    """PDFs compiled while the caller goes on: ``start`` each stem, then ``wait`` for the PDFs.

    In this process the compiles run in threads (typst works outside the GIL); with ``isolate``
    one child process compiles them (see :func:`igskit.render.embedded.render`). ``close`` after
    a failure stops what still runs.
    """

    def __init__(self, build: Path, isolate: bool = False):
        self.build, self.isolate = build, isolate
        self._started: list[str] = []
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict = {}
        self._child: subprocess.Popen | None = None

    def start(self, stem: str, source: str | None = None, edition: str | None = None) -> None:
        """Compile ``<source>.typ`` (default: ``<stem>.typ``) to ``<stem>.pdf``, in ``edition`` if given."""
        if stem in self._started:
            return
        self._started.append(stem)
        if not self.isolate:
            self._pool = self._pool or ThreadPoolExecutor(max_workers=2)
            self._futures[stem] = self._pool.submit(compile_pdf, self.build, stem, source, edition)
            return
        if self._child is None:
            self._child = subprocess.Popen([sys.executable, "-c", _CHILD_COMPILE, str(self.build)],
                                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.PIPE, text=True)
        try:
            self._child.stdin.write(f"{stem}\t{source or stem}\t{edition or ''}\n")
            self._child.stdin.flush()
        except OSError:
            pass  # the child already failed: wait() says why

    def wait(self, stems: list[str]) -> list[Path]:
        for stem in stems:
            self.start(stem)
        if self._child is not None:
            try:
                self._child.stdin.close()
            except OSError:
                pass
            stderr = self._child.stderr.read()
            self._child.wait()
            if self._child.returncode != 0:
                detail = stderr.strip().splitlines()[-1] if stderr.strip() else "onbekende fout"
                raise RenderError(f"typst kon de PDF niet maken: {detail}")
        for stem in stems:
            if stem in self._futures:
                self._futures[stem].result()
        return [self.build / f"{stem}.pdf" for stem in stems]

    def close(self) -> None:
        if self._child is not None and self._child.poll() is None:
            self._child.kill()
            self._child.wait()
        if self._child is not None:
            for stream in (self._child.stdin, self._child.stderr):
                try:
                    stream.close()
                except OSError:
                    pass
        if self._pool is not None:
            self._pool.shutdown(wait=True)  # no thread may still write into the build


def compile_pdfs_in_child(build: Path, stems: list[str]) -> list[Path]:
    """Compile each ``<stem>.typ`` to ``<stem>.pdf`` in a child process (see :func:`igskit.render.embedded.render`)."""
    compiles = Compiles(build, isolate=True)
    try:
        return compiles.wait(stems)
    finally:
        compiles.close()


def compile_pdf(build: Path, stem: str = "nota", source: str | None = None, edition: str | None = None) -> Path:
    """``<source>.typ`` to ``<stem>.pdf``; ``edition`` ("indien", "werk") picks from a source of both editions."""
    import typst

    try:
        pdf = typst.compile(str(build / f"{source or stem}.typ"), root=str(build),
                            sys_inputs={"editie": edition} if edition else {})
    except Exception as exc:  # typst raises its own error types
        raise RenderError(f"typst kon de PDF niet maken ({stem}): {exc}") from exc
    (build / f"{stem}.pdf").write_bytes(pdf)
    return build / f"{stem}.pdf"
