package com.consultaion.adapter.rest.debate;

import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.Panel.Seat;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the report, Markdown export and CSV of a debate's transcript (presentation only; no rules here). */
public final class Reports {

    private Reports() {}

    public static Map<String, Object> report(GetTranscriptQuery.Transcript t) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", t.debate().id().toString());
        r.put("prompt", t.debate().prompt().text());
        r.put("status", t.debate().status().wireName());
        r.put("final", t.debate().finalContent().orElse(null));
        r.put("scores", scores(t));
        r.put(
                "ranking",
                t.ranking()
                        .map(rk -> rk.ranking().stream().map(Reports::ranked).toList())
                        .orElse(List.of()));
        r.put("rounds", rounds(t.contributions()));
        r.put("messages_count", t.contributions().size());
        r.put("usage", usage(t));
        r.put("created_at", t.debate().createdAt().toString());
        r.put("updated_at", t.debate().updatedAt().toString());
        return r;
    }

    static List<Map<String, Object>> scores(GetTranscriptQuery.Transcript t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Verdict v : t.verdicts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("persona", v.candidate());
            m.put("judge", v.judge());
            if (v.verdict() instanceof JudgeVerdict.Parsed p) {
                m.put("score", Math.round(p.score() * 100) / 100.0);
                m.put("criteria", p.criteria());
                m.put("rationale", p.rationale());
            } else {
                m.put("score", null);
                m.put("unparseable", ((JudgeVerdict.Unparseable) v.verdict()).reason());
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> ranked(RankedCandidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("persona", c.candidate());
        m.put("rank", c.rank());
        m.put("score", c.score());
        m.put("borda", c.borda());
        m.put("condorcet", c.condorcet());
        return m;
    }

    static List<Map<String, Object>> rounds(List<Contribution> contributions) {
        Map<Integer, List<Contribution>> byRound = new TreeMap<>();
        contributions.forEach(
                c -> byRound.computeIfAbsent(c.round(), k -> new ArrayList<>()).add(c));
        List<Map<String, Object>> out = new ArrayList<>();
        byRound.forEach((round, list) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", round);
            m.put("phase", list.get(0).phase().wireName());
            m.put(
                    "messages",
                    list.stream()
                            .map(c -> {
                                Map<String, Object> msg = new LinkedHashMap<>();
                                msg.put("agent", c.agent());
                                msg.put("model", c.model());
                                msg.put("provider", c.provider());
                                msg.put("content", c.content());
                                msg.put("error", c.error());
                                msg.put("created_at", c.at().toString());
                                return msg;
                            })
                            .toList());
            out.add(m);
        });
        return out;
    }

    static Map<String, Object> usage(GetTranscriptQuery.Transcript t) {
        Usage total = Usage.NONE;
        for (Contribution c : t.contributions()) {
            total = total.plus(c.usage());
        }
        for (Verdict v : t.verdicts()) {
            total = total.plus(v.usage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_tokens", total.inputTokens());
        m.put("output_tokens", total.outputTokens());
        m.put("cost_usd", total.costUsd());
        m.put("estimated", total.estimated());
        return m;
    }

    /** A parliament's seats (id, name, role profile, model as party), or a debate's agents. */
    static List<Map<String, Object>> members(GetTranscriptQuery.Transcript t) {
        List<Map<String, Object>> out = new ArrayList<>();
        Panel panel = t.debate().config().panel();
        if (panel != null) {
            for (Seat s : panel.seats()) {
                out.add(Map.of("id", s.id(), "name", s.name(), "role", s.role().wireName(), "party", s.model()));
            }
            return out;
        }
        for (AgentSpec a : t.debate().config().agents()) {
            out.add(Map.of(
                    "id", a.name().toLowerCase(Locale.ROOT), "name", a.name(), "role", "agent", "party", a.model()));
        }
        return out;
    }

    static List<Map<String, Object>> judges(GetTranscriptQuery.Transcript t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JudgeSpec j : t.debate().config().judges()) {
            out.add(Map.of("name", j.name(), "type", "judge", "model", j.model(), "criteria", j.criteria()));
        }
        return out;
    }

    /** The Markdown export: prompt, agents, rounds, scores table, ranking, final answer, usage. */
    public static String markdown(GetTranscriptQuery.Transcript t) {
        StringBuilder md = new StringBuilder();
        md.append("# Debate ").append(t.debate().id()).append("\n\n");
        md.append("- Status: ").append(t.debate().status().wireName()).append('\n');
        md.append("- Created: ").append(t.debate().createdAt()).append("\n\n");
        md.append("## Question\n\n").append(t.debate().prompt().text()).append("\n\n");
        md.append("## Agents\n\n");
        t.debate()
                .config()
                .agents()
                .forEach(a -> md.append("- **")
                        .append(a.name())
                        .append("** (")
                        .append(a.model())
                        .append(")")
                        .append(a.persona().isBlank() ? "" : ": " + a.persona())
                        .append('\n'));
        md.append('\n');
        for (Map<String, Object> round : rounds(t.contributions())) {
            md.append("## Round ")
                    .append(round.get("index"))
                    .append(" — ")
                    .append(round.get("phase"))
                    .append("\n\n");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> messages = (List<Map<String, Object>>) round.get("messages");
            for (Map<String, Object> m : messages) {
                md.append("### ").append(m.get("agent")).append("\n\n");
                md.append(m.get("content") != null ? m.get("content") : "_failed: " + m.get("error") + "_")
                        .append("\n\n");
            }
        }
        md.append("## Scores\n\n| Candidate | Judge | Score | Rationale |\n|---|---|---|---|\n");
        for (Map<String, Object> s : scores(t)) {
            md.append("| ")
                    .append(cell(s.get("persona")))
                    .append(" | ")
                    .append(cell(s.get("judge")))
                    .append(" | ")
                    .append(s.get("score") == null ? "unparseable" : s.get("score"))
                    .append(" | ")
                    .append(cell(s.getOrDefault("rationale", s.get("unparseable"))))
                    .append(" |\n");
        }
        md.append("\n## Ranking\n\n");
        t.ranking()
                .ifPresent(r -> r.ranking()
                        .forEach(c -> md.append(c.rank())
                                .append(". ")
                                .append(c.candidate())
                                .append(c.score() == null ? "" : String.format(Locale.ROOT, " (%.2f)", c.score()))
                                .append('\n')));
        md.append("\n## Final answer\n\n")
                .append(t.debate().finalContent().orElse("_none_"))
                .append("\n\n");
        Map<String, Object> u = usage(t);
        md.append("## Usage\n\n")
                .append(u.get("input_tokens"))
                .append(" input tokens, ")
                .append(u.get("output_tokens"))
                .append(" output tokens, $")
                .append(String.format(Locale.ROOT, "%.4f", (Double) u.get("cost_usd")))
                .append(Boolean.TRUE.equals(u.get("estimated")) ? " (estimated)" : "")
                .append('\n');
        return md.toString();
    }

    private static String cell(Object value) {
        return value == null ? "" : value.toString().replace("|", "\\|").replace("\n", " ");
    }

    /**
     * CSV {@code persona,judge,criterion,score,rationale,timestamp}: every cell quoted, and a cell that a
     * spreadsheet would read as a formula (starting with = + - @ tab or CR) is prefixed with an apostrophe.
     */
    static String csv(GetTranscriptQuery.Transcript t) {
        StringBuilder csv = new StringBuilder("persona,judge,criterion,score,rationale,timestamp\r\n");
        for (Verdict v : t.verdicts()) {
            if (!(v.verdict() instanceof JudgeVerdict.Parsed p)) {
                continue;
            }
            for (Map.Entry<String, Double> c : p.criteria().entrySet()) {
                csv.append(String.join(
                                ",",
                                csvCell(v.candidate()),
                                csvCell(v.judge()),
                                csvCell(c.getKey()),
                                csvCell(String.valueOf(c.getValue())),
                                csvCell(p.rationale()),
                                csvCell(v.at().toString())))
                        .append("\r\n");
            }
        }
        return csv.toString();
    }

    /** One CSV cell: quoted, and prefixed with an apostrophe when a spreadsheet would read it as a formula. */
    public static String csvCell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
