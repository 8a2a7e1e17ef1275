"""Pydantic models for every entity: `XNew` is what callers supply, `X` is the stored row."""

from callcenter.models.calls import (
    ActiveCall, Call, CallDraft, CallDraftNew, CallEvent, CallEventNew, CallNew, CallNote, CallNoteNew,
    Escalation, EscalationNew, QaScore, QaScoreNew, Transcript, TranscriptNew,
)
from callcenter.models.campaigns import (
    Campaign, CampaignCall, CampaignCallNew, CampaignNew, CampaignProgress, CallWindow, Criterion,
    DncNumber, DncNumberNew, Lead, LeadNew, Qualification, RecoveryAttempt, RecoveryAttemptNew,
)
from callcenter.models.content import (
    CustomScript, CustomScriptNew, IndustryPreset, IndustryPresetNew, KnowledgeChunk, KnowledgeChunkNew,
    KnowledgeDocument, KnowledgeDocumentNew,
)
from callcenter.models.crm import Customer, CustomerNew, Ticket, TicketHistory, TicketNew
from callcenter.models.operators import Operator, OperatorRegistration, OperatorUpdate, Token
from callcenter.models.routing import (
    Department, DepartmentNew, HumanAgent, HumanAgentNew, RoutingRule, RoutingRuleNew,
)

__all__ = [name for name in dir() if not name.startswith("_")]
