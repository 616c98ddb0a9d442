package com.consultaion.domain.plan;

/** Tokens and cost one model's settled calls came to over a period. */
public record ModelUsage(String model, long tokens, double costUsd) {}
