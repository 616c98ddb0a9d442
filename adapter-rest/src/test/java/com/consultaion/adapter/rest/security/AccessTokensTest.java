package com.consultaion.adapter.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final User USER = new User(
            new UserId(UUID.randomUUID()),
            new Email("a@example.com"),
            "x",
            Role.USER,
            User.Profile.EMPTY,
            true,
            T,
            null);

    private static AccessTokens at(Instant now) {
        return new AccessTokens(SECRET, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenIsValidForFifteenMinutesAndNotASecondMore() {
        UUID session = UUID.randomUUID();
        String token = at(T).issue(USER, session);

        assertThat(at(T.plusSeconds(14 * 60 + 59)).verify(token)).hasValueSatisfying(c -> {
            assertThat(c.userId()).isEqualTo(USER.id());
            assertThat(c.sessionId()).isEqualTo(session);
        });
        assertThat(at(T.plusSeconds(15 * 60)).verify(token)).isEmpty();
        assertThat(at(T.plusSeconds(3600)).verify(token)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRejected() {
        String token = new AccessTokens("another-secret-of-32-bytes-0123456".getBytes(), Clock.fixed(T, ZoneOffset.UTC))
                .issue(USER, UUID.randomUUID());

        assertThat(at(T).verify(token)).isEmpty();
    }

    /** A token forged with the right key (a leaked one, or a future-dated issue) is not valid before its nbf. */
    @Test
    void aTokenIsNotValidBeforeItsNotBeforeTime() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(AccessTokens.ISSUER)
                .subject(USER.id().toString())
                .claim("sid", UUID.randomUUID().toString())
                .expirationTime(Date.from(T.plusSeconds(3600)))
                .notBeforeTime(Date.from(T.plusSeconds(600)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(AccessTokens.TYPE)
                        .build(),
                claims);
        jwt.sign(new MACSigner(SECRET));
        String token = jwt.serialize();

        assertThat(at(T).verify(token)).isEmpty();
        assertThat(at(T.plusSeconds(599)).verify(token)).isEmpty();
        assertThat(at(T.plusSeconds(600)).verify(token)).isPresent();
    }
}
