package com.consultaion.domain.team;

/** A user's place in a team. */
public record Membership(Team team, TeamRole role) {}
