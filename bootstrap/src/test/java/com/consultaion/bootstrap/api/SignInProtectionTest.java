package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lock-out, and sign-in timing that does not reveal which addresses have accounts. */
class SignInProtectionTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void fiveFailuresLockTheAddressKnownOrNot() {
        TestService.User alice = service.newUser();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        for (String email : List.of(alice.email(), unknown)) {
            for (int i = 0; i < 5; i++) {
                assertThat(http.post("/auth/login", TestService.json("email", email, "password", "Wrong-password-1"))
                                .statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> locked = http.post(
                    "/auth/login",
                    TestService.json("email", email, "password", email.equals(unknown) ? "x" : TestService.PASSWORD));
            assertThat(locked.statusCode()).as(email).isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(800L, 900L));
            assertThat(locked.body()).contains("\"code\":\"auth.locked\"").contains("\"retryable\":true");
        }
    }

    @Test
    void unknownAndKnownAddressesTakeTheSameTimeToRefuse() {
        TestService.User alice = service.newUser();
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        // Interleaved, 4 tries per address so that no address reaches the lock-out; many addresses.
        for (int round = 0; round < 8; round++) {
            TestService.User fresh = service.newUser();
            for (int i = 0; i < 4; i++) {
                known.add(time(fresh.email()));
                unknown.add(time("ghost-" + UUID.randomUUID() + "@example.com"));
            }
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        double ratio = (double) unknownMedian / knownMedian;
        // Without the dummy hash an unknown address is refused in a small fraction of the time: the ratio would be
        // far below 0.5. With it, both medians are the same PBKDF2 cost plus noise.
        assertThat(ratio)
                .as("unknown/known median = %d/%d µs", unknownMedian, knownMedian)
                .isBetween(0.67, 1.5);
        assertThat(alice).isNotNull();
    }

    private long time(String email) {
        long start = System.nanoTime();
        int status = http.post("/auth/login", TestService.json("email", email, "password", "Wrong-password-1"))
                .statusCode();
        long micros = (System.nanoTime() - start) / 1_000;
        assertThat(status).isEqualTo(401);
        return micros;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
