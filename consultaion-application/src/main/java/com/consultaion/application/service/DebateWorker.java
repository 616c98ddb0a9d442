package com.consultaion.application.service;

import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.LogContext;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.port.out.WorkSignals;
import com.consultaion.application.service.pipeline.RunControl;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * This node's debate worker. It claims work through {@link WorkLeases} (queued debates, and running ones whose
 * worker died), runs each on a virtual thread with at most {@code maxConcurrent} at once, renews the leases of
 * what it runs, and watches for cancel requests. Any number of nodes may run a worker on the same database.
 */
public final class DebateWorker implements WorkSignals, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DebateWorker.class.getName());
    /** Most debates one claim takes: enough to drain a burst quickly, few enough to share work with other nodes. */
    private static final int CLAIM_BATCH = 16;

    /**
     * How the worker paces itself. {@code predecessors}: the names earlier processes of this node gave their leases
     * start with, and which of those processes are gone (crashed, killed); on start the worker ends their leases
     * and resumes their debates at once instead of after the lease TTL. Null: no such node identity.
     */
    public record Settings(
            String owner,
            int maxConcurrent,
            Duration leaseTtl,
            Duration heartbeat,
            Duration poll,
            @Nullable Predecessors predecessors) {
        public Settings {
            Objects.requireNonNull(owner, "owner");
            if (maxConcurrent < 1 || leaseTtl.compareTo(heartbeat.multipliedBy(2)) < 0 || poll.isNegative()) {
                throw new IllegalArgumentException("maxConcurrent >= 1 and a lease lasting two heartbeats at least");
            }
        }

        public Settings(String owner, int maxConcurrent, Duration leaseTtl, Duration heartbeat, Duration poll) {
            this(owner, maxConcurrent, leaseTtl, heartbeat, poll, null);
        }

        public static Settings defaults(String owner) {
            return new Settings(owner, 2000, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1));
        }
    }

    /** Earlier processes of this node: their lease owners start with {@code prefix}; {@code gone} tells the dead. */
    public record Predecessors(String prefix, Predicate<String> gone) {}

    private record Active(WorkLeases.Lease lease, RunControl control) {}

    private final WorkLeases leases;
    private final DebateRepository debates;
    private final DebateRunner runner;
    private final LogContext logContext;
    private final Clock clock;
    private final Settings settings;
    private final Semaphore slots;
    private final Semaphore wakeUp = new Semaphore(0);
    /**
     * Slots the claim under way took for its batch and may still give to a start (guarded by {@code this}): a
     * debate started on this node during a claim takes one of them for its hand-off, and the claim then runs that
     * many fewer of what it found.
     */
    private int heldForClaim;

    private final Map<DebateId, Active> active = new ConcurrentHashMap<>();
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private @Nullable Thread claimLoop;
    private @Nullable Thread heartbeatLoop;

    public DebateWorker(
            WorkLeases leases, DebateRepository debates, DebateRunner runner, Clock clock, Settings settings) {
        this(leases, debates, runner, clock, settings, LogContext.NONE);
    }

    public DebateWorker(
            WorkLeases leases,
            DebateRepository debates,
            DebateRunner runner,
            Clock clock,
            Settings settings,
            LogContext logContext) {
        this.logContext = logContext;
        this.leases = leases;
        this.debates = debates;
        this.runner = runner;
        this.clock = clock;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxConcurrent());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        claimLoop = Thread.ofVirtual().name("debate-claims").start(this::claimLoop);
        heartbeatLoop = Thread.ofVirtual().name("debate-heartbeats").start(this::heartbeatLoop);
    }

    @Override
    public void workAvailable() {
        wakeUp.release();
    }

    @Override
    public Optional<Slot> reserveSlot() {
        if (!running || !(slots.tryAcquire() || takeFromClaim())) {
            return Optional.empty();
        }
        AtomicBoolean used = new AtomicBoolean();
        return Optional.of(new Slot() {
            @Override
            public String owner() {
                return settings.owner();
            }

            @Override
            public Duration leaseTtl() {
                return settings.leaseTtl();
            }

            @Override
            public void run(WorkLeases.Lease lease, Debate created, @Nullable String traceParent) {
                if (used.compareAndSet(false, true)) {
                    launch(lease, new DebateRunner.Start(created, traceParent));
                }
            }

            @Override
            public void giveBack() {
                if (used.compareAndSet(false, true)) {
                    slots.release();
                }
            }
        });
    }

    @Override
    public void cancelRequested(DebateId id) {
        Active run = active.get(id);
        if (run != null) {
            run.control().cancel();
        }
    }

    /** Debates this node is running now. */
    public int activeCount() {
        return active.size();
    }

    /** A slot from the claim under way, if it holds any; see {@link #heldForClaim}. */
    private synchronized boolean takeFromClaim() {
        if (slots.tryAcquire()) {
            return true; // the claim gave back what it did not need meanwhile
        }
        if (heldForClaim == 0) {
            return false;
        }
        heldForClaim--;
        return true;
    }

    /** The batch a claim may take: every slot free now, up to the batch size (none when starts took them). */
    private synchronized int holdForClaim() {
        heldForClaim = 0;
        while (heldForClaim < CLAIM_BATCH && slots.tryAcquire()) {
            heldForClaim++;
        }
        return heldForClaim;
    }

    /**
     * Ends the claim's hold: of {@code found} debates, how many this worker runs. Slots it held and found no debate
     * for are freed; when starts took some of its slots meanwhile and it found more debates than it has slots
     * left, the rest are handed back to the queue by the caller.
     */
    private synchronized int settleClaim(int found) {
        int kept = heldForClaim;
        heldForClaim = 0;
        int run = Math.min(kept, found);
        slots.release(kept - run);
        return run;
    }

    /** Ends the leases of this node's earlier processes that are gone, so the claims below take their debates now. */
    private void resumePredecessors() {
        Predecessors p = settings.predecessors();
        if (p == null) {
            return;
        }
        try {
            for (String holder : leases.holders(p.prefix(), clock.instant())) {
                if (!holder.equals(settings.owner()) && p.gone().test(holder)) {
                    int n = leases.expireHeldBy(holder, clock.instant());
                    LOG.log(Level.INFO, "resuming {0} debate(s) of {1}, an earlier process of this node", n, holder);
                }
            }
        } catch (RuntimeException e) {
            // their leases expire by themselves; the debates are then claimed as usual
            LOG.log(Level.WARNING, "could not look for an earlier process''s debates: {0}", e.toString());
        }
    }

    private void claimLoop() {
        resumePredecessors();
        while (running) {
            try {
                if (!slots.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                // That only waited for room. The slots are taken under the lock, where a start can always find one:
                // every free one up to a batch, so a burst of new debates is claimed in a few transactions rather
                // than one each. A debate started on this node while the claim runs takes one of them for its
                // hand-off (WorkSignals.reserveSlot), so starting never waits for a claim.
                slots.release();
                int batch = holdForClaim();
                if (batch == 0) {
                    continue; // starts took the room
                }
                // Drain before claiming: a nudge that arrives during the claim is then kept, not lost.
                wakeUp.drainPermits();
                List<WorkLeases.Lease> claimed;
                try {
                    claimed = leases.claim(settings.owner(), settings.leaseTtl(), clock.instant(), batch);
                } catch (RuntimeException e) {
                    settleClaim(0);
                    LOG.log(Level.WARNING, "claiming work failed: {0}", e.toString());
                    pause(settings.poll());
                    continue;
                }
                int run = settleClaim(claimed.size());
                if (claimed.isEmpty()) {
                    wakeUp.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                claimed.subList(0, run).forEach(lease -> launch(lease, null));
                for (WorkLeases.Lease lease : claimed.subList(run, claimed.size())) {
                    // Starts on this node took these slots during the claim: another claim (ours or another
                    // node's) runs this debate.
                    handBack(lease);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handBack(WorkLeases.Lease lease) {
        try {
            leases.release(lease);
        } catch (RuntimeException e) {
            // Its lease expires instead, and the debate is claimed then.
            LOG.log(Level.WARNING, "handing back debate {0} failed: {1}", lease.debateId(), e.toString());
        }
    }

    /** Runs a claimed debate on its own virtual thread; {@code start} when this node just created it. */
    private void launch(WorkLeases.Lease lease, @Nullable DebateRunner.Start start) {
        RunControl control = new RunControl(clock, Instant.MAX, lease.debateId());
        active.put(lease.debateId(), new Active(lease, control));
        try {
            runs.execute(() -> {
                // Every line logged while this debate runs on this thread names it.
                try (LogContext.Scope ignored =
                        logContext.put("debate_id", lease.debateId().toString())) {
                    runner.run(lease, control, start);
                } catch (RuntimeException e) {
                    // The lease is left to expire: another worker (or this one) retries from the last checkpoint.
                    LOG.log(Level.ERROR, "debate " + lease.debateId() + " stopped on an unexpected error", e);
                } finally {
                    active.remove(lease.debateId());
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // Shutting down between the claim and the launch: hand the debate straight back.
            active.remove(lease.debateId());
            slots.release();
            leases.release(lease);
        }
    }

    private void heartbeatLoop() {
        while (running) {
            pause(settings.heartbeat());
            for (Active run : active.values()) {
                try {
                    if (!leases.renew(run.lease(), settings.leaseTtl(), clock.instant())) {
                        LOG.log(
                                Level.WARNING,
                                "lost the lease on debate {0}; stopping it here",
                                run.lease().debateId());
                        run.control().abandon();
                        continue;
                    }
                    if (debates.cancelRequested(run.lease().debateId())) {
                        run.control().cancel();
                    }
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "heartbeat for debate {0} failed: {1}",
                            run.lease().debateId(),
                            e.toString());
                }
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops claiming and abandons what runs here: nothing more is written, in-flight calls are cancelled and
     * the leases are handed back, so another node resumes those debates at their last checkpoint at once.
     */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        if (claimLoop != null) {
            claimLoop.interrupt();
        }
        if (heartbeatLoop != null) {
            heartbeatLoop.interrupt();
        }
        active.values().forEach(run -> run.control().abandon());
        runs.shutdown();
        try {
            if (!runs.awaitTermination(10, TimeUnit.SECONDS)) {
                runs.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
