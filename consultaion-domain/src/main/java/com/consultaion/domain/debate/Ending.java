package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import java.util.Objects;

/**
 * How a debate ends: the one representation of an ending, decided by a run and applied with {@link Debate#end};
 * the stored status, reason and detail are its persistence form.
 */
public sealed interface Ending {

    /** The status a debate with this ending has. */
    DebateStatus status();

    /** Finished as configured, with the answer. */
    record Completed(String content) implements Ending {
        public Completed {
            Objects.requireNonNull(content, "content");
        }

        @Override
        public DebateStatus status() {
            return DebateStatus.COMPLETED;
        }
    }

    /** Finished, but not as configured: {@code reason} says why (budget_exhausted, synthesis_failed …). */
    record CompletedWithWarnings(
            @Nullable String content,
            String reason,
            @Nullable String detail) implements Ending {
        public CompletedWithWarnings {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public DebateStatus status() {
            return DebateStatus.COMPLETED_WITH_WARNINGS;
        }
    }

    /** Stopped with no answer; a retry resumes at the first uncommitted stage. */
    record Failed(String reason, @Nullable String detail) implements Ending {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public DebateStatus status() {
            return DebateStatus.FAILED;
        }
    }

    /** Stopped on request. */
    record Cancelled() implements Ending {
        @Override
        public DebateStatus status() {
            return DebateStatus.CANCELLED;
        }
    }
}
