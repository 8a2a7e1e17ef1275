-- Table privileges. RLS decides which rows; these decide which statements. anon gets nothing.

grant select, insert, update, delete on all tables in schema public to authenticated, service_role;
grant usage, select on all sequences in schema public to authenticated, service_role;
-- ticket_history is written by its trigger only.
revoke insert, update, delete on public.ticket_history from authenticated;
alter default privileges in schema public grant select, insert, update, delete on tables to authenticated, service_role;
alter default privileges in schema public grant usage, select on sequences to authenticated, service_role;
