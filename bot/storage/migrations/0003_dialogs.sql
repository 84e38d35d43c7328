-- Version 3: conversations run by the dialog engine (issue 5).

-- A session can now also have failed (a broken flow; the person was told and a
-- person asked to help). SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE dialog_sessions_v3 (
  contact_id       INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  flow             TEXT,
  node             TEXT,
  node_entered_at  INTEGER,
  state            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(state)),
  status           TEXT NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'waiting', 'ended', 'expired', 'failed')),
  reminder_sent_at INTEGER,
  expires_at       INTEGER,
  updated_at       INTEGER NOT NULL
);
INSERT INTO dialog_sessions_v3 SELECT * FROM dialog_sessions;
DROP TABLE dialog_sessions;
ALTER TABLE dialog_sessions_v3 RENAME TO dialog_sessions;
-- The timer finds questions waiting for a reminder or for expiry.
CREATE INDEX dialog_sessions_waiting ON dialog_sessions(node_entered_at) WHERE status = 'waiting';
-- The funnel counts people by the question they are at.
CREATE INDEX dialog_sessions_node ON dialog_sessions(flow, node, status);

-- What a conversation asked the host to do (find matches, search services,
-- request a mentor, export data, ...): a queue the later features work off.
CREATE TABLE dialog_actions (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  args       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(args)),
  status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  created_at INTEGER NOT NULL,
  done_at    INTEGER
);
CREATE INDEX dialog_actions_pending ON dialog_actions(name, id) WHERE status = 'pending';

-- Referral codes are matched without regard to case.
CREATE INDEX organizations_referral ON organizations(lower(referral_code))
  WHERE referral_code IS NOT NULL;
