-- Version 5: what matching needs beyond the taxonomy.

-- Occupations: the team's sector ("health", "construction"; the built-in
-- taxonomy sets it). Without one, matching uses the ISCO sub-major group.
ALTER TABLE taxonomy_concepts ADD COLUMN sector TEXT;

-- A place in a training or a mentoring: requested when the person asked and
-- was offered it, active once it started. A capacity counts requested and
-- active places.
CREATE TABLE enrolments (
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  contact_id     INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  status         TEXT NOT NULL DEFAULT 'requested'
                 CHECK (status IN ('requested', 'active', 'ended', 'declined')),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (opportunity_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX enrolments_contact ON enrolments(contact_id, status);
