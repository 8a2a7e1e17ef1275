-- Calls from ring to end, with a guarded status machine:
-- initiated -> ringing -> in_progress -> completed | failed | escalated | abandoned.

create table public.calls (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  direction public.call_direction not null,
  status public.call_status not null default 'initiated',
  room_name varchar(128),
  sip_call_id varchar(255),
  caller_number varchar(32),
  callee_number varchar(32),
  customer_id uuid,
  department_id uuid,
  human_agent_id uuid,
  campaign_id uuid,
  lead_id uuid,
  language public.language_code,
  intake jsonb not null default '{}'::jsonb,
  outcome varchar(64),
  summary varchar(4000),
  sentiment real check (sentiment between -1 and 1),
  amd_result public.amd_result,
  amd jsonb,
  metadata jsonb not null default '{}'::jsonb,
  started_at timestamptz not null default now(),
  ringing_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  duration_s real generated always as (extract(epoch from (ended_at - started_at))) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, operator_id),
  foreign key (customer_id, operator_id) references public.customers (id, operator_id) on delete set null (customer_id),
  foreign key (department_id, operator_id) references public.departments (id, operator_id) on delete set null (department_id),
  foreign key (human_agent_id, operator_id) references public.human_agents (id, operator_id) on delete set null (human_agent_id)
);
create unique index calls_room_name_key on public.calls (room_name) where room_name is not null;
create index calls_operator_status_idx on public.calls (operator_id, status);
create index calls_operator_started_idx on public.calls (operator_id, started_at desc);
create index calls_customer_idx on public.calls (customer_id);
create index calls_campaign_idx on public.calls (campaign_id) where campaign_id is not null;
create trigger calls_set_updated_at before update on public.calls
  for each row execute function public.set_updated_at();
comment on table public.calls is 'One row per call, inbound or outbound, from ring to end.';
comment on column public.calls.intake is 'Structured intake: {"name", "phone", "email", "need", "department", ...}.';
comment on column public.calls.amd is 'Answering-machine detection: decision, decision_ms, beep_end_ms, features.';

create function public.check_call_status_transition() returns trigger
language plpgsql as $$
begin
  if new.status = old.status then
    return new;
  end if;
  if not (
       (old.status = 'initiated' and new.status in ('ringing', 'in_progress', 'failed', 'abandoned'))
    or (old.status = 'ringing' and new.status in ('in_progress', 'completed', 'failed', 'abandoned'))
    or (old.status = 'in_progress' and new.status in ('completed', 'failed', 'escalated', 'abandoned'))
  ) then
    raise exception 'invalid call status transition % -> %', old.status, new.status
      using errcode = 'check_violation';
  end if;
  if new.status = 'ringing' and new.ringing_at is null then new.ringing_at := now(); end if;
  if new.status = 'in_progress' and new.answered_at is null then new.answered_at := now(); end if;
  if new.status in ('completed', 'failed', 'escalated', 'abandoned') and new.ended_at is null then
    new.ended_at := now();
  end if;
  return new;
end
$$;
create trigger calls_status_transition before update of status on public.calls
  for each row execute function public.check_call_status_transition();

create table public.call_transcripts (
  id bigint generated always as identity primary key,
  operator_id uuid not null references public.operators (id) on delete cascade,
  call_id uuid not null,
  seq integer not null check (seq >= 0),
  speaker public.speaker not null,
  language public.language_code,
  text varchar(10000) not null,
  start_ms integer not null check (start_ms >= 0),
  end_ms integer not null,
  created_at timestamptz not null default now(),
  check (end_ms >= start_ms),
  unique (call_id, seq),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete cascade
);
create index call_transcripts_operator_idx on public.call_transcripts (operator_id, created_at desc);
comment on table public.call_transcripts is
  'One row per utterance, in order (seq); offsets in ms from the start of the call.';

create table public.call_events (
  id bigint generated always as identity primary key,
  operator_id uuid not null references public.operators (id) on delete cascade,
  call_id uuid not null,
  type varchar(64) not null,
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete cascade
);
create index call_events_call_idx on public.call_events (call_id, id);
comment on table public.call_events is 'Tool calls, decisions, stage changes and supervision actions during a call.';

create table public.call_notes (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  call_id uuid not null,
  author varchar(200) not null,
  body varchar(10000) not null check (length(trim(body)) > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete cascade
);
create index call_notes_call_idx on public.call_notes (call_id, created_at);
create trigger call_notes_set_updated_at before update on public.call_notes
  for each row execute function public.set_updated_at();
comment on table public.call_notes is 'Notes written by supervisors and agents about a call.';

create table public.qa_scores (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  call_id uuid not null,
  score numeric(5, 2) not null check (score between 0 and 100),
  rubric jsonb not null default '{}'::jsonb,
  scorer varchar(32) not null default 'auto' check (scorer in ('auto', 'supervisor')),
  notes varchar(4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete cascade
);
create index qa_scores_call_idx on public.qa_scores (call_id);
create index qa_scores_operator_idx on public.qa_scores (operator_id, created_at desc);
create trigger qa_scores_set_updated_at before update on public.qa_scores
  for each row execute function public.set_updated_at();
comment on table public.qa_scores is 'Quality scores per call (automatic or by a supervisor) with the rubric behind them.';

create table public.call_drafts (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  call_id uuid,
  customer_id uuid,
  kind varchar(32) not null check (kind in ('ticket', 'email', 'sms', 'follow_up', 'summary')),
  content jsonb not null default '{}'::jsonb,
  status public.draft_status not null default 'draft',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete cascade,
  foreign key (customer_id, operator_id) references public.customers (id, operator_id) on delete set null (customer_id)
);
create index call_drafts_operator_status_idx on public.call_drafts (operator_id, status);
create trigger call_drafts_set_updated_at before update on public.call_drafts
  for each row execute function public.set_updated_at();
comment on table public.call_drafts is 'Drafts (tickets, follow-up messages, summaries) prepared from a call for review.';
