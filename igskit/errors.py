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
        text = f"{location}: veld '{self.field}': {self.message}" if location else (
            f"veld '{self.field}': {self.message}"
        )
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


class ParamsError(IgskitError):
    """The params file (or a file it references) is invalid; nothing was run."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = "Het params-bestand bevat een fout:" if count == 1 else (
            f"Het params-bestand bevat {count} fouten:"
        )
        body = "\n".join(f"  - {p.render()}" for p in problems)
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
