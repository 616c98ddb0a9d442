package com.consultaion.adapter.rest.security;

import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived access tokens: HS256 JWTs (Nimbus JOSE) naming the user ({@code sub}) and the session
 * ({@code sid}). Verification accepts HS256 only (so {@code alg: none} and algorithm confusion fail), checks the
 * signature, the type, the issuer and the expiry.
 */
public final class AccessTokens {

    public static final Duration TTL = Duration.ofMinutes(15);
    static final String ISSUER = "consultaion";
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public AccessTokens(byte[] secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT secret must have at least 32 bytes", e);
        }
        this.clock = clock;
    }

    /** The verified contents of an access token. */
    public record Claims(UserId userId, UUID sessionId, Instant expiresAt) {}

    public String issue(User user, UUID sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.id().toString())
                .claim("sid", sessionId.toString())
                .claim("role", user.role().wireName())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !TYPE.equals(jwt.getHeader().getType())
                    || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Date notBefore = claims.getNotBeforeTime();
            if (!ISSUER.equals(claims.getIssuer())
                    || expiry == null
                    || !expiry.toInstant().isAfter(clock.instant())
                    || (notBefore != null && notBefore.toInstant().isAfter(clock.instant()))) {
                return Optional.empty();
            }
            return Optional.of(new Claims(
                    new UserId(UUID.fromString(claims.getSubject())),
                    UUID.fromString(claims.getStringClaim("sid")),
                    expiry.toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
