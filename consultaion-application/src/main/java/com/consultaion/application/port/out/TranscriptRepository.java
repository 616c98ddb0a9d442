package com.consultaion.application.port.out;

import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Port out: what was said and judged in a debate. Each (debate, stage, agent) contribution and each (debate,
 * judge, candidate) verdict is stored at most once: a second write of the same key is refused with {@link
 * DuplicateException}, so a resumed stage can never duplicate rows.
 */
public interface TranscriptRepository {

    void addContributions(DebateId id, List<Contribution> contributions);

    /** All contributions, by stage then agent order of insertion. */
    List<Contribution> contributions(DebateId id);

    void addVerdicts(DebateId id, List<Verdict> verdicts);

    List<Verdict> verdicts(DebateId id);

    void saveRanking(DebateId id, RankingResult ranking);

    Optional<RankingResult> ranking(DebateId id);

    /** A row with the same key already exists. */
    final class DuplicateException extends RuntimeException {
        public DuplicateException(String what) {
            super(what + " already stored");
        }
    }
}
