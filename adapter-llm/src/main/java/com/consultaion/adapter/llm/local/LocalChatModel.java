package com.consultaion.adapter.llm.local;

import com.consultaion.application.port.out.ChatMessage;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.application.port.out.TokenSink;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The offline local model: deterministic text that reacts to the prompt and the speaker's role, revisions that
 * differ from drafts, judge replies in valid JSON whose scores depend on the candidate's text, and a synthesis.
 * It needs no network and no key, answers with provider {@code local} (so it is never mistaken for a real
 * model), and can simulate latency and a failure rate for tests and benchmarks. Its usage is an estimate and
 * costs nothing.
 */
public final class LocalChatModel implements ChatModel {

    public static final String PROVIDER = "local";

    /**
     * Simulated behaviour: a fixed latency per call and a share of calls that fail. Which calls fail is decided per
     * call (its model, task, persona and question) and by {@code failureSeed}, each independently of the others: the
     * same seed fails the same calls on every run, another seed other ones.
     */
    public record Settings(Duration latency, double failureRate, long failureSeed) {
        public static final Settings INSTANT = new Settings(Duration.ZERO, 0);

        public Settings {
            if (latency.isNegative() || !(failureRate >= 0 && failureRate <= 1)) {
                throw new IllegalArgumentException("latency >= 0, failure rate 0-1");
            }
        }

        public Settings(Duration latency, double failureRate) {
            this(latency, failureRate, 0);
        }
    }

    private static final Pattern NUMBERED_STEP = Pattern.compile("\\b\\d\\.");

    private final Settings settings;

    public LocalChatModel(Settings settings) {
        this.settings = settings;
    }

    public LocalChatModel() {
        this(Settings.INSTANT);
    }

    /** The local model answers to any model id starting with "local". */
    public static boolean serves(String model) {
        return model.equals("local") || model.startsWith("local-") || model.startsWith("local:");
    }

    @Override
    public ModelInfo describe(String model) {
        return new ModelInfo(model, PROVIDER, 0, 0);
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request) {
        return complete(request, TokenSink.NONE);
    }

