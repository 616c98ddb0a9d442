package com.consultaion.application.port.in;

import com.consultaion.domain.debate.DebateId;
import java.util.Optional;

/** Port in: export a debate the requester can see (the plan must allow exports); every export is audited. */
public interface ExportDebateUseCase {

    /** What is exported; the wire name is the audit action. */
    enum Format {
        MARKDOWN("export_markdown"),
        SCORES_CSV("export_scores_csv");

        private final String action;

        Format(String action) {
            this.action = action;
        }

        public String action() {
            return action;
        }
    }

    /**
     * The transcript to render, or empty when the requester cannot see the debate.
     *
     * @throws QuotaExceeded when the requester's plan has no exports
     */
    Optional<GetTranscriptQuery.Transcript> export(
            DebateId id, Requester requester, Format format, ClientContext client);
}
