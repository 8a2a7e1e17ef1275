-- What the ARQ dialer needs: who answers a campaign's calls (and how many lines it may use), the
-- callback time a lead asked for on each attempt, and indexes for its per-second queries.

alter table public.campaigns
  add column agent_pool varchar(8) not null default 'ai' check (agent_pool in ('ai', 'human')),
  add column max_lines integer not null default 5 check (max_lines between 1 and 500);
comment on column public.campaigns.agent_pool is
  'Who takes answered calls: ''ai'' (the outbound agent, dispatched into the room before dialling, '
  'so an agent is always there) or ''human'' (the operator''s human agents; paced by dialing_mode).';
comment on column public.campaigns.max_lines is
  'Calls at once (ringing or connected) for an ''ai'' campaign: the agent workers'' capacity for it.';

alter table public.campaign_calls add column callback_at timestamptz;
comment on column public.campaign_calls.callback_at is
  'When the lead asked to be called back (outcome callback_requested), as said on the call.';

-- The dial queue: leads waiting for a call, by due time.
create index leads_waiting_idx on public.leads (campaign_id, next_attempt_at)
  where status in ('new', 'queued', 'retry', 'callback');
-- Leads with a call under way, for finalizing their attempts.
create index leads_dialing_idx on public.leads (campaign_id) where status = 'dialing';
-- An attempt is closed through its call.
create index campaign_calls_call_idx on public.campaign_calls (call_id);
-- Attempts not closed yet, for reconciling those whose call ended without closing them.
create index campaign_calls_open_idx on public.campaign_calls (dialed_at) where ended_at is null;
-- Calls in flight per campaign, for the pacing snapshot.
create index calls_campaign_live_idx on public.calls (campaign_id, status)
  where status in ('initiated', 'ringing', 'in_progress') and campaign_id is not null;
-- Missed inbound calls, for missed-call recovery.
create index calls_missed_inbound_idx on public.calls (started_at)
  where direction = 'inbound' and status in ('abandoned', 'failed');
-- Open recovery attempts per number (one callback covers every missed call from it).
create index recovery_attempts_open_phone_idx on public.recovery_attempts (operator_id, phone)
  where status in ('pending', 'scheduled', 'in_progress');
create index recovery_attempts_callback_idx on public.recovery_attempts (callback_call_id)
  where callback_call_id is not null;
