"""The step editors: ipywidgets over a :class:`~igskit.editing.document.ParamsDocument`.

The planner (:mod:`igskit.editing.planner`) shows them as tabs over one editing session; they
also work on their own in any notebook (``budget_editor("params/mijnregio.yml")``), with their
own Opslaan / Herladen / Nota opnieuw maken. The step notebooks themselves hold no editors: they
tell the story of a step and show its results. Every change is an edit operation
(:mod:`igskit.editing.operations`), so a save keeps comments, refuses an invalid plan with the
CLI's Dutch message and never overwrites someone else's change.

One module per step: :mod:`.stakeholders` (01, with needs and partnerkaart from :mod:`.partners`),
:mod:`.swot` (02), :mod:`.objectives` (03, with :mod:`.indicators`), :mod:`.budget` (04, with rol and
verdeling from :mod:`.allocation`), and the road to the plan: :mod:`.roadmap` (stappenplan) and
:mod:`.groups` (werkgroepen, reflectiemomenten); on the shared frame in :mod:`.kit` and the choosers
of :mod:`.choosers`. ``stakeholder_editor``, ``swot_editor``, ``objectives_editor``, ``budget_editor``,
``roadmap_editor``, ``working_groups_editor`` and ``agreement_editor`` (the network vrijetijdsparticipatie,
:mod:`.agreement`) build, display and return an editor; its widgets
are attributes, so tests drive it like a user. ``rerun(params_path)`` makes the nota from a notebook
cell, like the editors' button.
"""

from igskit.editing.widgets.agreement import agreement_editor
from igskit.editing.widgets.budget import budget_editor
from igskit.editing.widgets.groups import working_groups_editor
from igskit.editing.widgets.kit import rerun
from igskit.editing.widgets.objectives import objectives_editor
from igskit.editing.widgets.roadmap import roadmap_editor
from igskit.editing.widgets.stakeholders import stakeholder_editor
from igskit.editing.widgets.swot import swot_editor

__all__ = ["agreement_editor", "budget_editor", "objectives_editor", "rerun", "roadmap_editor", "stakeholder_editor",
           "swot_editor", "working_groups_editor"]
