"""Render a run's Quarto projects: the book to nota.*, the afsprakennota to afsprakennota.*.

With ``quarto`` on PATH, Quarto renders the project (render/quarto.py). Without it, igskit renders the same
chapters itself: the executed notebooks become one Markdown document (code hidden, Quarto
cell options honoured: ``label``, ``fig-cap``, ``tbl-cap``, ``include``, ``output``), and
one pandoc process (from ``pypandoc-binary``, running ``templates/render.lua``) reads it once
and writes HTML, DOCX and typst; the in-process ``typst`` compiler makes the PDF.
Cross-references (``@fig-…``, ``@tbl-…``) are numbered per chapter, as Quarto does, and become
links.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

from igskit.errors import RenderError
from igskit.paths import TEMPLATES_DIR
from igskit.planning.findings import working_only_markdown
from igskit.render.book import output_stems, read_book, read_profile
from igskit.render.html import FIGURE_DIR, embed_resources, sanitise_html  # noqa: F401 - sanitise_html: planner
from igskit.render.pdf import Compiles
from igskit.render.pdf import compile_pdf as _compile_pdf  # noqa: F401 (tests use the old names)
from igskit.render.pdf import compile_pdfs_in_child as _compile_pdfs_in_child  # noqa: F401
from igskit.render.quarto import WORKING_FORMATS, Rendered, quarto_path, render_with_quarto
from igskit.render.word import finish_docx

# pandoc's runtime (GHC's) reserves a 64 MB heap up front and starts with a 1 MB old generation,
# so it collects the whole heap again and again while a nota's AST grows. A 16 MB start and no
# major collection before the old generation reaches 32 MB: ~22 % less pandoc CPU on the demo
# region (2.0 -> 1.55 s), at the same peak memory per process (~200 MiB; -O64m: 1.45 s, 228 MiB).
PANDOC_RTS = ("+RTS", "-H16m", "-O32m", "-RTS")
OUTPUT_STEM = "nota"  # the book's indienversie; each project names its editions (book.output_stems)
CHAPTER_DIR = ".hoofdstukken"  # the chapters' Markdown and the job for render.lua, removed after rendering
_OPTION = re.compile(r"^#\|\s*([\w-]+)\s*:\s*(.*)$")
_XREF = re.compile(r"(?<![\w.@\\])@((?:fig|tbl)-[\w-]+)")  # not after "\": "\@fig-x" is params text
_PREFIX = {"fig": "Figuur", "tbl": "Tabel"}


def render(build: Path, formats: list[str], renderer: str = "auto", cache: Path | None = None,
           isolate_typst: bool = False) -> Rendered:
    """Render ``build``'s book to the asked formats with Quarto if available, else embedded.

    ``isolate_typst`` compiles the PDFs in a child process: for a process that renders again and
    again (the planner, batch workers), because typst's in-process caches keep ~11 MiB per
    compile of a changed document for as long as the process lives.
    """
    use_quarto = renderer == "quarto" or (renderer == "auto" and quarto_path() is not None)
    if use_quarto:
        return render_with_quarto(build, formats)
    return render_embedded(build, formats, cache, isolate_typst)


# --- embedded: notebooks -> Markdown -> pandoc (+ typst) ------------------------------------------

def cell_options(source: str) -> dict:
    """Quarto's ``#| key: value`` options at the top of a code cell (values are YAML)."""
    options = {}
    for line in source.splitlines():
        match = _OPTION.match(line.strip())
        if not match:
            break
        value = _option_value(match.group(2)) if match.group(2).strip() else None
        options[match.group(1)] = copy.deepcopy(value) if isinstance(value, (list, dict)) else value
    return options


_OPTION_YAML = threading.local()  # a YAML instance takes a while to make: one per thread, kept


@lru_cache(maxsize=4096)
def _option_value(text: str):
    yaml = getattr(_OPTION_YAML, "yaml", None) or YAML(typ="safe")
    _OPTION_YAML.yaml = yaml
    return yaml.load(text)


