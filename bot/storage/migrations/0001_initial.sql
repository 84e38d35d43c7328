-- WorkMatch schema, version 1. See SCHEMA.md beside this file.
-- Times are INTEGER milliseconds since the Unix epoch (UTC); dates are TEXT YYYY-MM-DD.
-- Flexible parts are JSON TEXT checked with json_valid().

CREATE TABLE organizations (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('hub', 'ngo', 'public_service', 'municipality',
                                                'employer', 'training_provider')),
  parent_id      INTEGER REFERENCES organizations(id),
  country        TEXT CHECK (country IS NULL OR length(country) = 2),
  city           TEXT,
  website        TEXT,
  referral_code  TEXT UNIQUE,
  default_locale TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE contacts (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL CHECK (channel IN ('telegram', 'whatsapp', 'webchat', 'cli')),
  external_id     TEXT NOT NULL,
  chat_id         TEXT,
  organization_id INTEGER REFERENCES organizations(id),
  role            TEXT NOT NULL DEFAULT 'newcomer'
                  CHECK (role IN ('newcomer', 'caseworker', 'employer', 'admin')),
  status          TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'blocked', 'opted_out', 'erased')),
  locale          TEXT,
  second_locale   TEXT,
  display_name    TEXT,
  referral_code   TEXT,
  last_inbound_at INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (channel, external_id)
);

CREATE TABLE profiles (
  contact_id          INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  education_level     TEXT CHECK (education_level IN ('none', 'primary', 'secondary',
                                  'vocational', 'bachelor', 'master', 'doctorate')),
  foreign_qualification TEXT,
  recognition_status  TEXT CHECK (recognition_status IN ('not_needed', 'not_started',
                                  'in_progress', 'recognized', 'refused', 'unknown')),
  location_text       TEXT,
  latitude            REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude           REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  country             TEXT,
  max_travel_km       INTEGER CHECK (max_travel_km IS NULL OR max_travel_km >= 0),
  availability        TEXT CHECK (availability IN ('full_time', 'part_time', 'any')),
  shifts_ok           INTEGER CHECK (shifts_ok IN (0, 1)),
  available_from      TEXT,
  right_to_work       TEXT CHECK (right_to_work IN ('yes', 'waiting', 'not_sure', 'no')),
  looking_for         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(looking_for)),
  preferences         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(preferences)),
  intake_completed_at INTEGER,
  updated_at          INTEGER NOT NULL
);

CREATE TABLE profile_occupations (
  contact_id     INTEGER NOT NULL REFERENCES profiles(contact_id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  concept_uri    TEXT,
  isco_code      TEXT,
  free_text      TEXT,
  years          REAL CHECK (years IS NULL OR years >= 0),
  informal       INTEGER NOT NULL DEFAULT 0 CHECK (informal IN (0, 1)),
  PRIMARY KEY (contact_id, position),
  CHECK (concept_uri IS NOT NULL OR free_text IS NOT NULL)
);

CREATE TABLE profile_skills (
  contact_id  INTEGER NOT NULL REFERENCES profiles(contact_id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  skill_uri   TEXT,
  free_text   TEXT,
  PRIMARY KEY (contact_id, position),
  CHECK (skill_uri IS NOT NULL OR free_text IS NOT NULL)
);

CREATE TABLE profile_languages (
  contact_id INTEGER NOT NULL REFERENCES profiles(contact_id) ON DELETE CASCADE,
  language   TEXT NOT NULL,
  cefr       TEXT NOT NULL CHECK (cefr IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native')),
  PRIMARY KEY (contact_id, language)
);

-- Consents are a history: a withdrawal is a new row with granted = 0.
CREATE TABLE consents (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  purpose    TEXT NOT NULL,
  version    TEXT NOT NULL,
  granted    INTEGER NOT NULL CHECK (granted IN (0, 1)),
  at         INTEGER NOT NULL
);

CREATE TABLE opportunities (
  id                     INTEGER PRIMARY KEY,
  external_id            TEXT NOT NULL UNIQUE,
  organization_id        INTEGER NOT NULL REFERENCES organizations(id),
  kind                   TEXT NOT NULL CHECK (kind IN ('job', 'training', 'mentoring', 'service')),
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'closed')),
  title                  TEXT NOT NULL,
  description            TEXT NOT NULL DEFAULT '',
  occupation_uri         TEXT,
  isco_code              TEXT,
  service_type           TEXT,
  country                TEXT,
  city                   TEXT,
  latitude               REAL,
  longitude              REAL,
  employment_type        TEXT,
  min_years              REAL NOT NULL DEFAULT 0,
  requires_right_to_work INTEGER NOT NULL DEFAULT 0 CHECK (requires_right_to_work IN (0, 1)),
  requires_recognition   INTEGER NOT NULL DEFAULT 0 CHECK (requires_recognition IN (0, 1)),
  capacity               INTEGER,
  url                    TEXT,
  starts_on              TEXT,
  closes_on              TEXT,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
);

CREATE TABLE opportunity_skills (
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  skill_uri      TEXT NOT NULL,
  essential      INTEGER NOT NULL DEFAULT 1 CHECK (essential IN (0, 1)),
  PRIMARY KEY (opportunity_id, skill_uri)
);

CREATE TABLE opportunity_languages (
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  language       TEXT NOT NULL,
  min_cefr       TEXT NOT NULL CHECK (min_cefr IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native')),
  PRIMARY KEY (opportunity_id, language)
);

CREATE TABLE dialog_sessions (
  contact_id       INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  flow             TEXT,
  node             TEXT,
  node_entered_at  INTEGER,
  state            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(state)),
  status           TEXT NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'waiting', 'ended', 'expired')),
  reminder_sent_at INTEGER,
  expires_at       INTEGER,
  updated_at       INTEGER NOT NULL
);

