package com.consultaion.domain.team;

import com.consultaion.domain.account.Email;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;

/** A team member as listed. */
public record TeamMember(UserId userId, Email email, TeamRole role, Instant since) {}
