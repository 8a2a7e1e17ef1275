-- Operators: the businesses that run the call center. An operator's id is the JWT subject
-- (auth.uid()) under which its rows are visible; every other table carries operator_id.

create table public.operators (
  id uuid primary key default gen_random_uuid(),
  email varchar(254) not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  password_hash varchar(255) not null,
  name varchar(200) not null check (length(trim(name)) > 0),
  company varchar(200),
  timezone varchar(64) not null default 'UTC',
  default_language public.language_code not null default 'ar',
  default_region char(2) not null default 'SA' check (default_region ~ '^[A-Z]{2}$'),
  business_hours jsonb not null default
    '{"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
      "thu": [["09:00", "17:00"]], "sun": [["09:00", "17:00"]]}'::jsonb,
  industry_preset varchar(64),
  settings jsonb not null default '{}'::jsonb,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index operators_email_key on public.operators (email);
create trigger operators_set_updated_at before update on public.operators
  for each row execute function public.set_updated_at();
comment on table public.operators is
  'Businesses using the call center; id is the auth.uid() of their console session.';
comment on column public.operators.business_hours is
  'Weekly opening hours in the operator time zone: {"mon": [["09:00","17:00"]], ...}; missing day = closed.';
