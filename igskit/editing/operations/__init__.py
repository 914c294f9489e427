"""The edit operations of each planning step: plain, replayable objects applied with ``ParamsDocument.apply``.

One module per step: :mod:`.stakeholders` (01) with :mod:`.needs` (needs, partnerkaart), :mod:`.swot` (02),
:mod:`.objectives` (03) with :mod:`.indicators`, :mod:`.budget` (04); the road to the plan in
:mod:`.roadmap` (stappenplan) and :mod:`.groups` (werkgroepen, reflectiemomenten); the network
vrijetijdsparticipatie in :mod:`.network`; :mod:`.base` holds what they share (``Operation``, the
replay errors).
"""

from igskit.editing.operations.base import CreatesId, Operation, ReplayError, StaleEditError
from igskit.editing.operations.budget import (
    AddAmountLine,
    DeleteAmountLine,
    SetActionBudget,
    SetActionRole,
    SetAmountLine,
    SetContribution,
    SetCostSplit,
    SetStaffLine,
)
from igskit.editing.operations.groups import (
    AddMeeting,
    AddReflection,
    AddWorkingGroup,
    DeleteMeeting,
    DeleteReflection,
    DeleteWorkingGroup,
    EditMeeting,
    EditReflection,
    EditWorkingGroup,
)
from igskit.editing.operations.indicators import AddIndicator, DeleteIndicator, EditIndicator
from igskit.editing.operations.needs import AddNeed, DeleteNeed, EditNeed, SetPartnerCard
from igskit.editing.operations.network import (
    AddAgreementEntry,
    AddMeetingStructure,
    DeleteAgreementEntry,
    DeleteMeetingStructure,
    EditAgreementEntry,
    EditMeetingStructure,
    SetAgreementMunicipalities,
)
from igskit.editing.operations.objectives import (
    AddObjective,
    DeleteObjective,
    EditObjective,
    MoveObjective,
    MoveObjectiveTo,
)
from igskit.editing.operations.roadmap import (
    AddCooperation,
    DeleteCooperation,
    EditCooperation,
    SetCommitment,
    SetLegalForm,
    SetRoadmapStep,
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
    "AddAgreementEntry", "AddAmountLine", "AddCooperation", "AddIndicator", "AddMeeting", "AddMeetingStructure",
    "AddNeed", "AddObjective", "AddReflection", "AddStakeholder", "AddSwotItem", "AddWorkingGroup", "CreatesId",
    "DeleteAgreementEntry", "DeleteAmountLine", "DeleteCooperation", "DeleteIndicator", "DeleteMeeting",
    "DeleteMeetingStructure", "DeleteNeed", "DeleteObjective", "DeleteReflection", "DeleteStakeholder",
    "DeleteSwotItem", "DeleteWorkingGroup", "EditAgreementEntry", "EditCooperation", "EditIndicator",
    "EditMeeting", "EditMeetingStructure", "EditNeed", "EditObjective", "EditReflection", "EditSwotItem",
    "EditWorkingGroup", "MoveObjective", "MoveObjectiveTo", "MoveSwotItem", "Operation", "ReplayError",
    "SetActionBudget", "SetActionRole", "SetAgreementMunicipalities", "SetAmountLine", "SetCommitment",
    "SetContribution", "SetCostSplit", "SetLegalForm", "SetNetworkPartner", "SetPartnerCard",
    "SetRoadmapStep", "SetStaffLine", "SetText", "StaleEditError", "UpdateStakeholder",
]
