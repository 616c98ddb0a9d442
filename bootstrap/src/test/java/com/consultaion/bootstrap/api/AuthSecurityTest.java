package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Attacks on authentication through real HTTP: forged, expired and revoked tokens, refresh reuse, CSRF. */
class AuthSecurityTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Test
    void protectedRoutesNeedCredentialsAndPublicOnesDoNot() {
        assertThat(http.get("/debates").statusCode()).isEqualTo(401);
        assertThat(http.get("/debates").body()).contains("\"code\":\"auth.required\"");
        assertThat(http.get("/me").statusCode()).isEqualTo(401);
        assertThat(http.get("/keys").statusCode()).isEqualTo(401);
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(http.get("/config/default").statusCode()).isEqualTo(200);
        assertThat(http.get("/no/such/route").statusCode()).isEqualTo(401); // deny by default, unknown routes too
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
        TestService.User alice = service.newUser();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer("consultaion")
                        .subject(alice.id())
                        .claim("sid", UUID.randomUUID().toString())
                        .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .build());
        forged.sign(new MACSigner(new byte[32]));

        HttpResponse<String> response = http.get("/me", bearer(forged.serialize()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("auth.invalid_token");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRejected() {
        TestService.User alice = service.newUser();
        String realSid = claim(alice.accessToken(), "sid");
        PlainJWT none = new PlainJWT(new JWTClaimsSet.Builder()
                .issuer("consultaion")
                .subject(alice.id())
                .claim("sid", realSid)
                .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .build());

        assertThat(http.get("/me", bearer(none.serialize())).statusCode()).isEqualTo(401);
        // and the real token's payload re-attached to an alg:none header
        String[] parts = alice.accessToken().split("\\.");
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes());
        assertThat(http.get("/me", bearer(header + "." + parts[1] + ".")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void garbageAndTamperedTokensAreRejected() {
        TestService.User alice = service.newUser();
        String[] parts = alice.accessToken().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xx." + parts[2];

        assertThat(http.get("/me", bearer(tampered)).statusCode()).isEqualTo(401);
        assertThat(http.get("/me", bearer("not.a.jwt")).statusCode()).isEqualTo(401);
        assertThat(http.get("/me", bearer("x".repeat(5000))).statusCode()).isEqualTo(401);
        assertThat(http.get("/me", bearer(alice.accessToken())).statusCode()).isEqualTo(200);
    }

    @Test
    void afterLogoutTheSessionsTokensAreDead() {
        TestService.User alice = service.newUser();

        assertThat(http.post("/auth/logout", "", alice.bearer()).statusCode()).isEqualTo(200);

        assertThat(http.get("/me", alice.bearer()).statusCode()).isEqualTo(401);
        assertThat(http.post("/auth/refresh", "{\"refresh_token\":\"" + alice.refreshToken() + "\"}")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeSession() {
        TestService.User alice = service.newUser();
        HttpResponse<String> first = http.post("/auth/refresh", "{\"refresh_token\":\"" + alice.refreshToken() + "\"}");
        assertThat(first.statusCode()).isEqualTo(200);
        String newAccess = TestService.field(first.body(), "access_token");
        String newRefresh = TestService.field(first.body(), "refresh_token");
        assertThat(newRefresh).isNotEqualTo(alice.refreshToken());

        HttpResponse<String> replay =
                http.post("/auth/refresh", "{\"refresh_token\":\"" + alice.refreshToken() + "\"}");

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("auth.refresh_reused");
        assertThat(http.post("/auth/refresh", "{\"refresh_token\":\"" + newRefresh + "\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.get("/me", bearer(newAccess)).statusCode()).isEqualTo(401);
    }

    @Test
    void aDeletedUsersTokensStopWorking() {
        TestService.User alice = service.newUser();

        assertThat(http.post("/me/delete-account", "", alice.bearer()).statusCode())
                .isEqualTo(200);

        assertThat(http.get("/me", alice.bearer()).statusCode()).isEqualTo(401);
        assertThat(http.post("/auth/login", TestService.json("email", alice.email(), "password", TestService.PASSWORD))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void cookieAuthenticatedUnsafeRequestsNeedTheCsrfHeader() {
        String email = "cookie-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered =
                http.post("/auth/register", TestService.json("email", email, "password", TestService.PASSWORD));
        String access = cookie(registered, "consultaion_token");
        String csrf = cookie(registered, "csrf_token");
        assertThat(registered.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("consultaion_token=")
                        .containsIgnoringCase("HttpOnly")
                        .contains("SameSite=Lax"));
        String cookies = "consultaion_token=" + access + "; csrf_token=" + csrf;
        String body = "{\"prompt\": \"Is it worth learning Rust in 2027?\"}";

        HttpResponse<String> withoutHeader = http.post("/debates", body, "Cookie", cookies);
        HttpResponse<String> wrongHeader = http.post("/debates", body, "Cookie", cookies, "X-CSRF-Token", "guess");
        HttpResponse<String> withHeader = http.post("/debates", body, "Cookie", cookies, "X-CSRF-Token", csrf);

        assertThat(withoutHeader.statusCode()).isEqualTo(403);
        assertThat(withoutHeader.body()).contains("auth.csrf_failed");
        assertThat(wrongHeader.statusCode()).isEqualTo(403);
        assertThat(withHeader.statusCode()).isEqualTo(201);
        assertThat(http.get("/me", "Cookie", cookies).statusCode()).isEqualTo(200); // safe methods need no header
    }

    @Test
    void apiKeysWorkInBothHeadersUntilRevokedAndTheSecretIsShownOnce() {
        TestService.User alice = service.newUser();
        HttpResponse<String> created = http.post("/keys", "{\"name\": \"ci\"}", alice.bearer());
        assertThat(created.statusCode()).isEqualTo(201);
        String key = TestService.field(created.body(), "key");
        String id = TestService.field(created.body(), "id");
        assertThat(key).matches("pk_[A-Za-z0-9_-]{43}");

        assertThat(http.get("/me", "X-API-Key", key).statusCode()).isEqualTo(200);
        assertThat(http.get("/me", bearer(key)).statusCode()).isEqualTo(200);
        assertThat(http.post("/debates", "{\"prompt\": \"What should our API rate limits be?\"}", "X-API-Key", key)
                        .statusCode())
                .isEqualTo(201); // no CSRF for API keys
        assertThat(http.get("/keys", alice.bearer()).body()).doesNotContain(key).contains(id);
        char last = key.charAt(key.length() - 1);
        String tampered = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A'); // never the key itself
        assertThat(http.get("/me", "X-API-Key", tampered).statusCode()).isEqualTo(401);

        TestService.User bob = service.newUser();
        assertThat(http.send(http.request("/keys/" + id, bob.bearer()).DELETE().build())
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.send(http.request("/keys/" + id, alice.bearer())
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(204);
        assertThat(http.get("/me", "X-API-Key", key).statusCode()).isEqualTo(401);
    }

    @Test
    void anApiKeyOpensTheLiveStreamToo() throws Exception {
        TestService.User alice = service.newUser();
        String key = TestService.field(
                http.post("/keys", "{\"name\": \"sse\"}", alice.bearer()).body(), "key");
        String id = TestService.field(
                http.post("/debates", "{\"prompt\": \"Does the stream take API keys?\"}", "X-API-Key", key)
                        .body(),
                "id");

        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
                .send(
                        http.request("/debates/" + id + "/stream", "X-API-Key", key)
                                .GET()
                                .build(),
                        BodyHandlers.ofLines());

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()
                        .filter(l -> l.startsWith("data: "))
                        .map(l -> TestHttp.field(l.substring(6), "type"))
                        .toList())
                .contains("debate_created")
                .last()
                .isEqualTo("final");
    }

    @Test
    void anExpiredKeyIsRejected() {
        TestService.User alice = service.newUser();
        HttpResponse<String> past =
                http.post("/keys", "{\"name\": \"old\", \"expires_at\": \"2020-01-01T00:00:00Z\"}", alice.bearer());
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(past.body()).contains("expires_at");
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    private static String claim(String jwt, String name) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