def _read_cells(path: Path) -> list[dict]:
    """The cells of a step notebook as plain data, multi-line text joined as nbformat reads it.

    Not validated: igskit itself wrote the executed notebook; the renderer reads only the cells'
    type, tags, source and outputs.
    """
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
        for output in cell.get("outputs", []):
            if output.get("output_type") in ("execute_result", "display_data"):
                data = output.get("data", {})
                for key, value in data.items():
                    if not (key == "application/json" or (key.startswith("application/") and key.endswith("+json"))) \
                            and isinstance(value, list) and all(isinstance(line, str) for line in value):
                        data[key] = "".join(value)
    return cells


@dataclass
class _Assembly:
    build: Path
    chapter: int | None = None
    counters: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)  # label -> "2.1" (a book) or "3" (a single document)
    book: bool = True

    def number(self, label: str) -> str | None:
        kind = label.split("-", 1)[0]
        if self.chapter is None:
            return None
        self.counters[kind] = self.counters.get(kind, 0) + 1
        text = f"{self.chapter}.{self.counters[kind]}" if self.book else str(self.counters[kind])
        self.numbers[label] = text
        return text


def assemble(build: Path) -> tuple[list[str], dict]:
    """The project's chapters as Markdown, in ``_quarto.yml`` order, and its metadata.

    A book numbers figures and tables per chapter (2.1); a single document (the afsprakennota)
    numbers them through (1, 2, …), as Quarto does.
    """
    config = read_book(build)
    is_book = (config.get("project") or {}).get("type") == "book"
    book = config["book"] if is_book else config
    sources = book["chapters"] if is_book else (config.get("project") or {}).get("render", [])
    state = _Assembly(build, book=is_book)
    (build / FIGURE_DIR).mkdir(exist_ok=True)
    parts: list[str] = []
    numbered = 0
    for name in sources:
        path = build / name
        if path.suffix == ".ipynb":
            numbered += 1
            state.chapter, state.counters = (numbered, {}) if is_book else (0, state.counters)
            parts.append(_notebook_markdown(path, state))
        else:
            state.chapter = None
            parts.append(_unnumbered(path.read_text(encoding="utf-8")))
    # the werkversie profile's appendices (provenance) follow, in a werkversie-only div: the
    # indienversie has no such appendix, the werkversie letters them on as Quarto's profile does
    public = list(book.get("appendices") or []) if is_book else []
    working = list((read_profile(build).get("book") or {}).get("appendices") or [])
    for letter, name in zip("ABCDEFGHIJ", public + working):
        text = (build / name).read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        title = first.lstrip("#").strip()
        state.chapter = None
        part = f"# Bijlage {letter}: {title} {{.unnumbered}}\n{_unnumbered(rest)}"
        parts.append(working_only_markdown(part) if name in working else part)
    parts = [_XREF.sub(lambda m: _xref(m.group(1), state.numbers), part) for part in parts]
    meta = {"title": book.get("title", ""), "subtitle": book.get("subtitle", ""), "author": book.get("author", ""),
            "date": book.get("date", ""), "lang": "nl-BE", "toc-title": "Inhoudsopgave"}
    meta.update({key: value for key, value in (config.get("igskit") or {}).items() if value})
    return parts, meta


def _unnumbered(markdown: str) -> str:
    """Mark every heading of an unnumbered chapter (introduction, appendix) unnumbered, as Quarto does."""
    return re.sub(r"^(#{1,6} [^\n{]+?)[ \t]*$", r"\1 {.unnumbered}", markdown, flags=re.M)


def _xref(label: str, numbers: dict) -> str:
    kind = label.split("-", 1)[0]
    if label not in numbers:
        return f"{_PREFIX[kind]} ?? ({label})"
    return f"[{_PREFIX[kind]} {numbers[label]}](#{label})"


