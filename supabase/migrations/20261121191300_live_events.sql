-- Live updates for the console: a NOTIFY on channel 'callcenter_events' for every change to calls,
-- utterances, call events, escalations and tickets (plain Postgres), and the same tables in the
-- supabase_realtime publication (hosted Supabase Realtime).

create function public.notify_live_event() returns trigger
language plpgsql as $$
declare
  r record := coalesce(new, old);
begin
  perform pg_notify('callcenter_events', json_build_object(
    'table', tg_table_name,
    'op', lower(tg_op),
    'id', r.id,
    'operator_id', r.operator_id,
    'call_id', case when tg_table_name = 'calls' then r.id::text else to_jsonb(r) ->> 'call_id' end
  )::text);
  return null;
end
$$;

create trigger calls_notify after insert or update on public.calls
  for each row execute function public.notify_live_event();
create trigger call_transcripts_notify after insert on public.call_transcripts
  for each row execute function public.notify_live_event();
create trigger call_events_notify after insert on public.call_events
  for each row execute function public.notify_live_event();
create trigger escalations_notify after insert or update on public.escalations
  for each row execute function public.notify_live_event();
create trigger tickets_notify after insert or update on public.tickets
  for each row execute function public.notify_live_event();

alter publication supabase_realtime add table
  public.calls, public.call_transcripts, public.call_events, public.escalations, public.tickets;
