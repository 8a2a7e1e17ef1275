-- Views the console reads. security_invoker makes them obey the caller's row-level security.

create view public.active_calls with (security_invoker = true) as
select c.id, c.operator_id, c.direction, c.status, c.room_name, c.caller_number, c.callee_number,
       c.language, c.started_at, c.answered_at,
       extract(epoch from (now() - c.started_at))::integer as elapsed_s,
       c.customer_id, cu.name as customer_name,
       c.department_id, d.slug as department, c.campaign_id, c.human_agent_id, c.sentiment
from public.calls c
left join public.customers cu on cu.id = c.customer_id
left join public.departments d on d.id = c.department_id
where c.status in ('initiated', 'ringing', 'in_progress');
comment on view public.active_calls is 'Calls not yet ended, for the live wallboard.';

create view public.open_tickets with (security_invoker = true) as
select t.id, t.number, t.operator_id, t.subject, t.category, t.priority, t.severity, t.status,
       t.created_at, t.due_at, extract(epoch from (now() - t.created_at))::integer as age_s,
       t.customer_id, cu.name as customer_name, cu.phone as customer_phone,
       t.department_id, d.slug as department, t.assigned_agent_id, t.call_id
from public.tickets t
left join public.customers cu on cu.id = t.customer_id
left join public.departments d on d.id = t.department_id
where t.status in ('open', 'in_progress', 'waiting');
comment on view public.open_tickets is 'Tickets still needing work, with customer and department.';

create view public.agent_availability with (security_invoker = true) as
select a.id, a.operator_id, a.name, a.status, a.department_id, d.slug as department, a.languages,
       a.max_concurrent_calls,
       count(c.id)::integer as active_calls,
       (a.status = 'available' and count(c.id) < a.max_concurrent_calls) as can_take_call,
       a.status_changed_at
from public.human_agents a
left join public.departments d on d.id = a.department_id
left join public.calls c on c.human_agent_id = a.id and c.status in ('ringing', 'in_progress')
group by a.id, d.slug;
comment on view public.agent_availability is 'Human agents, their status and whether they can take a call now.';

create view public.campaign_progress with (security_invoker = true) as
select c.id as campaign_id, c.operator_id, c.name, c.status,
       count(l.id)::integer as total_leads,
       count(l.id) filter (where l.attempts > 0)::integer as called,
       count(l.id) filter (where l.last_outcome is not null
                           and l.last_outcome not in ('no_answer', 'busy', 'failed'))::integer as connected,
       count(l.id) filter (where l.last_outcome = 'qualified')::integer as successful,
       count(l.id) filter (where l.status in ('new', 'queued', 'retry', 'callback', 'dialing'))::integer as remaining,
       case when count(l.id) = 0 then 0
            else round(100.0 * count(l.id) filter (where l.status not in ('new', 'queued', 'retry', 'callback', 'dialing'))
                       / count(l.id), 1) end as percent_complete
from public.campaigns c
left join public.leads l on l.campaign_id = c.id
group by c.id;
comment on view public.campaign_progress is 'Per-campaign progress: called, connected, successful, remaining, %.';
