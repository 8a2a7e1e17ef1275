-- Industry presets (built-in rows have operator_id null) and operators' branching custom scripts.
-- Both hold a conversation flow as data, run by the agent's flow engine.

create table public.industry_presets (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid references public.operators (id) on delete cascade,
  slug varchar(64) not null check (slug ~ '^[a-z][a-z0-9_]*$'),
  industry varchar(64) not null,
  name_en varchar(120) not null,
  name_ar varchar(120) not null,
  description varchar(2000) not null default '',
  flow jsonb not null default '{}'::jsonb,
  departments jsonb not null default '[]'::jsonb,
  faqs jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index industry_presets_scope_slug_key
  on public.industry_presets (coalesce(operator_id, '00000000-0000-0000-0000-000000000000'::uuid), slug);
create trigger industry_presets_set_updated_at before update on public.industry_presets
  for each row execute function public.set_updated_at();
comment on table public.industry_presets is
  'Ready-made setups (clinic, salon, tutor, university): built-in when operator_id is null, else an operator''s copy.';

create table public.custom_scripts (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  name varchar(200) not null check (length(trim(name)) > 0),
  description varchar(2000) not null default '',
  language public.language_code not null default 'ar',
  flow jsonb not null,
  version integer not null default 1 check (version >= 1),
  is_active boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, operator_id),
  unique (operator_id, name, version)
);
create trigger custom_scripts_set_updated_at before update on public.custom_scripts
  for each row execute function public.set_updated_at();
comment on table public.custom_scripts is 'Branching call scripts written by an operator (nodes, functions, transitions).';

alter table public.campaigns
  add foreign key (script_id, operator_id) references public.custom_scripts (id, operator_id) on delete set null (script_id);
