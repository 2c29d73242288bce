CREATE TABLE files (
  id bigserial PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES auth.accounts (id),
  path text NOT NULL UNIQUE,
  bytes bigint NOT NULL CHECK (bytes >= 0),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE attachments (
  file_id bigint NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  message_id bigint NOT NULL REFERENCES chat.messages (id) ON DELETE CASCADE,
  PRIMARY KEY (file_id, message_id)
);