-- Every accepted platform update, stored before the platform gets its 200.
CREATE TABLE inbox (
  id                  INTEGER PRIMARY KEY,
  channel             TEXT NOT NULL,
  platform_message_id TEXT NOT NULL,
  sender_key          TEXT NOT NULL,
  contact_id          INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  received_at         INTEGER NOT NULL,
  payload             TEXT NOT NULL CHECK (json_valid(payload)),
  status              TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'done', 'failed', 'ignored')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  processed_at        INTEGER,
  last_error          TEXT,
  UNIQUE (channel, platform_message_id)
);

-- Every message to send, kept until the platform has it.
CREATE TABLE outbox (
  id                  INTEGER PRIMARY KEY,
  contact_id          INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
  channel             TEXT NOT NULL,
  chat_id             TEXT NOT NULL,
  inbox_id            INTEGER REFERENCES inbox(id) ON DELETE SET NULL,
  payload             TEXT NOT NULL CHECK (json_valid(payload)),
  status              TEXT NOT NULL DEFAULT 'queued'
                      CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'dead')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  next_attempt_at     INTEGER NOT NULL,
  platform_message_id TEXT,
  delivery_status     TEXT CHECK (delivery_status IN ('sent', 'delivered', 'read', 'failed')),
  delivery_updated_at INTEGER,
  last_error          TEXT,
  created_at          INTEGER NOT NULL,
  sent_at             INTEGER
);

-- Append-only: the journey is history (triggers below refuse UPDATE and DELETE).
CREATE TABLE journey_events (
  id              INTEGER PRIMARY KEY,
  contact_id      INTEGER NOT NULL REFERENCES contacts(id),
  organization_id INTEGER REFERENCES organizations(id),
  opportunity_id  INTEGER REFERENCES opportunities(id),
  step            TEXT NOT NULL,
  at              INTEGER NOT NULL,
  detail          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE TRIGGER journey_events_append_only_update BEFORE UPDATE ON journey_events
BEGIN SELECT RAISE(ABORT, 'journey_events is append-only'); END;
CREATE TRIGGER journey_events_append_only_delete BEFORE DELETE ON journey_events
BEGIN SELECT RAISE(ABORT, 'journey_events is append-only'); END;

CREATE TABLE handoffs (
  id               INTEGER PRIMARY KEY,
  contact_id       INTEGER NOT NULL REFERENCES contacts(id),
  organization_id  INTEGER REFERENCES organizations(id),
  caseworker_id    INTEGER REFERENCES contacts(id),
  reason           TEXT NOT NULL,
  summary          TEXT,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'closed')),
  opened_at        INTEGER NOT NULL,
  assigned_at      INTEGER,
  closed_at        INTEGER,
  last_reminder_at INTEGER
);
-- At most one handoff per person that is not closed.
CREATE UNIQUE INDEX handoffs_one_open ON handoffs(contact_id) WHERE status <> 'closed';

-- One row per opportunity a person was told about: never twice.
CREATE TABLE alerts_sent (
  contact_id     INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  outbox_id      INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
  score          REAL,
  sent_at        INTEGER NOT NULL,
  PRIMARY KEY (contact_id, opportunity_id)
);

-- Only the SHA-256 of a token is stored; the token is shown once when made.
CREATE TABLE api_tokens (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER REFERENCES organizations(id),
  name            TEXT NOT NULL,
  token_sha256    TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  scopes          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scopes)),
  created_at      INTEGER NOT NULL,
  last_used_at    INTEGER,
  revoked_at      INTEGER
);

-- Append-only record of who changed what.
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT,
  detail  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
