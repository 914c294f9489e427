"""One exception hierarchy; every message is Dutch and says what, where and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class IgskitError(Exception):
    """Root of every error igskit raises on purpose.

    ``exit_code`` is what the CLI returns: 2 for bad input, 1 for a failed run.
    """

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file: where it is and what to do about it."""

    file: Path | None
    line: int | None
    field: str
    message: str
    hint: str = ""

    def render(self) -> str:
        where = []
        if self.file is not None:
            where.append(str(self.file))
        if self.line is not None:
            where.append(f"regel {self.line}")
        location = ", ".join(where)
        field, message = bounded(self.field, 120), bounded(self.message, MESSAGE_LIMIT)
        text = f"{location}: veld '{field}': {message}" if location else (
            f"veld '{field}': {message}"
        )
        if self.hint:
            text += f"\n    → {bounded(self.hint, 2 * MESSAGE_LIMIT)}"
        return text


QUOTE_LIMIT = 160  # characters of a quoted value an error message repeats
MESSAGE_LIMIT = 600  # characters of one message


def bounded(text: str, limit: int) -> str:
    """A message that never repeats more than a few hundred characters of a value.

    Every quoted value ('…') longer than ``QUOTE_LIMIT`` is cut, then the whole text at
    ``limit``; a cut ends in '…'. A 50 MB value makes a short message, not a 50 MB one.
    """
    import re

    text = str(text)
    if len(text) <= min(limit, QUOTE_LIMIT):
        return text
    text = re.sub("'([^'\\n]{" + str(QUOTE_LIMIT) + "})[^'\\n]+'", lambda m: f"'{m.group(1)}…'", text)
    return text if len(text) <= limit else text[:limit] + "…"


PROBLEMS_SHOWN = 50  # a file with 10,000 bad rows makes a readable message


class ParamsError(IgskitError):
    """The params file (or a file it references) is invalid; nothing was run."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = "Het params-bestand bevat een fout:" if count == 1 else (
            f"Het params-bestand bevat {count} fouten:"
        )
        body = "\n".join(f"  - {p.render()}" for p in problems[:PROBLEMS_SHOWN])
        if count > PROBLEMS_SHOWN:
            body += f"\n  … en nog {count - PROBLEMS_SHOWN} andere fouten (verbeter eerst deze)."
        super().__init__(f"{head}\n{body}\nEr is niets uitgevoerd en niets overschreven.")


class StepError(IgskitError):
    """A planning step (notebook) raised while it was executed."""

    def __init__(self, step: str, cell: int | None, ename: str, evalue: str, notebook: Path):
        self.step, self.cell, self.ename, self.evalue, self.notebook = step, cell, ename, evalue, notebook
        where = f"cel {cell}" if cell is not None else "onbekende cel"
        super().__init__(
            f"Stap '{step}' is mislukt in {where}: {ename}: {evalue}\n"
            f"    → Het gedeeltelijk uitgevoerde notebook staat in {notebook}; open het om te zien wat er misliep.\n"
            "    → De vorige versie van de nota is niet aangeraakt."
        )


class RenderError(IgskitError):
    """Turning the executed steps into a document failed."""


class SaveConflictError(IgskitError):
    """The params file changed on disk since the editor loaded it."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path} is gewijzigd sinds de editor het inlas (door iemand anders of in een ander notebook). "
            "Er is niets opgeslagen. → Klik op 'Herladen' om de nieuwe inhoud te zien en breng je wijziging "
            "opnieuw aan."
        )


class VersionError(IgskitError):
    """A version that was asked for does not exist."""

    exit_code = 2


class PathError(IgskitError):
    """A path from the command line or the environment is not acceptable; nothing was run."""

    exit_code = 2


class DiskError(IgskitError):
    """The disk is full, read-only or refuses access: a Dutch message naming the folder."""

    def __init__(self, message: str, folder: Path | None, errno_: int):
        self.folder, self.errno = folder, errno_
        super().__init__(message)


