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
