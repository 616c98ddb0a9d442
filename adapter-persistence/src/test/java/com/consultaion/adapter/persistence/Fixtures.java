package com.consultaion.adapter.persistence;

import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.Usage;
import java.time.Instant;

/** Test data for the store contracts: whole-millisecond times, as PostgreSQL stores microseconds. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private Fixtures() {}

    public static Debate debate() {
        return debate(T0);
    }

    public static Debate debate(Instant createdAt) {
        return Debate.create(
                DebateId.random(),
                null, // owners are users (a foreign key); the account contracts create them
                new Prompt("How should a small team choose a database?"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                createdAt);
    }

    public static Contribution answer(int stage, String agent, String content) {
        return Contribution.answered(
                stage,
                stage + 1,
                stage == 0 ? Phase.DRAFT : Phase.CRITIQUE,
                agent,
                "local",
                "local",
                content,
                new Usage(12, 34, 0.0015, false),
                T0.plusSeconds(stage));
    }
}
