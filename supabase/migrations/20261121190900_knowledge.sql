-- Knowledge base: documents an operator uploads and the chunks the agent searches.
-- Full-text search works everywhere; embeddings are stored as real[] so the schema applies without
-- pgvector (a later migration can add a vector column where the extension exists).

create table public.knowledge_documents (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  department_id uuid,
  title varchar(300) not null check (length(trim(title)) > 0),
  source varchar(500),
  language public.language_code,
  content text not null check (length(content) <= 2000000),
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, operator_id),
  foreign key (department_id, operator_id) references public.departments (id, operator_id) on delete set null (department_id)
);
create index knowledge_documents_operator_idx on public.knowledge_documents (operator_id, created_at desc);
create trigger knowledge_documents_set_updated_at before update on public.knowledge_documents
  for each row execute function public.set_updated_at();
comment on table public.knowledge_documents is 'FAQ and reference documents the agent answers from.';

create table public.knowledge_chunks (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references public.operators (id) on delete cascade,
  document_id uuid not null,
  chunk_index integer not null check (chunk_index >= 0),
  content varchar(8000) not null,
  language public.language_code,
  embedding real[],
  tsv tsvector generated always as (to_tsvector('simple', content)) stored,
  created_at timestamptz not null default now(),
  unique (document_id, chunk_index),
  foreign key (document_id, operator_id) references public.knowledge_documents (id, operator_id) on delete cascade
);
create index knowledge_chunks_tsv_idx on public.knowledge_chunks using gin (tsv);
create index knowledge_chunks_operator_idx on public.knowledge_chunks (operator_id);
comment on table public.knowledge_chunks is 'Searchable passages of knowledge documents (full text, optional embedding).';
