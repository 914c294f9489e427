"""What every step editor shares: the frame (Opslaan, Herladen, Nota opnieuw maken, status) and helpers.

The step editors themselves are in :mod:`igskit.editing.widgets` (one module per step). An editor is
rebuilt from the file whenever it is created or reloaded, so its widgets never hold anything the
file does not.

Widgets are cheap in Python but not on the wire: every widget is a model the browser must
create, and a burst of thousands of messages can overflow the kernel's message queue. So
widgets of the same kind share one Layout and one Style object (:class:`Kit`), and the
editors create only the widgets they show.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython.display import display

from igskit.editing.document import ParamsDocument
from igskit.editing.operations import Operation
from igskit.editing.session import EditSession
from igskit.errors import IgskitError, SaveConflictError

NONE = "—"
FULL = {"width": "100%"}
_COLORS = {"ok": "#1b6e20", "info": "#37474f", "warning": "#8a5300", "error": "#b71c1c"}


def fixed(width: str) -> dict:
    """A layout that keeps its width in a row (it does not shrink when the row is full)."""
    return {"width": width, "flex": f"0 0 {width}"}


def short(text: Any, length: int = 80) -> str:
    """One line of at most ``length`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def money(value: float) -> float:
    """An amount as typed in a number field, rounded to cents."""
    return round(float(value), 2)


def choices(options: list, value: Any) -> list:
    """Dropdown options; a value in the file that is not one of them is shown, marked, so it can be fixed."""
    values = [option[1] if isinstance(option, tuple) else option for option in options]
    if value is None or value in values:
        return list(options)
    return [*options, (f"{value} (ongeldig)", value)]


def set_multi(widget: w.SelectMultiple, options: list, values: list) -> None:
    """Show the values of a list field; values that are not among the options are kept, marked."""
    known = [option[1] if isinstance(option, tuple) else option for option in options]
    extra = [(f"{value} (ongeldig)", value) for value in values if value not in known]
    widget.options = [option if isinstance(option, tuple) else (str(option), option) for option in options] + extra
    widget.value = tuple(values)


def close_all(widget: w.Widget) -> None:
    """Close a widget and everything inside it (frees widgets that are no longer shown)."""
    for child in getattr(widget, "children", ()):
        close_all(child)
    widget.close()


class Kit:
    """Makes widgets that share their Layout and Style objects with others of the same look.

    Never change ``widget.layout`` of a widget made here: that layout is shared. A widget
    that must be shown or hidden goes in or out of its container instead.
    """

    def __init__(self) -> None:
        self._shared: dict[tuple, w.Widget] = {}

    def shared(self, cls: type, **traits: Any) -> w.Widget:
        key = (cls, tuple(sorted(traits.items())))
        if key not in self._shared:
            self._shared[key] = cls(**traits)
        return self._shared[key]

    def __call__(self, cls: type, *args: Any, layout: dict | None = None, style: dict | None = None,
                 **kwargs: Any) -> Any:
        kwargs["layout"] = self.shared(w.Layout, **(layout or {}))
        style_trait = cls.class_traits().get("style")
        if style_trait is not None:
            kwargs["style"] = self.shared(style_trait.klass, **(style or {}))
        return cls(*args, **kwargs)


class Editor(w.VBox):
    """Common frame: title, the step's widgets, Opslaan / Herladen / Nota opnieuw maken, status.

    A step editor fills in :meth:`_build`, which returns the step's widgets made from
    ``self.document``; user changes are edit operations (:mod:`igskit.editing.operations`)
    applied through :meth:`edit` (or :meth:`structural` when items are added, removed or moved,
    which rebuilds the widgets).
    """

    title = ""
    help_text = ""

    def __init__(self, params_path: str | Path | None = None, *, session: EditSession | None = None,
                 on_change: Callable[[], None] | None = None, say: Callable[[str, str], None] | None = None):
        # Standalone (a step notebook) the editor has its own session and its own frame; embedded
        # (a tab of the planner) it edits the planner's session and the planner shows the frame.
        self.embedded = session is not None
        self.session = session or EditSession(params_path)
        self.path = self.session.path
        self.document: ParamsDocument | None = None
        self.on_change = on_change
        self._say = say
        self.message = ""  # the last status message, as plain text
        self.kit = Kit()
        self._updating = False
        self._run_thread: threading.Thread | None = None
        self._retired: list[w.Widget] = []  # replaced by the last rebuild; closed at the next one
        self.save_button = w.Button(description="Opslaan", button_style="primary", icon="save",
                                    tooltip="Schrijf de wijzigingen naar het params-bestand")
        self.reload_button = w.Button(description="Herladen", icon="refresh",
                                      tooltip="Lees het bestand opnieuw in; niet-opgeslagen wijzigingen vervallen")
        self.rerun_button = w.Button(description="Nota opnieuw maken", icon="play", layout=w.Layout(width="190px"),
                                     tooltip="Voer alle stappen opnieuw uit en maak de nota, zoals 'igskit run'")
        for button, css in ((self.save_button, "save"), (self.reload_button, "reload"), (self.rerun_button, "rerun")):
            button.add_class(f"igskit-{css}")
        self.status = w.HTML()
        self.progress = w.Output(layout=w.Layout(width="100%", max_height="240px", overflow="auto"))
        self.body = w.VBox()
        self.save_button.on_click(lambda _b: self.save())
        self.reload_button.on_click(lambda _b: self.reload())
        self.rerun_button.on_click(lambda _b: self.rerun())
        header = w.HTML(f"<h3 style='margin:0'>{html.escape(self.title)}</h3>"
                        f"<div style='color:#555'>{html.escape(self.help_text)}</div>")
        toolbar = w.HBox([self.save_button, self.reload_button, self.rerun_button])
        frame = [self.body] if self.embedded else [header, self.body, toolbar, self.status, self.progress]
        super().__init__(frame)
        self.add_class("igskit-editor")
        self.reload(announce=False)

    # --- status -------------------------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        """Show a Dutch status message (kind: ok, info, warning, error)."""
        self.message = text
        if self._say is not None:
            self._say(text, kind)
            return
        body = html.escape(text)
        if "\n" in text:
            body = f"<pre style='white-space:pre-wrap;margin:0;font-size:90%'>{body}</pre>"
        self.status.value = f"<div style='color:{_COLORS[kind]}'>{body}</div>"

    # --- file ---------------------------------------------------------------------------------

    def reload(self, announce: bool = True) -> None:
        """(Re)read the file and rebuild the widgets from it; unsaved changes are dropped.

        Embedded in the planner, the file is not read again: the widgets are rebuilt from the
        planner's session as it is now (after an undo, a merge or a region switch).
        """
        if not self.embedded:
            self.session.open()
        self.document = self.session.document
        if self.document is None:
            self._show_body([])
            if not self.embedded:
                self.say(f"Kan {self.path.name} niet inlezen.\n{self.session.problem}", "error")
            self.save_button.disabled = True
            return
        self.save_button.disabled = False
        try:
            self._show_body(self.quiet(self._build))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a shape the widgets cannot show
            self._show_body([])
            self.save_button.disabled = True
            self.say(self._unshowable(exc), "error")
            return
        if self.embedded:
            return
        if announce:
            self.say(f"Opnieuw ingelezen uit {self.path.name}: je ziet nu wat in het bestand staat.")
        else:
            self.say(f"Ingelezen uit {self.path}. Wijzig wat je wil en klik op 'Opslaan'.")

    def _unshowable(self, exc: Exception) -> str:
        try:
            self.document.validate()
        except IgskitError as problem:
            return f"De editor kan {self.path.name} niet tonen; los eerst deze fout op in het bestand.\n{problem}"
        return f"De editor kan {self.path.name} niet tonen ({type(exc).__name__}: {exc})."

    def save(self) -> bool:
        """Write the file and say what happened; True when the file now holds the edits."""
        if self.document is None:
            return False
        try:
            result = self.document.save()
        except SaveConflictError as exc:
            self.say(str(exc), "error")
            return False
        except IgskitError as exc:
            self.say(f"Niet opgeslagen: de wijziging maakt het params-bestand ongeldig.\n{exc}", "error")
            return False
        if not result.written:
            self.say("Er was niets gewijzigd; het bestand is niet aangeraakt.")
        else:
            self.say(f"Opgeslagen om {result.saved_at:%H:%M}; een kopie van de vorige versie staat in "
                     f"{result.backup}. Voer het notebook opnieuw uit (of klik op 'Nota opnieuw maken') "
                     "om de gevolgen te zien.", "ok")
        return True

    # --- changes ------------------------------------------------------------------------------

    def edit(self, operation: Operation | Callable[[], Operation]) -> Any:
        """Apply one edit operation to the document; a refused change is explained, never raised.

        ``operation`` may also be a function that makes the operation from the document as it
        is now (a budget line's operation names the label the line shows).
        """
        return self._apply(operation)[1]

    def attempt(self, operation: Operation | Callable[[], Operation]) -> Any:
        """Like :meth:`edit`, but False when the edit was refused (the planner's ``edit`` convention)."""
        done, result = self._apply(operation)
        return result if done else False

    def _apply(self, operation: Operation | Callable[[], Operation]) -> tuple[bool, Any]:
        if self._updating or self.document is None:
            return False, None
        try:
            result = self.document.apply(operation if isinstance(operation, Operation) else operation())
        except (IgskitError, KeyError, ValueError) as exc:
            reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            self.say(f"Die wijziging kan niet: {reason}", "error")
            return False, None
        if self.on_change is not None:
            self.on_change()
        if self.embedded:
            self.say(f"{operation_text(self.document)} — nog niet opgeslagen.", "warning")
        elif self.document.changed_on_disk():
            self.say(f"Let op: {self.path.name} is intussen buiten deze editor gewijzigd. Opslaan zal weigeren; "
                     "klik op 'Herladen' om de nieuwe inhoud te zien.", "warning")
        else:
            self.say("Niet-opgeslagen wijzigingen: klik op 'Opslaan' om ze in het params-bestand te schrijven.",
                     "warning")
        return True, result

    def structural(self, operation: Operation | Callable[[], Operation]) -> Any:
        """Add, remove or move items: apply the operation, then show the lists again."""
        if self.document is None:
            return None
        before = self.document.dumps()
        result = self.edit(operation)
        if self.document.dumps() != before:
            self._show_body(self.quiet(self._build))
        return result

    def quiet(self, function: Callable[[], Any]) -> Any:
        """Set widget values from the document without taking them for user edits."""
        previous, self._updating = self._updating, True
        try:
            return function()
        finally:
            self._updating = previous

    def _show_body(self, children: list[w.Widget]) -> None:
        """Replace the step's widgets; the replaced ones are closed one rebuild later, when the
        browser is surely done with them."""
        old = list(self.body.children)
        self.body.children = children
        for widget in self._retired:
            close_all(widget)
        self._retired = old

    def _build(self) -> list[w.Widget]:
        raise NotImplementedError

    # --- the whole pipeline -----------------------------------------------------------------------

    def rerun(self, wait: bool = False) -> threading.Thread:
        """Run the whole pipeline for this region (like ``igskit run``), with progress below."""
        if self._run_thread is not None and self._run_thread.is_alive():
            self.say("De nota wordt al gemaakt; even geduld.", "warning")
            return self._run_thread
        self.progress.clear_output()
        if self.document is not None and self.document.dirty:
            self.progress.append_stdout("Let op: niet-opgeslagen wijzigingen tellen niet mee; de nota wordt "
                                        "gemaakt uit het bestand zoals het nu is opgeslagen.\n")
        self.rerun_button.disabled = True
        self.say("De nota wordt gemaakt …")
        self._run_thread = threading.Thread(target=self._run_pipeline, daemon=True)
        self._run_thread.start()
        if wait:
            self._run_thread.join()
        return self._run_thread

    def _run_pipeline(self) -> None:
        from igskit.run import pipeline

        try:
            # the kernels stay up for the next click: a rerun after an edit starts none
            result = pipeline.run(self.path, keep_kernels=True, progress=pipeline.Progress(
                write=lambda line: self.progress.append_stdout(line + "\n")))
        except IgskitError as exc:
            self.say(f"De nota kon niet gemaakt worden.\n{exc}", "error")
        except Exception as exc:  # noqa: BLE001 - shown to the user; a thread has nowhere else to report
            self.say(f"De nota kon niet gemaakt worden door een onverwachte fout: {type(exc).__name__}: {exc}",
                     "error")
        else:
            if result.unchanged:
                self.say(f"Niets gewijzigd sinds versie {result.version.name}; de nota is dezelfde gebleven.", "ok")
            else:
                documents = ", ".join(str(p) for p in result.documents.values()) or "(geen documenten)"
                self.say(f"Klaar in {result.seconds:.0f} s: versie {result.version.name}. Documenten: {documents}",
                         "ok")
        finally:
            self.rerun_button.disabled = False


def operation_text(document: ParamsDocument) -> str:
    """The last unsaved edit, in Dutch."""
    return document.pending[-1].describe() if document.pending else "Gewijzigd"


def show(editor: Editor, visible: bool = True) -> Editor:
    """Display an editor in the notebook (when ``visible``) and return it."""
    if visible:
        display(editor)
    return editor


def rerun(params_path: str | Path):
    """Run the whole pipeline for one region from a notebook cell, with progress printed (one call)."""
    from igskit.run import pipeline

    return pipeline.run(Path(params_path).resolve(), progress=pipeline.Progress())
