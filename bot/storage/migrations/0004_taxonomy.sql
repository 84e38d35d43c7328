-- Version 4: the occupation and skill taxonomy (ESCO), as imported by
-- `workmatch taxonomy import` or loaded from the built-in default.

CREATE TABLE taxonomy_concepts (
  uri            TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('occupation', 'skill', 'isco_group')),
  code           TEXT,  -- ISCO-08 code: an ISCO group's own, an occupation's unit group
  skill_type     TEXT,  -- skills: 'skill/competence' or 'knowledge'
  regulated_note TEXT,  -- occupations: ESCO's note or URI on regulation
  source         TEXT NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'builtin')),
  updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX taxonomy_concepts_kind ON taxonomy_concepts(kind, code);

-- Labels per language: one preferred, any number of alternative and hidden ones.
CREATE TABLE taxonomy_labels (
  uri      TEXT NOT NULL REFERENCES taxonomy_concepts(uri) ON DELETE CASCADE,
  language TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('preferred', 'alt', 'hidden')),
  label    TEXT NOT NULL,
  PRIMARY KEY (uri, language, kind, label)
) WITHOUT ROWID;
CREATE INDEX taxonomy_labels_language ON taxonomy_labels(language, uri);

CREATE TABLE taxonomy_occupation_skills (
  occupation_uri TEXT NOT NULL,
  skill_uri      TEXT NOT NULL,
  essential      INTEGER NOT NULL CHECK (essential IN (0, 1)),
  PRIMARY KEY (occupation_uri, skill_uri)
) WITHOUT ROWID;
CREATE INDEX taxonomy_skill_occupations ON taxonomy_occupation_skills(skill_uri);

-- Where a profession is regulated: a foreign qualification needs recognition.
CREATE TABLE taxonomy_regulated (
  occupation_uri TEXT NOT NULL,
  country        TEXT NOT NULL CHECK (length(country) = 2),
  PRIMARY KEY (occupation_uri, country)
) WITHOUT ROWID;

-- Occupations in shortage per country (ISCO-08 unit groups): a fast-track boost.
CREATE TABLE taxonomy_shortages (
  country   TEXT NOT NULL CHECK (length(country) = 2),
  isco_code TEXT NOT NULL,
  PRIMARY KEY (country, isco_code)
) WITHOUT ROWID;
