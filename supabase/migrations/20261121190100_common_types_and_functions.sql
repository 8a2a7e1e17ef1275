-- Enumerated states shared by several tables, and the updated_at trigger function.

create type public.call_direction as enum ('inbound', 'outbound');
create type public.call_status as enum
  ('initiated', 'ringing', 'in_progress', 'completed', 'failed', 'escalated', 'abandoned');
create type public.speaker as enum ('caller', 'agent', 'human_agent', 'system');
create type public.language_code as enum ('ar', 'en', 'mixed');
create type public.ticket_status as enum ('open', 'in_progress', 'waiting', 'resolved', 'closed');
create type public.ticket_priority as enum ('low', 'medium', 'high', 'urgent');
create type public.severity as enum ('low', 'medium', 'high', 'critical');
create type public.agent_status as enum ('offline', 'available', 'busy', 'wrap_up', 'away');
create type public.campaign_status as enum ('draft', 'active', 'paused', 'completed', 'cancelled');
create type public.dialing_mode as enum ('preview', 'progressive', 'power', 'predictive');
create type public.amd_action as enum ('hangup', 'voicemail', 'transfer');
create type public.amd_result as enum ('human', 'machine', 'unknown');
create type public.lead_status as enum
  ('new', 'queued', 'dialing', 'retry', 'callback', 'completed', 'dnc', 'invalid', 'exhausted');
create type public.call_outcome as enum
  ('qualified', 'unqualified', 'callback_requested', 'not_interested', 'wrong_number',
   'voicemail', 'no_answer', 'busy', 'failed');
create type public.escalation_reason as enum
  ('caller_request', 'keyword', 'sentiment', 'repeated_failure', 'complexity', 'supervisor');
create type public.escalation_status as enum ('pending', 'connected', 'failed', 'resolved');
create type public.recovery_reason as enum ('unanswered', 'abandoned_in_queue', 'after_hours');
create type public.recovery_status as enum
  ('pending', 'scheduled', 'in_progress', 'recovered', 'failed', 'needs_human');
create type public.draft_status as enum ('draft', 'approved', 'sent', 'discarded');

create function public.set_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;
comment on function public.set_updated_at() is 'Trigger: keeps updated_at current on every update.';
