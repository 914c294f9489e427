"""The planner's save bar: always in view, with the unsaved edits, Opslaan, Ongedaan maken, Nota opnieuw maken.

It also shows what a save or a run says (in the screen's words, with file and line in a
detail line), the choice per item when the file changed on disk under an unsaved edit, the
progress of a run over the steps and the rendering, and the links to what the run made.
"""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.errors import IgskitError, ParamsError

COLORS = {"ok": "#1b6e20", "info": "#37474f", "warning": "#8a5300", "error": "#b71c1c"}
_STEP_LINE = re.compile(r"^\[(\d+)/(\d+)\] .*(klaar|ongewijzigd|overgenomen)")


def value_text(value: Any) -> str:
    """A short, readable rendering of a params value (a conflict's two sides)."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items() if k != "id") or "(leeg)"
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or "(leeg)"
    if value is None:
        return "(niet aanwezig)"
    return str(value)


class SaveBar(w.VBox):
    """The bar at the top of the planner."""

    def __init__(self, planner: Any):
        self.planner = planner
        self.count = w.HTML()
        self.save_button = w.Button(description="Opslaan", icon="save", button_style="primary")
        self.undo_button = w.Button(description="Ongedaan maken", icon="undo")
        self.rerun_button = w.Button(description="Nota opnieuw maken", icon="play", layout=w.Layout(width="190px"))
        for button, css in ((self.save_button, "opslaan"), (self.undo_button, "ongedaan"),
                            (self.rerun_button, "nota-opnieuw")):
            button.add_class(f"igskit-{css}")
        self.save_button.on_click(lambda _b: self.save())
        self.undo_button.on_click(lambda _b: self.undo())
        self.rerun_button.on_click(lambda _b: self.rerun())
        self.status = w.HTML()
        self.status.add_class("igskit-status")
        self.detail = w.HTML()
        self.choices = w.VBox()
        self.progress = w.IntProgress(value=0, min=0, max=7, layout=w.Layout(width="300px", visibility="hidden"))
        self.stage = w.HTML()
        self.links = w.HTML()
        self.links.add_class("igskit-links")
        self.thread: threading.Thread | None = None
        super().__init__([w.HBox([self.count, self.save_button, self.undo_button, self.rerun_button,
                                  self.progress, self.stage], layout=w.Layout(align_items="center",
                                                                                flex_flow="row wrap")),
                          self.status, self.detail, self.choices, self.links])
        self.add_class("igskit-savebar")

    # --- status -----------------------------------------------------------------------------------

    def update(self) -> None:
        """Show the number of unsaved edits."""
        n = self.planner.session.unsaved if self.planner.session else 0
        word = "wijziging" if n == 1 else "wijzigingen"
        self.count.value = (f"<b class='igskit-teller'>{n} niet-opgeslagen {word}</b>&nbsp;" if n else
                            "<span class='igskit-teller'>Alles is opgeslagen</span>&nbsp;")
        self.save_button.disabled = n == 0
        self.undo_button.disabled = n == 0

    def say(self, text: str, kind: str = "info", detail: str = "") -> None:
        body = html.escape(text).replace("\n", "<br>")
        self.status.value = f"<div style='color:{COLORS[kind]}'>{body}</div>"
        self.detail.value = (f"<div class='igskit-detail' style='color:#666;font-size:85%'>"
                             f"{html.escape(detail).replace(chr(10), '<br>')}</div>") if detail else ""

    def error(self, heading: str, error: IgskitError) -> None:
        """An error in the screen's words, the file and line in the detail line."""
        if isinstance(error, ParamsError):
            lines = [f"{self.planner.screen_path(p.field)}: {p.message}" + (f" ({p.hint})" if p.hint else "")
                     for p in error.problems]
            places = [f"{p.file or ''}" + (f", regel {p.line}" if p.line else "") + f", veld '{p.field}'"
                      for p in error.problems]
            self.planner.mark_fields([p.field for p in error.problems])
            self.say("\n".join([heading, *lines]), "error", "\n".join(places))
        else:
            self.say(f"{heading}\n{error}", "error")

    # --- actions ------------------------------------------------------------------------------------

    def save(self) -> bool:
        session = self.planner.session
        before = session.document
        outcome = session.save()
        self.choices.children = []
        if outcome.conflicts:
            self.ask(outcome)
        elif outcome.error is not None:
            self.error(outcome.message, outcome.error)
        else:
            self.say(outcome.message, "ok" if outcome.saved else "info")
            self.planner.mark_fields([])
        if session.document is not before:
            self.planner.refresh_tabs()
        self.update()
        return outcome.saved

    def ask(self, outcome) -> None:
        """The file changed under an unsaved edit of the same item: show both values, let the user choose."""
        self.say(outcome.message, "warning")
        toggles = []
        rows: list[w.Widget] = []
        for conflict in outcome.conflicts:
            toggle = w.ToggleButtons(options=[("Mijn wijziging", True), ("Wat in het bestand staat", False)],
                                     value=True)
            toggles.append(toggle)
            rows.append(w.HTML(f"<div class='igskit-conflict'><b>{html.escape(conflict.what)}</b><br>"
                               f"Mijn wijziging: {html.escape(value_text(conflict.mine))}<br>"
                               f"In het bestand: {html.escape(value_text(conflict.theirs))}</div>"))
            rows.append(toggle)
        done = w.Button(description="Opslaan met deze keuzes", button_style="primary")
        done.add_class("igskit-keuze-opslaan")

        def finish(_b) -> None:
            result = self.planner.session.resolve({i: t.value for i, t in enumerate(toggles)})
            self.choices.children = []
            if result.error is not None:
                self.error(result.message, result.error)
            else:
                self.say(result.message, "ok" if result.saved else "warning")
            self.planner.refresh_tabs()
            self.update()

        done.on_click(finish)
        self.choices.children = [*rows, done]

    def undo(self) -> None:
        undone = self.planner.session.undo()
        if undone is not None:
            self.say(f"Ongedaan gemaakt: {undone.describe()}.")
            self.planner.refresh_tabs()
        self.update()

    # --- the whole pipeline ---------------------------------------------------------------------------

    def rerun(self, wait: bool = False) -> threading.Thread | None:
        """Save what is unsaved, then make the nota again in the background, with progress."""
        if self.thread is not None and self.thread.is_alive():
            self.say("De nota wordt al gemaakt; even geduld.", "warning")
            return self.thread
        if self.planner.session is None or self.planner.session.document is None:
            self.say("Kies eerst een regio waarvan het params-bestand in orde is.", "warning")
            return None
        if self.planner.session.unsaved and not self.save():
            return None
        self.rerun_button.disabled = True
        self.progress.value, self.progress.layout.visibility = 0, "visible"
        self.stage.value = "Stappen uitvoeren …"
        self.links.value = ""
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        if wait:
            self.thread.join()
        return self.thread

    def _line(self, line: str) -> None:
        if _STEP_LINE.match(line):
            self.progress.value = min(self.progress.value + 1, self.progress.max)
            self.stage.value = html.escape(line.split("] ", 1)[-1])
        elif line.startswith("Nota maken"):
            self.stage.value = "De nota opmaken (HTML, Word, PDF) …"

    def _run(self) -> None:
        from igskit.run import pipeline

        path = self.planner.session.path
        try:
            # one kept kernel: a rerun after an edit runs one or two steps, and the planner stays small
            result = pipeline.run(path, keep_kernels=True, parallel_kernels=1,
                                  progress=pipeline.Progress(write=self._line))
        except IgskitError as exc:
            self.error("De nota kon niet gemaakt worden.", exc)
            self.stage.value = ""
        except Exception as exc:  # noqa: BLE001 - a thread has nowhere else to report; shown in Dutch
            self.say(f"De nota kon niet gemaakt worden door een onverwachte fout ({type(exc).__name__}).", "error",
                     str(exc))
            self.stage.value = ""
        else:
            self.progress.value = self.progress.max
            self.stage.value = "Klaar"
            if result.unchanged:
                self.say(f"Niets gewijzigd sinds versie {result.version.name}; de nota is dezelfde.", "ok")
            else:
                self.say(f"Klaar in {result.seconds:.0f} s: versie {result.version.name}.", "ok")
            self.links.value = self.planner.links(result)
        finally:
            self.rerun_button.disabled = False


def link_list(links: list[tuple[str, str]]) -> str:
    """Links as the bar shows them (text and href escaped)."""
    items = " · ".join(f"<a href='{html.escape(href, quote=True)}' target='_blank' rel='noopener'>"
                       f"{html.escape(text)}</a>" for text, href in links)
    return f"<div>Openen: {items}</div>" if items else ""


def relative_url(path: Path, root: Path) -> str:
    return "voila/files/" + path.relative_to(root).as_posix()