class InternalError(IgskitError):
    """A bug in igskit: one Dutch line for the user, the traceback in a log file."""

    def __init__(self, log: Path | None):
        self.log = log
        where = f"het volledige verslag staat in {log}" if log else "het verslag kon nergens bewaard worden"
        super().__init__(f"interne fout in igskit — {where}. De vorige versies en de gepubliceerde nota zijn "
                         "niet aangeraakt; meld deze fout samen met dat verslag.")


# errno values that mean "this disk or folder does not accept what igskit writes"
DISK_ERRNOS = {28: "ENOSPC", 122: "EDQUOT", 30: "EROFS", 1: "EPERM", 13: "EACCES"}


def _size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}".replace(".", ",")
    return f"{n} bytes"


def disk_error(exc: BaseException, *, folder: Path | None = None, needed: int | None = None,
               consequence: str = "") -> DiskError | None:
    """The Dutch :class:`DiskError` for an ``OSError`` of a full, read-only or locked disk; else None.

    ``folder`` is where igskit was writing when the error does not name a file; ``needed`` an
    estimate of the space a run takes (the previous version's size); ``consequence`` what was
    (not) done, e.g. "Er is niets opgeslagen.".
    """
    import errno as errnos
    import os
    import shutil

    if not isinstance(exc, OSError) or exc.errno not in DISK_ERRNOS:
        return None
    where = folder
    named = getattr(exc, "filename2", None) or getattr(exc, "filename", None)  # a copy names its target second
    if named:
        named = Path(os.fsdecode(named))
        where = named if named.is_dir() else named.parent
    where_text = str(where) if where is not None else "de uitvoermap"
    if exc.errno in (errnos.ENOSPC, errnos.EDQUOT):
        head = ("De schijf is vol" if exc.errno == errnos.ENOSPC else "Je schijfquotum is op") + \
            f": igskit kon niet schrijven in {where_text}."
        details = []
        if needed:
            details.append(f"nodig: ongeveer {_size(needed)} (zoveel nam de vorige versie in)")
        try:
            if where is not None:
                details.append(f"nog vrij: {_size(shutil.disk_usage(where).free)}")
        except OSError:
            pass
        if details:
            text = "; ".join(details)
            head += f" {text[0].upper()}{text[1:]}."
        todo = "→ Maak ruimte vrij op die schijf of kies met IGSKIT_OUTPUTS een andere uitvoermap, en probeer opnieuw."
    elif exc.errno == errnos.EROFS:
        head = f"De map {where_text} staat op een alleen-lezen schijf: igskit kan er niet schrijven."
        todo = "→ Kies met IGSKIT_OUTPUTS een map op een beschrijfbare schijf, of maak de schijf beschrijfbaar."
    else:
        head = (f"igskit kreeg geen toegang tot {where_text} (geen toestemming, of de map of het bestand is "
                "vergrendeld of onveranderbaar gemaakt).")
        todo = "→ Geef schrijfrechten op die map of kies met IGSKIT_OUTPUTS een andere uitvoermap."
    text = f"{head}\n    {todo}"
    if consequence:
        text += f"\n    {consequence}"
    return DiskError(text, where, exc.errno)


def write_internal_log(exc: BaseException, folder: Path | None) -> Path | None:
    """Write ``exc``'s full traceback to a new log file in ``folder`` (else the temp folder).

    The file is created exclusively (never through a link planted at its name); None when no
    folder accepts it.
    """
    import datetime as dt
    import os
    import platform
    import sys
    import tempfile
    import traceback

    now = dt.datetime.now()
    text = (f"igskit: interne fout op {now:%Y-%m-%d %H:%M:%S}\n"
            f"opdracht: {' '.join(sys.argv)}\npython: {platform.python_version()} ({sys.executable})\n\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    candidates = [f for f in (folder, Path(tempfile.gettempdir())) if f is not None]
    for candidate in candidates:
        if candidate.is_symlink() or not candidate.is_dir():
            continue
        path = candidate / f"igskit-interne-fout-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
        try:
            with open(path, "x", encoding="utf-8") as stream:
                stream.write(text)
            return path
        except OSError:
            continue
    return None
