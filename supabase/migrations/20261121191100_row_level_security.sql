-- Row-level security: an operator (auth.uid()) sees and changes only its own rows.
-- Workers connect with service_role, which bypasses RLS. Built-in presets (operator_id null) are
-- readable by every operator and changeable by none.

alter table public.operators enable row level security;
create policy "operators read their own account" on public.operators
  for select to authenticated using (id = (select auth.uid()));
create policy "operators update their own account" on public.operators
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));

do $$
declare
  t text;
begin
  foreach t in array array[
    'departments', 'routing_rules', 'human_agents', 'customers', 'calls', 'call_transcripts',
    'call_events', 'call_notes', 'qa_scores', 'call_drafts', 'tickets', 'ticket_history',
    'escalations', 'campaigns', 'leads', 'campaign_calls', 'dnc_numbers', 'recovery_attempts',
    'custom_scripts', 'knowledge_documents', 'knowledge_chunks'
  ] loop
    execute format('alter table public.%I enable row level security', t);
    execute format(
      'create policy %I on public.%I for all to authenticated '
      'using (operator_id = (select auth.uid())) with check (operator_id = (select auth.uid()))',
      'operators manage their own ' || replace(t, '_', ' '), t);
  end loop;
end
$$;

alter table public.industry_presets enable row level security;
create policy "operators read built-in and their own presets" on public.industry_presets
  for select to authenticated using (operator_id is null or operator_id = (select auth.uid()));
create policy "operators manage their own presets" on public.industry_presets
  for all to authenticated
  using (operator_id = (select auth.uid())) with check (operator_id = (select auth.uid()));
