package com.consultaion.adapter.rest.mcp;

import com.consultaion.domain.debate.UserId;
import io.micronaut.context.annotation.Value;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The MCP sessions of this node, each bound to the account that opened it: the Streamable HTTP transport's
 * provider side, which the SDK's server drives ({@link McpController} is its HTTP side). A session is found only by
 * its id together with its owner, so another account's request with a leaked session id finds nothing. Sessions
 * live in memory: after a restart (or on another node) a client initializes again and reads a debate it started by
 * its id ({@code get_debate}), since debates live in the database.
 *
 * <p>Most clients never send {@code DELETE}, so sessions end by themselves: one unused for the idle timeout (no
 * request began in it and it has no listening stream) is ended, and an account that opens more than its share
 * loses its least recently used one. Its client's next request then answers 404 and the client initializes again,
 * as the specification has it.
 */
@Singleton
final class McpSessions implements McpStreamableServerTransportProvider {

    /** At most this many sessions at once on a node; initializing one more is refused until one ends. */
    static final int MAX_SESSIONS = 10_000;

    private static final class Owned {
        final McpStreamableServerSession session;
        final UserId owner;
        volatile long used;

        Owned(McpStreamableServerSession session, UserId owner, long used) {
            this.session = session;
            this.owner = owner;
            this.used = used;
        }
    }

    private final Map<String, Owned> sessions = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final int perAccount;
    private final LongSupplier nanos;
    private volatile McpStreamableServerSession.Factory factory;
    private volatile boolean closing;

    @Inject
    McpSessions(
            @Value("${consultaion.mcp.idle-timeout:2h}") Duration idle,
            @Value("${consultaion.mcp.sessions-per-account:100}") int perAccount) {
        this(idle, perAccount, System::nanoTime);
    }

    McpSessions(Duration idle, int perAccount, LongSupplier nanos) {
        if (idle.isNegative() || idle.isZero() || perAccount < 1) {
            throw new IllegalArgumentException(
                    "consultaion.mcp.idle-timeout must be positive and consultaion.mcp.sessions-per-account at least 1");
        }
        this.idleNanos = idle.toNanos();
        this.perAccount = perAccount;
        this.nanos = nanos;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.factory = sessionFactory;
    }

    McpStreamableServerSession.Factory factory() {
        McpStreamableServerSession.Factory f = factory;
        if (f == null || closing) {
            throw new IllegalStateException("the MCP server is not running");
        }
        return f;
    }

    /** Whether the node holds as many sessions as it may, once the idle ones have ended. */
    boolean full() {
        endIdle();
        return sessions.size() >= MAX_SESSIONS;
    }

    /** Keeps a new session for its owner, ending the owner's least recently used one if it has too many. */
    void add(McpStreamableServerSession session, UserId owner) {
        List<Owned> mine = sessions.values().stream()
                .filter(o -> o.owner.equals(owner))
                .sorted(Comparator.comparingLong(o -> o.used))
                .toList();
        for (int i = 0; i <= mine.size() - perAccount; i++) {
            end(mine.get(i));
        }
        sessions.put(session.getId(), new Owned(session, owner, nanos.getAsLong()));
    }

    /** The owner's session of that id, marked as used now. */
    Optional<McpStreamableServerSession> find(String id, UserId owner) {
        Owned owned = sessions.get(id);
        if (owned == null || !owned.owner.equals(owner)) {
            return Optional.empty();
        }
        owned.used = nanos.getAsLong();
        return Optional.of(owned.session);
    }

    void remove(String id) {
        sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    private void endIdle() {
        long now = nanos.getAsLong();
        for (Owned o : sessions.values()) {
            if (now - o.used > idleNanos && !o.session.hasListeningStream()) {
                end(o);
            }
        }
    }

    private void end(Owned o) {
        if (sessions.remove(o.session.getId(), o)) {
            o.session.delete().onErrorResume(e -> Mono.empty()).subscribe();
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Flux.fromIterable(sessions.values())
                .flatMap(o -> o.session.sendNotification(method, params).onErrorResume(e -> Mono.empty()))
                .then();
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        Owned owned = sessions.get(sessionId);
        return owned == null ? Mono.empty() : owned.session.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        closing = true;
        return Flux.fromIterable(sessions.values())
                .flatMap(o -> o.session.closeGracefully().onErrorResume(e -> Mono.empty()))
                .then(Mono.fromRunnable(sessions::clear));
    }
}