def _notebook_markdown(path: Path, state: _Assembly) -> str:
    out: list[str] = []
    for index, cell in enumerate(_read_cells(path)):
        if cell["cell_type"] == "markdown":
            out.append(cell["source"])
            continue
        if cell["cell_type"] != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        options = cell_options(cell["source"])
        if "parameters" in tags or "injected-parameters" in tags or options.get("include") is False \
                or options.get("output") is False:
            continue
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                raise RenderError(f"{path.name}, cel {index + 1} bevat een fout ({output.get('ename')}: "
                                  f"{output.get('evalue')}); voer de stap opnieuw uit.")
        out.append(_cell_markdown(path, index, cell, options, state))
    return "\n\n".join(part for part in out if part.strip())


def _cell_markdown(path: Path, index: int, cell, options: dict, state: _Assembly) -> str:
    label = options.get("label") or ""
    pieces: list[str] = []
    for k, output in enumerate(cell.get("outputs", [])):
        if output["output_type"] not in ("display_data", "execute_result"):
            continue
        data = output.get("data", {})
        if "image/png" in data:
            name = f"{path.stem}-{label or f'cel{index + 1}-{k + 1}'}.png"
            (state.build / FIGURE_DIR / name).write_bytes(base64.b64decode(data["image/png"]))
            caption = options.get("fig-cap") or ""
            if label.startswith("fig-"):
                number = state.number(label)
                caption = f"Figuur {number}: {caption}" if number else caption
                pieces.append(f"![{caption}]({FIGURE_DIR}/{name}){{#{label}}}")
            else:
                pieces.append(f"![{caption}]({FIGURE_DIR}/{name})")
        elif "text/markdown" in data:
            pieces.append(data["text/markdown"])
    text = "\n\n".join(pieces)
    if label.startswith("tbl-") and text.strip():
        number = state.number(label)
        caption = options.get("tbl-cap") or ""
        caption = f"Tabel {number}: {caption}" if number else caption
        text = f"::: {{#{label}}}\n\n{text}\n\n: {caption}\n\n:::"
    return text


