-- The CRM: callers and leads known to an operator.

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  name varchar(200),
  phone varchar(16) check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email varchar(254) check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  language public.language_code,
  company varchar(200),
  tags varchar(64)[] not null default '{}',
  custom_fields jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, operator_id)
);
create unique index customers_operator_phone_key on public.customers (operator_id, phone) where phone is not null;
create index customers_operator_email_idx on public.customers (operator_id, lower(email));
create index customers_operator_created_idx on public.customers (operator_id, created_at desc);
create trigger customers_set_updated_at before update on public.customers
  for each row execute function public.set_updated_at();
comment on table public.customers is 'CRM contacts; one per phone number per operator.';
