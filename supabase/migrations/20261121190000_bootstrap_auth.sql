-- Bootstrap for plain PostgreSQL: what a Supabase project already provides.
-- Every statement is conditional, so on a hosted Supabase project this migration changes nothing:
-- the roles, the auth schema and auth.uid()/auth.jwt()/auth.role() exist there and are left alone.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

do $$
begin
  if not exists (select 1 from pg_namespace where nspname = 'auth') then
    create schema auth;
    -- Same definitions as Supabase: claims arrive in request.jwt.claims (PostgREST) or are set by
    -- our store with set_config(..., true) inside a transaction.
    execute $f$
      create function auth.jwt() returns jsonb language sql stable as $b$
        select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
      $b$ $f$;
    execute $f$
      create function auth.uid() returns uuid language sql stable as $b$
        select nullif(coalesce(current_setting('request.jwt.claim.sub', true), auth.jwt() ->> 'sub'), '')::uuid
      $b$ $f$;
    execute $f$
      create function auth.role() returns text language sql stable as $b$
        select nullif(coalesce(current_setting('request.jwt.claim.role', true), auth.jwt() ->> 'role'), '')::text
      $b$ $f$;
    grant usage on schema auth to anon, authenticated, service_role;
    grant execute on all functions in schema auth to anon, authenticated, service_role;
  end if;
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

grant usage on schema public to anon, authenticated, service_role;
