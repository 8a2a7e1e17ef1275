-- Live calls per human agent: agent_availability counts them for every agent, and the dialer reads
-- that view every second for campaigns paced against human agents.

create index calls_human_agent_live_idx on public.calls (human_agent_id)
  where status in ('ringing', 'in_progress') and human_agent_id is not null;
