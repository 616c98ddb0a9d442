package com.consultaion.bootstrap.sse;

import static com.consultaion.bootstrap.TestHttp.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server on Linux's native transports ({@code NETTY_TRANSPORT}): it starts on the chosen one, serves the API
 * and streams a whole debate through the direct-write outlet. Skipped where the platform does not offer it.
 */
class NativeTransportTest {

    @TempDir
    Path dataDir;

    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("epoll", EpollIoHandler.class, Epoll.isAvailable()),
                Arguments.of("io_uring", IoUringIoHandler.class, IoUring.isAvailable()));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theServerRunsAndStreamsOnTheChosenTransport(
            String transport, Class<? extends IoHandler> handler, boolean available) throws Exception {
        assumeTrue(available, transport + " is not available on this platform");
        try (EmbeddedServer server = TestServers.start(Map.of(
                "consultaion.data-dir",
                dataDir.toString(),
                "consultaion.local-model.latency-ms",
                20,
                "NETTY_TRANSPORT",
                transport))) {
            assertThat(server.getApplicationContext().getBeansOfType(EventLoopGroup.class))
                    .as("the server's event loops")
                    .isNotEmpty()
                    .allSatisfy(loops -> assertThat(((IoEventLoopGroup) loops).isIoType(handler))
                            .as(loops + " on " + transport)
                            .isTrue());

            TestHttp http = new TestHttp(server.getURI());
            String credentials = "{\"email\":\"native@example.com\",\"password\":\"correct-Horse-7\"}";
            assertThat(http.post("/auth/register", credentials).statusCode()).isEqualTo(201);
            String token = field(http.post("/auth/login", credentials).body(), "access_token");
            String id = field(
                    http.post(
                                    "/debates",
                                    "{\"prompt\": \"Does the transport change what a client sees?\"}",
                                    "Authorization",
                                    "Bearer " + token)
                            .body(),
                    "id");

            SseClient.Result stream = SseClient.read(
                    server.getURI().resolve("/debates/" + id + "/stream"),
                    Duration.ofSeconds(60),
                    1000,
                    "Authorization",
                    "Bearer " + token);

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.frames()).anySatisfy(f -> assertThat(f.event()).isEqualTo("debate_created"));
            assertThat(stream.frames()).anySatisfy(f -> assertThat(f.event()).isEqualTo("final"));
            assertThat(http.get("/debates/" + id, "Authorization", "Bearer " + token)
                            .body())
                    .contains("\"status\":\"completed\"");
        }
    }
}
