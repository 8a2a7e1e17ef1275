-- A live call's worker touches heartbeat_at every few seconds; a sweeper marks calls whose worker
-- stopped beating (crash, kill, lost node) as failed, keeping their transcript so far.

alter table public.calls add column heartbeat_at timestamptz;
create index calls_live_heartbeat_idx on public.calls (heartbeat_at)
  where status in ('initiated', 'ringing', 'in_progress');
comment on column public.calls.heartbeat_at is 'Last sign of life from the worker handling the call.';
