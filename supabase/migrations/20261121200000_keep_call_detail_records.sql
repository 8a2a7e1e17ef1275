-- Call detail records are kept five years (TSR): a campaign or lead that has dial attempts cannot be
-- deleted (cancel or complete it instead); its attempts are never removed with it.

alter table public.campaign_calls
  drop constraint campaign_calls_campaign_id_operator_id_fkey,
  add constraint campaign_calls_campaign_id_operator_id_fkey
    foreign key (campaign_id, operator_id) references public.campaigns (id, operator_id) on delete restrict,
  drop constraint campaign_calls_lead_id_operator_id_fkey,
  add constraint campaign_calls_lead_id_operator_id_fkey
    foreign key (lead_id, operator_id) references public.leads (id, operator_id) on delete restrict;
comment on table public.campaign_calls is
  'Every dial attempt (number, time, ring, duration, disposition); kept five years, so its campaign and lead stay too.';
