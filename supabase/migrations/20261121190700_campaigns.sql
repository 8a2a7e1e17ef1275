-- Outbound campaigns, their leads, every dial attempt (kept five years), and DNC lists.

create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  name varchar(200) not null check (length(trim(name)) > 0),
  description varchar(2000) not null default '',
  status public.campaign_status not null default 'draft',
  status_reason varchar(500),
  dialing_mode public.dialing_mode not null default 'progressive',
  target_abandon_rate real not null default 0.03 check (target_abandon_rate > 0 and target_abandon_rate <= 0.03),
  max_dial_ratio real not null default 3.0 check (max_dial_ratio >= 1 and max_dial_ratio <= 5),
  call_windows jsonb not null default
    '[{"weekday": 0, "start": "09:00", "end": "20:00"}, {"weekday": 1, "start": "09:00", "end": "20:00"},
      {"weekday": 2, "start": "09:00", "end": "20:00"}, {"weekday": 3, "start": "09:00", "end": "20:00"},
      {"weekday": 4, "start": "09:00", "end": "20:00"}]'::jsonb,
  holidays date[] not null default '{}',
  default_timezone varchar(64),
  default_region char(2) not null default 'SA' check (default_region ~ '^[A-Z]{2}$'),
  max_attempts integer not null default 3 check (max_attempts between 1 and 20),
  max_calls_per_day integer not null default 2 check (max_calls_per_day between 1 and 10),
  voicemail_policy varchar(16) not null default 'no_retry' check (voicemail_policy in ('retry', 'no_retry')),
  amd_enabled boolean not null default true,
  amd_action public.amd_action not null default 'voicemail',
  voicemail_message jsonb not null default '{}'::jsonb,
  identification_message jsonb not null default '{}'::jsonb,
  caller_id varchar(16) check (caller_id ~ '^\+[1-9][0-9]{6,14}$'),
  sip_trunk_id varchar(64),
  agent_name varchar(64) not null default 'callcenter-agent',
  script_id uuid,
  qualification jsonb not null default '{"criteria": [], "threshold": 60}'::jsonb,
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, operator_id)
);
create index campaigns_operator_status_idx on public.campaigns (operator_id, status);
create index campaigns_active_idx on public.campaigns (status) where status = 'active';
create trigger campaigns_set_updated_at before update on public.campaigns
  for each row execute function public.set_updated_at();
comment on table public.campaigns is
  'Outbound campaigns: pacing mode, abandon target, legal call windows, AMD policy and messages.';
comment on column public.campaigns.call_windows is
  'Allowed windows in the lead''s local time: [{"weekday": 0..6 (Mon=0), "start": "HH:MM", "end": "HH:MM"}].';

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  campaign_id uuid not null,
  customer_id uuid,
  name varchar(200),
  phone varchar(16) not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  timezone varchar(64),
  company varchar(200),
  custom_fields jsonb not null default '{}'::jsonb,
  status public.lead_status not null default 'new',
  attempts integer not null default 0 check (attempts >= 0),
  last_attempt_at timestamptz,
  next_attempt_at timestamptz,
  last_outcome public.call_outcome,
  callback_at timestamptz,
  abandoned_at timestamptz,
  claimed_by varchar(128),
  claimed_at timestamptz,
  qualification_score numeric(5, 2) check (qualification_score between 0 and 100),
  qualification jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, operator_id),
  unique (campaign_id, phone),
  foreign key (campaign_id, operator_id) references public.campaigns (id, operator_id) on delete cascade,
  foreign key (customer_id, operator_id) references public.customers (id, operator_id) on delete set null (customer_id)
);
create index leads_dial_queue_idx on public.leads (campaign_id, status, next_attempt_at);
create index leads_operator_idx on public.leads (operator_id, created_at desc);
create trigger leads_set_updated_at before update on public.leads
  for each row execute function public.set_updated_at();
comment on table public.leads is 'People a campaign calls, their attempts, next due time and qualification.';

alter table public.calls
  add foreign key (campaign_id, operator_id) references public.campaigns (id, operator_id) on delete set null (campaign_id),
  add foreign key (lead_id, operator_id) references public.leads (id, operator_id) on delete set null (lead_id);

create table public.campaign_calls (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  campaign_id uuid not null,
  lead_id uuid not null,
  call_id uuid,
  attempt integer not null check (attempt >= 1),
  phone varchar(16) not null,
  dialed_at timestamptz not null default now(),
  answered_at timestamptz,
  ended_at timestamptz,
  ring_s real,
  duration_s real,
  disposition varchar(32),
  outcome public.call_outcome,
  amd_result public.amd_result,
  abandoned boolean not null default false,
  sip_status_code integer,
  created_at timestamptz not null default now(),
  unique (lead_id, attempt),
  foreign key (campaign_id, operator_id) references public.campaigns (id, operator_id) on delete cascade,
  foreign key (lead_id, operator_id) references public.leads (id, operator_id) on delete cascade,
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete set null (call_id)
);
create index campaign_calls_campaign_idx on public.campaign_calls (campaign_id, dialed_at desc);
comment on table public.campaign_calls is
  'Every dial attempt (number, time, ring, duration, disposition); call detail records kept five years.';

create table public.dnc_numbers (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  campaign_id uuid,
  phone varchar(16) not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  source varchar(16) not null default 'manual' check (source in ('manual', 'opt_out', 'registry', 'import')),
  reason varchar(500),
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (campaign_id, operator_id) references public.campaigns (id, operator_id) on delete cascade
);
create unique index dnc_numbers_scope_phone_key
  on public.dnc_numbers (operator_id, coalesce(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid), phone);
comment on table public.dnc_numbers is
  'Do-not-call numbers: operator-wide (campaign_id null) or per campaign; checked at dial time.';

create table public.recovery_attempts (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  call_id uuid not null,
  customer_id uuid,
  phone varchar(16) not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  reason public.recovery_reason not null,
  status public.recovery_status not null default 'pending',
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 3 check (max_attempts between 1 and 10),
  scheduled_at timestamptz,
  last_attempt_at timestamptz,
  callback_call_id uuid,
  outcome varchar(64),
  needs_human boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (call_id),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete cascade,
  foreign key (customer_id, operator_id) references public.customers (id, operator_id) on delete set null (customer_id),
  foreign key (callback_call_id, operator_id) references public.calls (id, operator_id) on delete set null (callback_call_id)
);
create index recovery_attempts_due_idx on public.recovery_attempts (status, scheduled_at);
create trigger recovery_attempts_set_updated_at before update on public.recovery_attempts
  for each row execute function public.set_updated_at();
comment on table public.recovery_attempts is
  'Missed inbound calls (unanswered, abandoned in queue, after hours) and their scheduled callbacks.';
