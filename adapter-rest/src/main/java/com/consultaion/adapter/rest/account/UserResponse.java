package com.consultaion.adapter.rest.account;

import com.consultaion.domain.account.User;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** A user as the API shows it: never the password hash. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserResponse(
        String id,
        String email,
        String role,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("avatar_url") String avatarUrl,
        String bio,
        String timezone,
        @JsonProperty("email_summaries_enabled") boolean emailSummariesEnabled,
        @JsonProperty("analytics_opt_out") boolean analyticsOptOut,
        @JsonProperty("is_admin") boolean isAdmin,
        @JsonProperty("is_active") boolean isActive,
        @JsonProperty("created_at") String createdAt) {

    public static UserResponse of(User u) {
        return new UserResponse(
                u.id().toString(),
                u.email().value(),
                u.role().wireName(),
                u.profile().displayName(),
                u.profile().avatarUrl(),
                u.profile().bio(),
                u.profile().timezone(),
                u.profile().emailSummaries(),
                u.profile().analyticsOptOut(),
                u.admin(),
                u.active(),
                u.createdAt().toString());
    }
}
