package com.consultaion.adapter.rest.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.debate.UserId;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sessions end by themselves: idle ones, and an account's least recently used beyond its share. */
class McpSessionsTest {

    private final AtomicLong now = new AtomicLong();
    private final McpSessions sessions = new McpSessions(Duration.ofMinutes(30), 2, now::get);
    private final UserId alice = new UserId(UUID.randomUUID());
    private final UserId bob = new UserId(UUID.randomUUID());

    private static McpStreamableServerSession session() {
        return new McpStreamableServerSession(
                UUID.randomUUID().toString(),
                McpSchema.ClientCapabilities.builder().build(),
                new McpSchema.Implementation("test", "1"),
                Duration.ofSeconds(5),
                Map.of(),
                Map.of());
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aSessionIsFoundOnlyByItsOwner() {
        McpStreamableServerSession s = session();
        sessions.add(s, alice);
        assertThat(sessions.find(s.getId(), alice)).containsSame(s);
        assertThat(sessions.find(s.getId(), bob)).isEmpty();
        assertThat(sessions.find("unknown", alice)).isEmpty();
    }

    @Test
    void anIdleSessionEndsAndAUsedOneStays() {
        McpStreamableServerSession idle = session();
        McpStreamableServerSession used = session();
        sessions.add(idle, alice);
        sessions.add(used, bob);
        advance(Duration.ofMinutes(20));
        assertThat(sessions.find(used.getId(), bob)).isPresent(); // a request began in it
        advance(Duration.ofMinutes(11));
        assertThat(sessions.full()).isFalse(); // ends the idle ones
        assertThat(sessions.find(idle.getId(), alice)).isEmpty();
        assertThat(sessions.find(used.getId(), bob)).isPresent();
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void anAccountBeyondItsShareLosesItsLeastRecentlyUsedSessionAndNobodyElses() {
        McpStreamableServerSession first = session();
        McpStreamableServerSession second = session();
        McpStreamableServerSession bobs = session();
        sessions.add(first, alice);
        advance(Duration.ofSeconds(1));
        sessions.add(second, alice);
        sessions.add(bobs, bob);
        advance(Duration.ofSeconds(1));
        sessions.find(first.getId(), alice); // now the second is the least recently used
        McpStreamableServerSession third = session();
        sessions.add(third, alice);
        assertThat(sessions.find(second.getId(), alice)).isEmpty();
        assertThat(sessions.find(first.getId(), alice)).isPresent();
        assertThat(sessions.find(third.getId(), alice)).isPresent();
        assertThat(sessions.find(bobs.getId(), bob)).isPresent();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new McpSessions(Duration.ZERO, 1, now::get))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new McpSessions(Duration.ofMinutes(1), 0, now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
