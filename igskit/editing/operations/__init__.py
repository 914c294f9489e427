"""The edit operations of each planning step: plain, replayable objects applied with ``ParamsDocument.apply``.

One module per step: :mod:`.stakeholders` (01), :mod:`.swot` (02), :mod:`.objectives` (03),
:mod:`.budget` (04); :mod:`.base` holds what they share (``Operation``, the replay errors).
"""

from igskit.editing.operations.base import CreatesId, Operation, ReplayError, StaleEditError
from igskit.editing.operations.budget import (
    AddAmountLine,
    DeleteAmountLine,
    SetActionBudget,
    SetAmountLine,
    SetContribution,
    SetStaffLine,
)
from igskit.editing.operations.objectives import (
    AddObjective,
    DeleteObjective,
    EditObjective,
    MoveObjective,
    MoveObjectiveTo,
)
from igskit.editing.operations.stakeholders import (
    AddStakeholder,
    DeleteStakeholder,
    SetNetworkPartner,
    UpdateStakeholder,
)
from igskit.editing.operations.swot import AddSwotItem, DeleteSwotItem, EditSwotItem, MoveSwotItem
from igskit.editing.operations.texts import SetText

__all__ = [
    "AddAmountLine", "AddObjective", "AddStakeholder", "AddSwotItem", "CreatesId", "DeleteAmountLine",
    "DeleteObjective", "DeleteStakeholder", "DeleteSwotItem", "EditObjective", "EditSwotItem", "MoveObjective",
    "MoveObjectiveTo", "MoveSwotItem", "Operation", "ReplayError", "SetActionBudget", "SetAmountLine",
    "SetContribution", "SetNetworkPartner", "SetStaffLine", "SetText", "StaleEditError", "UpdateStakeholder",
]
