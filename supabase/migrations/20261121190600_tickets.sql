-- CRM tickets and their audit trail (ticket_history, written by a trigger), and escalations.

create table public.tickets (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity,
  operator_id uuid not null references public.operators (id) on delete cascade,
  customer_id uuid,
  call_id uuid,
  department_id uuid,
  assigned_agent_id uuid,
  subject varchar(200) not null check (length(trim(subject)) > 0),
  description varchar(10000) not null default '',
  category varchar(64),
  priority public.ticket_priority not null default 'medium',
  severity public.severity,
  status public.ticket_status not null default 'open',
  due_at timestamptz,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (number),
  unique (id, operator_id),
  foreign key (customer_id, operator_id) references public.customers (id, operator_id) on delete set null (customer_id),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete set null (call_id),
  foreign key (department_id, operator_id) references public.departments (id, operator_id) on delete set null (department_id),
  foreign key (assigned_agent_id, operator_id) references public.human_agents (id, operator_id) on delete set null (assigned_agent_id)
);
create index tickets_operator_status_idx on public.tickets (operator_id, status, priority);
create index tickets_operator_created_idx on public.tickets (operator_id, created_at desc);
create index tickets_call_idx on public.tickets (call_id);
create unique index tickets_one_per_call_and_category on public.tickets (call_id, category)
  where call_id is not null and category is not null;
create trigger tickets_set_updated_at before update on public.tickets
  for each row execute function public.set_updated_at();
comment on table public.tickets is 'CRM tickets, opened by the agent (complaints, callbacks) or by staff.';
comment on index public.tickets_one_per_call_and_category is 'A retried tool call cannot open the same ticket twice.';

create table public.ticket_history (
  id bigint generated always as identity primary key,
  operator_id uuid not null references public.operators (id) on delete cascade,
  ticket_id uuid not null,
  action varchar(16) not null check (action in ('created', 'updated', 'status_changed')),
  changes jsonb not null default '{}'::jsonb,
  changed_by varchar(200) not null,
  created_at timestamptz not null default now(),
  foreign key (ticket_id, operator_id) references public.tickets (id, operator_id) on delete cascade
);
create index ticket_history_ticket_idx on public.ticket_history (ticket_id, id);
comment on table public.ticket_history is 'Audit trail of every ticket change; written only by the tickets trigger.';

create function public.record_ticket_history() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  diff jsonb := '{}'::jsonb;
  k text;
  who varchar(200) := coalesce(auth.uid()::text, current_user);
begin
  if tg_op = 'INSERT' then
    insert into public.ticket_history (operator_id, ticket_id, action, changes, changed_by)
    values (new.operator_id, new.id, 'created', to_jsonb(new) - 'updated_at', who);
    return new;
  end if;
  for k in select jsonb_object_keys(to_jsonb(new)) loop
    if k <> 'updated_at' and (to_jsonb(new) -> k) is distinct from (to_jsonb(old) -> k) then
      diff := diff || jsonb_build_object(k, jsonb_build_object('old', to_jsonb(old) -> k, 'new', to_jsonb(new) -> k));
    end if;
  end loop;
  if diff <> '{}'::jsonb then
    insert into public.ticket_history (operator_id, ticket_id, action, changes, changed_by)
    values (new.operator_id, new.id,
            case when diff ? 'status' then 'status_changed' else 'updated' end, diff, who);
  end if;
  if new.status in ('resolved', 'closed') and old.status not in ('resolved', 'closed') then
    new.resolved_at := coalesce(new.resolved_at, now());
  end if;
  return new;
end
$$;
create trigger tickets_record_history_insert after insert on public.tickets
  for each row execute function public.record_ticket_history();
create trigger tickets_record_history_update before update on public.tickets
  for each row execute function public.record_ticket_history();

create table public.escalations (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  call_id uuid not null,
  reason public.escalation_reason not null,
  trigger_detail varchar(500),
  summary varchar(4000) not null,
  context jsonb not null default '{}'::jsonb,
  ticket_id uuid,
  human_agent_id uuid,
  transfer_mode varchar(8) check (transfer_mode in ('cold', 'warm')),
  transfer_to varchar(255),
  status public.escalation_status not null default 'pending',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (call_id, operator_id) references public.calls (id, operator_id) on delete cascade,
  foreign key (ticket_id, operator_id) references public.tickets (id, operator_id) on delete set null (ticket_id),
  foreign key (human_agent_id, operator_id) references public.human_agents (id, operator_id) on delete set null (human_agent_id)
);
create unique index escalations_one_per_call on public.escalations (call_id);
create index escalations_operator_status_idx on public.escalations (operator_id, status, created_at desc);
create trigger escalations_set_updated_at before update on public.escalations
  for each row execute function public.set_updated_at();
comment on table public.escalations is
  'Hand-offs to a human with the whole context (structured JSON and a readable summary).';
