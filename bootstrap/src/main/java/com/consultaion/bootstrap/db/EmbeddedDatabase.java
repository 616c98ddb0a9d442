package com.consultaion.bootstrap.db;

import com.consultaion.bootstrap.StartupFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-configuration database: real PostgreSQL binaries (from Maven) run on a loopback port with their
 * data in a directory that survives restarts. Durability is switched back on (the library's defaults favour
 * tests), and a {@code postgres} left running by a killed JVM is stopped before the next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path dataDirectory) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDirectory} (created when missing); with {@code statementStats}
     * it also loads {@code pg_stat_statements}, whose view then counts every statement the service runs.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean statementStats) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(directory.getParent());
            // One service per data directory: a second one would corrupt the first one's database.
            channel = FileChannel.open(
                    directory.resolveSibling(directory.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                throw new StartupFailure("the embedded database directory " + directory
                        + " is in use by another running Consultaion; stop it or set CONSULTAION_DATA_DIR elsewhere");
            }
            stopOrphanedPostmaster(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    // The library runs PostgreSQL without fsync and with asynchronous commit: fine for tests,
                    // wrong for a user's data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            if (statementStats) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres postgres = builder.start();
            if (statementStats) {
                countStatements(postgres);
            }
            LOG.info("embedded PostgreSQL started on 127.0.0.1:{} with data in {}", postgres.getPort(), directory);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, channel, lock, directory);
            // A start that fails later (a production rule, a port in use) exits the JVM without closing the
            // context: PostgreSQL, a process of its own, must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
            return database;
        } catch (IOException | RuntimeException e) {
            release(lock, channel);
            if (e instanceof StartupFailure failure) {
                throw failure;
            }
            throw new StartupFailure(
                    "the embedded PostgreSQL could not start with data in " + directory + ": " + rootMessage(e)
                            + " (delete that directory to start afresh, or set DATABASE_URL)",
                    e);
        }
    }

    private final AtomicBoolean closed = new AtomicBoolean();

    public JdbcTarget target() {
        return new JdbcTarget(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // closed by the context, then called again by the shutdown hook
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            release(lock, lockChannel);
        }
    }

    /** Creates the pg_stat_statements view; a database that cannot is stopped again, so nothing is left running. */
    private static void countStatements(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("pg_stat_statements could not be created: " + e.getMessage(), e);
        }
        LOG.info("embedded PostgreSQL counts statements: see the pg_stat_statements view");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * After {@code kill -9} of the JVM, its postmaster keeps running in its own process group and holds the
     * data directory. We hold the directory lock, so no live Consultaion owns it: stop that postmaster.
     */
    private static void stopOrphanedPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive() || !looksLikePostgres(process.get())) {
            return; // a stale file: PostgreSQL itself removes it on start
        }
        LOG.warn("stopping PostgreSQL (pid {}) left running by a previous run that did not shut down", pid);
        ProcessHandle handle = process.get();
        handle.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                throw new StartupFailure("a PostgreSQL (pid " + pid + ") still holds " + directory
                        + " and did not stop; stop it by hand and start again");
            }
        }
    }

    private static boolean looksLikePostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing on the way out: nothing left to do
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