    /**
     * With a simulated latency, the answer streams: its text in up to {@value #MAX_PIECES} pieces of a few words,
     * spread evenly over the latency, the answer itself when the latency is over. Without one it answers at once
     * and streams nothing (there is nothing to watch).
     */
    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request, TokenSink sink) {
        long started = System.nanoTime();
        String system = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.SYSTEM)
                .map(ChatMessage::content)
                .reduce("", (a, b) -> a + "\n" + b);
        String user = request.messages().stream()
                .filter(m -> m.role() != ChatMessage.Role.SYSTEM)
                .map(ChatMessage::content)
                .reduce("", (a, b) -> a + "\n" + b);
        if (fails(request, system, user)) {
            return CompletableFuture.failedFuture(
                    new ChatModelException(PROVIDER, request.model(), null, "simulated failure"));
        }
        String content = switch (request.task()) {
            case JUDGE -> judge(system, user);
            case CRITIQUE -> revise(system, user);
            case SYNTHESIS -> synthesise(user);
            case CHAIR, FACILITATOR, SCRIBE -> conclude(request.task(), user);
            case SEAT -> seat(system, user);
            case DELEGATE -> delegate(system, user);
            case DRAFT -> draft(system, user);
        };
        Usage usage = new Usage(BudgetPolicy.tokensOf(system + user), BudgetPolicy.tokensOf(content), 0, true);
        ChatResponse response = new ChatResponse(content, request.model(), PROVIDER, usage);
        if (settings.latency().isZero()) {
            return CompletableFuture.completedFuture(response);
        }
        // The simulated latency is the whole call's: the time spent writing the text counts towards it.
        long remaining = Math.max(0, settings.latency().toNanos() - (System.nanoTime() - started));
        CompletableFuture<ChatResponse> answer = CompletableFuture.supplyAsync(
                () -> response, CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS, Runnable::run));
        if (sink != TokenSink.NONE) {
            List<String> pieces = pieces(content);
            for (int i = 0; i < pieces.size(); i++) {
                String piece = pieces.get(i);
                // One scheduler thread runs these in time order, so the pieces arrive in order, before the answer.
                CompletableFuture.delayedExecutor(
                                remaining * (i + 1) / (pieces.size() + 1), TimeUnit.NANOSECONDS, Runnable::run)
                        .execute(() -> {
                            if (!answer.isDone()) {
                                sink.text(piece);
                            }
                        });
            }
        }
        return answer;
    }

    static final int MAX_PIECES = 32;

    /** The text cut after whitespace into at most {@link #MAX_PIECES} pieces that join back into it exactly. */
    static List<String> pieces(String content) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < content.length(); i++) {
            if (Character.isWhitespace(content.charAt(i - 1)) && !Character.isWhitespace(content.charAt(i))) {
                cuts.add(i);
            }
        }
        int words = cuts.size() + 1;
        int per = Math.max(3, (words + MAX_PIECES - 1) / MAX_PIECES);
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int w = per - 1; w < cuts.size(); w += per) {
            pieces.add(content.substring(from, cuts.get(w)));
            from = cuts.get(w);
        }
        pieces.add(content.substring(from));
        return pieces;
    }

    private boolean fails(ChatRequest request, String system, String user) {
        if (settings.failureRate() <= 0) {
            return false;
        }
        long h = TextParts.hash(
                Long.toString(settings.failureSeed()),
                request.model(),
                request.task().name(),
                system,
                user);
        return Math.floorMod(h, 1_000_000) < settings.failureRate() * 1_000_000;
    }

    // --- voices --------------------------------------------------------------------------------------------

    private static String speaker(String system) {
        int at = system.indexOf("You are ");
        if (at < 0) {
            return "Agent";
        }
        String rest = system.substring(at + 8);
        int end = rest.indexOf('.');
        return (end < 0 ? rest : rest.substring(0, end)).strip();
    }

    private enum Voice {
        ANALYST,
        SKEPTIC,
        PLANNER
    }

    private static Voice voice(String system) {
        String s = system.toLowerCase(Locale.ROOT);
        if (s.contains("advers") || s.contains("risk") || s.contains("critic") || s.contains("skeptic")) {
            return Voice.SKEPTIC;
        }
        if (s.contains("plan") || s.contains("execut") || s.contains("build") || s.contains("architect")) {
            return Voice.PLANNER;
        }
        return Voice.ANALYST;
    }

    private static String draft(String system, String user) {
        String question = TextParts.between(user, "<<<QUESTION", "QUESTION>>>").orElse(user.strip());
        List<String> keys = TextParts.keywords(question, 5);
        String topic = keys.isEmpty() ? "the question" : String.join(", ", keys);
        String lead = keys.isEmpty() ? "the matter" : keys.get(0);
        long h = TextParts.hash(speaker(system), question);
        String opener = pick(h, "Looking at", "On", "Regarding", "Considering");
        return switch (voice(system)) {
            case SKEPTIC ->
                opener + " " + topic + ", the main risk is acting on assumptions about " + lead
                        + " that nobody has tested. Before committing, name what would make this fail: cost overruns, "
                        + "hidden dependencies, and people who lose out. Mitigate by piloting small, measuring against a "
                        + "baseline, and keeping a way back. Evidence should come from comparable cases, not enthusiasm.";
            case PLANNER ->
                opener + " " + topic + ", here is a plan. 1. Define the goal for " + lead
                        + " in one measurable sentence. 2. Run a four-week pilot with a small group. 3. Review the "
                        + "numbers with the people affected. 4. Scale in stages, with an owner and a date for each step.";
            case ANALYST ->
                opener + " " + topic + ", the trade-offs matter more than the headline. The benefits "
                        + "of " + lead
                        + " depend on context, incentives and second-order effects; the evidence is mixed "
                        + "and should be weighed against the status quo. A sound answer states the conditions under which "
                        + "it holds and the signals that would change it.";
        };
    }

    private static String revise(String system, String user) {
        String own = TextParts.between(user, "<<<OWN", "OWN>>>").orElse("");
        Map<String, String> peers = TextParts.blocks(user, "<<<PEER", "PEER>>>");
        List<String> peerWords = new ArrayList<>();
        peers.values()
                .forEach(p -> TextParts.keywords(p, 3).forEach(w -> {
                    if (!peerWords.contains(w) && !own.toLowerCase(Locale.ROOT).contains(w)) {
                        peerWords.add(w);
                    }
                }));
        String borrowed = peerWords.isEmpty()
                ? "the other answers mostly agree with mine"
                : "the other answers raise " + String.join(", ", peerWords.subList(0, Math.min(3, peerWords.size())));
        String critique = switch (voice(system)) {
            case SKEPTIC -> "I still see untested assumptions, so I add explicit failure conditions.";
            case PLANNER -> "I tighten the steps and give each an owner and a measure.";
            case ANALYST -> "I weigh their points against the evidence and keep what survives.";
        };
        return "Revised after reading " + peers.size() + " peer answer(s): " + borrowed + ". " + critique + " "
                + TextParts.firstSentence(own) + " In short: decide with a small, measured trial first.";
    }

    private static String judge(String system, String user) {
        String candidate =
                TextParts.between(user, "<<<CANDIDATE", "CANDIDATE>>>").orElse("");
        String question = TextParts.between(user, "<<<QUESTION", "QUESTION>>>").orElse("");
        List<String> criteria = criteria(user);
        String judge = speaker(system);
        String lower = candidate.toLowerCase(Locale.ROOT);
        int words = candidate.isBlank() ? 0 : candidate.strip().split("\\s+").length;
        long coverage =
                TextParts.keywords(question, 6).stream().filter(lower::contains).count();
        StringBuilder json = new StringBuilder("{\"scores\": {");
        String best = null;
        double bestScore = -1;
        for (int i = 0; i < criteria.size(); i++) {
            String c = criteria.get(i);
            double base = 5.0 + Math.min(coverage, 4) * 0.5 - (words < 40 ? 1.5 : 0) - (words > 300 ? 1.0 : 0);
            base += switch (c) {
                case "risk" -> lower.contains("risk") || lower.contains("fail") ? 1.5 : -0.5;
                case "actionability" -> NUMBERED_STEP.matcher(lower).find() || lower.contains("plan") ? 1.5 : -0.5;
                case "citations" -> lower.contains("evidence") || lower.contains("source") ? 1.0 : -1.0;
                case "completeness" -> words >= 60 ? 1.0 : -0.5;
                default -> 0.5;
            };
            double jitter = (Math.floorMod(TextParts.hash(judge, c, candidate), 3001) - 1500) / 1000.0;
            double score = Math.max(0, Math.min(10, Math.round((base + jitter) * 10) / 10.0));
            json.append(i == 0 ? "" : ", ").append('"').append(c).append("\": ").append(score);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        json.append("}, \"rationale\": \"")
                .append(
                        best == null
                                ? "No criteria given."
                                : "Strongest on " + best + "; covers " + coverage + " of the question's key terms in "
                                        + words + " words.")
                .append("\"}");
        return json.toString();
    }

    private static List<String> criteria(String user) {
        for (String line : user.split("\n", -1)) {
            if (line.startsWith("Criteria:")) {
                return List.of(line.substring("Criteria:".length()).strip().split("\\s*,\\s*"));
            }
        }
        return List.of("quality");
    }

    private static String synthesise(String user) {
        String question = TextParts.between(user, "<<<QUESTION", "QUESTION>>>").orElse("");
        Map<String, String> candidates = TextParts.blocks(user, "<<<CANDIDATE", "CANDIDATE>>>");
        List<String> keys = TextParts.keywords(question, 3);
        StringBuilder sb = new StringBuilder("Summary: on ")
                .append(keys.isEmpty() ? "this question" : String.join(", ", keys))
                .append(", the strongest answers agree on a measured approach. ");
        candidates.values().stream()
                .limit(2)
                .forEach(c -> sb.append(TextParts.firstSentence(c)).append(' '));
        sb.append("\nPlan:\n1. State the goal and how success is measured.\n2. Pilot on a small scale and watch "
                + "the risks the debate raised.\n3. Review the results with those affected, then scale or stop.");
        return sb.toString();
    }

    /** A parliament seat: its draft voice for the phase, as the JSON object seats are asked for. */
    private static String seat(String system, String user) {
        String content = draft(system, user);
        String phase = user.contains("rebuttal:") ? "rebuttal" : user.contains("converge:") ? "converge" : "explore";
        Map<String, String> said = TextParts.blocks(user, "<<<STATEMENT", "STATEMENT>>>");
        if (!phase.equals("explore") && !said.isEmpty()) {
            String other = said.keySet().iterator().next();
            content = "Answering " + other.replaceAll("\\s*\\(.*", "") + ": " + content;
        }
        String stance = switch (voice(system)) {
            case SKEPTIC -> "conditional";
            case PLANNER, ANALYST -> phase.equals("converge") ? "support" : "neutral";
        };
        return "{\"content\": " + quote(content) + ", \"reasoning\": "
                + quote("Seen from my role in the " + phase + " phase.") + ", \"stance\": \"" + stance + "\"}";
    }

    /** A conversation delegate: its draft voice, picking up the last thing said when there is one. */
    private static String delegate(String system, String user) {
        Map<String, String> said = TextParts.blocks(user, "<<<STATEMENT", "STATEMENT>>>");
        String content = draft(system, user);
        if (said.isEmpty()) {
            return content;
        }
        String lastSpeaker = List.copyOf(said.keySet()).get(said.size() - 1).replaceAll("\\s*\\(.*", "");
        return "Building on " + lastSpeaker + ": "
                + TextParts.firstSentence(
                        said.values().stream().reduce((a, b) -> b).orElse(""))
                + " " + content;
    }

    /** The chair's verdict, a scribe's summary or the facilitator's synthesis, from the statements given. */
    private static String conclude(ChatTask task, String user) {
        String question = TextParts.between(user, "<<<QUESTION", "QUESTION>>>").orElse("");
        Map<String, String> said = TextParts.blocks(user, "<<<STATEMENT", "STATEMENT>>>");
        List<String> keys = TextParts.keywords(question, 3);
        String topic = keys.isEmpty() ? "this question" : String.join(", ", keys);
        StringBuilder sb = new StringBuilder(
                switch (task) {
                    case CHAIR -> "Verdict: on " + topic + ", the parliament recommends a measured approach. ";
                    case SCRIBE -> "Summary: on " + topic + ", " + said.size() + " statements this round. ";
                    default -> "Synthesis: on " + topic + ", the delegates converge on a measured approach. ";
                });
        said.values().stream()
                .limit(3)
                .forEach(c -> sb.append(TextParts.firstSentence(c)).append(' '));
        if (task != ChatTask.SCRIBE) {
            sb.append("\nNext steps:\n1. State the goal and how success is measured.\n2. Pilot on a small scale "
                    + "and watch the risks raised.\n3. Review the results with those affected, then scale or stop.");
        }
        return sb.toString().strip();
    }

    private static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String pick(long hash, String... options) {
        return options[Math.floorMod(hash, options.length)];
    }
}
