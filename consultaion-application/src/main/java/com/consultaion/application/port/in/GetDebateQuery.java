package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import java.util.Optional;

/** Query: one debate, if it exists and the requester may see it (otherwise empty: "not found"). */
public interface GetDebateQuery {

    Optional<Debate> get(DebateId id, Requester requester);
}
