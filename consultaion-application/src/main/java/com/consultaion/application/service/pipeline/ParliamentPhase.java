package com.consultaion.application.service.pipeline;

import com.consultaion.domain.debate.Phase;

/** The three phases of a parliament, in order; each is one round of every seat speaking in parallel. */
public enum ParliamentPhase {
    EXPLORE(1, "give your strongest arguments: the opportunities and the risks as your role sees them."),
    REBUTTAL(2, "answer the other seats: where they are wrong, where they are right, what they missed."),
    CONVERGE(3, "converge: your recommendation, the risks that remain, and how success would be measured.");

    private final int round;
    private final String task;

    ParliamentPhase(int round, String task) {
        this.round = round;
        this.task = task;
    }

    public int round() {
        return round;
    }

    public String task() {
        return task;
    }

    public String wireName() {
        return phase().wireName();
    }

    /** The phase its statements are recorded under. */
    public Phase phase() {
        return Phase.valueOf(name());
    }
}
