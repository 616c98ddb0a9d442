-- V3: teams, their members with a role, and debates shared with a team.

CREATE TABLE teams (
    id          UUID        PRIMARY KEY,
    name        TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE team_members (
    team_id     UUID        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id     UUID        NOT NULL REFERENCES users (id),
    role        TEXT        NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
-- Authentication loads a user's teams on every request; GET /teams lists them.
CREATE INDEX team_members_user_idx ON team_members (user_id);

ALTER TABLE debates ADD CONSTRAINT debates_team_fk FOREIGN KEY (team_id) REFERENCES teams (id);
-- GET /debates lists the debates shared with the caller's teams too.
CREATE INDEX debates_team_created_idx ON debates (team_id, created_at DESC) WHERE team_id IS NOT NULL;