def _start_pandoc(job: Path, outputs: list[str], build: Path) -> subprocess.Popen:
    """Start ``pandoc lua render.lua JOB.json format=file …`` in ``build``."""
    import pypandoc

    command = [pypandoc.get_pandoc_path(), *PANDOC_RTS, "lua", str(TEMPLATES_DIR / "render.lua"),
               str(job.relative_to(build)), *outputs]
    return subprocess.Popen(command, cwd=build, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> None:
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise RenderError(f"pandoc kon de nota niet maken: {stderr.strip()[-2000:]}")


def render_embedded(build: Path, formats: list[str], cache: Path | None = None,
                    isolate_typst: bool = False) -> Rendered:
    """The book's chapters as Markdown, then pandoc (render.lua) for HTML, DOCX and typst, typst for the PDF.

    ``cache`` keeps the pandoc AST of every chapter by the hash of its Markdown (the run passes
    one folder per region): a chapter that did not change since the last run is not parsed again.
    """
    parts, meta = assemble(build)
    stem, working_stem = output_stems(read_book(build))
    yaml = YAML()
    yaml.default_flow_style = False
    buffer = io.StringIO()
    yaml.dump(meta, buffer)
    header = f"---\n{buffer.getvalue()}---\n"
    (build / f"{stem}.md").write_text(f"{header}\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    work = build / CHAPTER_DIR
    work.mkdir(exist_ok=True)
    cache = cache or work
    cache.mkdir(parents=True, exist_ok=True)
    (work / "meta.md").write_text(header, encoding="utf-8")
    chapters, used = [], set()
    names = "\n".join(meta.get("gemeenten") or [])  # render.lua keeps these whole: part of a chapter's key
    for number, part in enumerate(parts, start=1):
        ast = cache / f"{_chapter_key(part, names)}.json"
        used.add(ast.name)
        chapter = {"ast": str(ast.resolve())}
        if ast.is_file():
            os.utime(ast)  # in use: another run's pruning leaves it alone
        else:
            source = work / f"{number:02d}.md"
            source.write_text(part + "\n", encoding="utf-8")
            chapter["markdown"] = str(source.relative_to(build))
        chapters.append(chapter)
    job = work / "opdracht.json"
    job.write_text(json.dumps({"meta": str((work / "meta.md").relative_to(build)), "chapters": chapters},
                              ensure_ascii=False), encoding="utf-8")
    wanted = [fmt for fmt in ("html", "docx", "pdf") if fmt in formats]
    working = [fmt for fmt in WORKING_FORMATS if fmt in wanted]
    # Two pandoc processes side by side, each reading the chapters once: one writes the typst
    # source and then the werkversie's HTML, the other the indienversie's HTML and DOCX, so both
    # end at about the same time. The typst source holds both editions (`editie=beide`): typst
    # picks one when it compiles, so the typst writer runs once for the two PDFs. Then typst
    # compiles the PDFs while the HTML and DOCX are finished here; not earlier, or typst would
    # grow this process while both pandoc processes still run (the run's peak of memory). Both
    # save the chapters' ASTs; the second takes the chapters from the back, reading those the
    # first already parsed, so each parses about half.
    others = [f"{fmt}={stem}.{fmt}" for fmt in wanted if fmt != "pdf"]
    working_html = [f"html={working_stem}.html"] if "html" in working else []
    if "pdf" in wanted:
        first = ["bewaar", "editie=beide" if "pdf" in working else "editie=indien", f"typst={stem}.typ",
                 "editie=werk", *working_html]
    else:
        first, others = ["bewaar", *others, "editie=werk", *working_html], []
    typst_job = _start_pandoc(job, first, build)
    other_job = _start_pandoc(job, ["bewaar", "omgekeerd", *others], build) if others else None
    files = {fmt: build / f"{stem}.{fmt}" for fmt in wanted if fmt != "pdf"}
    if "html" in working:
        files[f"{working_stem}.html"] = build / f"{working_stem}.html"
    stems = ([stem, working_stem] if "pdf" in working else [stem]) if "pdf" in wanted else []
    compiles = Compiles(build, isolate_typst)
    try:
        _finish(typst_job)
        for edition in stems:
            compiles.start(edition, stem, "werk" if edition == working_stem else "indien")
        if other_job is not None:
            _finish(other_job)
        for key in ("html", f"{working_stem}.html"):
            if key in files:
                embed_resources(files[key], build)
        if "docx" in files:
            finish_docx(files["docx"], meta.get("ontwerp", ""))
        for edition, pdf in zip(stems, compiles.wait(stems) if stems else []):
            files["pdf" if edition == stem else f"{edition}.pdf"] = pdf
    finally:
        compiles.close()
        for process in (typst_job, other_job):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    shutil.rmtree(work, ignore_errors=True)
    if cache != work:
        _prune(cache, used)
    return Rendered("ingebouwd (pandoc + typst)", files)


def _chapter_key(markdown: str, names: str = "") -> str:
    """The cache key of a chapter: its Markdown, the names kept whole, this renderer and the pandoc binary."""
    import pypandoc

    pandoc = Path(pypandoc.get_pandoc_path())
    digest = hashlib.sha256(markdown.encode("utf-8"))
    digest.update(b"\0" + names.encode("utf-8"))
    digest.update((TEMPLATES_DIR / "render.lua").read_bytes())
    digest.update(f"{pandoc}:{pandoc.stat().st_size}:{pandoc.stat().st_mtime_ns}".encode())
    return digest.hexdigest()


def _prune(cache: Path, used: set[str], keep_seconds: float = 3600) -> None:
    """Drop cached chapters this run did not use (unless recent: another run may need them)."""
    now = time.time()
    for path in cache.glob("*.json"):
        if path.name not in used and now - path.stat().st_mtime > keep_seconds:
            path.unlink(missing_ok=True)
