-- Departments an operator routes callers to, the keyword/phrase rules that choose them,
-- and the human agents who take escalations.

create table public.departments (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  slug varchar(64) not null check (slug ~ '^[a-z][a-z0-9_]*$'),
  name_en varchar(120) not null,
  name_ar varchar(120) not null,
  description varchar(2000) not null default '',
  is_fallback boolean not null default false,
  transfer_to varchar(255),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (operator_id, slug),
  unique (id, operator_id)
);
create unique index departments_one_fallback_per_operator
  on public.departments (operator_id) where is_fallback;
create trigger departments_set_updated_at before update on public.departments
  for each row execute function public.set_updated_at();
comment on table public.departments is
  'Where calls are routed (reception, sales, complaints, ...); one fallback per operator.';
comment on column public.departments.transfer_to is 'tel:+E164 or sip: URI of the human queue for escalations.';

create table public.routing_rules (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  department_id uuid not null,
  phrases text[] not null check (cardinality(phrases) between 1 and 500),
  language varchar(3) not null default 'any' check (language in ('ar', 'en', 'any')),
  weight real not null default 1.0 check (weight > 0 and weight <= 100),
  priority integer not null default 0 check (priority between -1000 and 1000),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (department_id, operator_id)
    references public.departments (id, operator_id) on delete cascade
);
create index routing_rules_operator_idx on public.routing_rules (operator_id, enabled);
create trigger routing_rules_set_updated_at before update on public.routing_rules
  for each row execute function public.set_updated_at();
comment on table public.routing_rules is
  'Keywords and phrases (Arabic and English) that send a caller to a department; matched after Arabic normalisation.';

create table public.human_agents (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  name varchar(200) not null check (length(trim(name)) > 0),
  email varchar(254),
  phone varchar(16) check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  sip_uri varchar(255),
  department_id uuid,
  status public.agent_status not null default 'offline',
  languages public.language_code[] not null default '{ar,en}',
  max_concurrent_calls integer not null default 1 check (max_concurrent_calls between 1 and 10),
  status_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, operator_id),
  foreign key (department_id, operator_id)
    references public.departments (id, operator_id) on delete set null (department_id)
);
create index human_agents_status_idx on public.human_agents (operator_id, status);
create trigger human_agents_set_updated_at before update on public.human_agents
  for each row execute function public.set_updated_at();
comment on table public.human_agents is 'People who take escalated calls, whisper, barge in or take over.';
