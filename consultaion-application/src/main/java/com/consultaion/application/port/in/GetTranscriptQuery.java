package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.util.List;
import java.util.Optional;

/** Query: everything said and judged in a debate the requester may see. */
public interface GetTranscriptQuery {

    Optional<Transcript> transcript(DebateId id, Requester requester);

    /** The debate with its contributions, verdicts and ranking (absent until judged). */
    record Transcript(
            Debate debate, List<Contribution> contributions, List<Verdict> verdicts, Optional<RankingResult> ranking) {}
}
