package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SQL-injection strings through every free-text field are stored and read back verbatim; nothing else happens. */
class InjectionStringsContractTest {

    static final List<String> ATTACKS = List.of(
            "'; DROP TABLE debates; --",
            "\" OR 1=1 --",
            "Robert'); DELETE FROM debate_events WHERE ('1'='1",
            "$$; TRUNCATE debates CASCADE; $$",
            "\\'; SELECT pg_sleep(10); --",
            "{\"scores\": {}} ' || (SELECT version()) || '",
            "NULL\u0000-free? ünïcödé ' \" ` ; -- /* */");

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void injectionStringsAreDataNotSql(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        for (String attack : ATTACKS) {
            String text = attack.replace("\u0000", "");
            String prompt = "Question about " + text;
            DebateConfig config = new DebateConfig(
                    List.of(new AgentSpec("A", text, "local"), new AgentSpec("B", "persona " + text, "local")),
                    List.of(new JudgeSpec("J", "local", null)),
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            Debate debate = Debate.create(DebateId.random(), null, new Prompt(prompt), DebateMode.DEBATE, config, T0);
            stores.debates().insert(debate.recordEvents(1));
            Contribution answer = Contribution.answered(0, 1, Phase.DRAFT, "A", "local", "local", text, Usage.NONE, T0);
            Contribution failed = Contribution.failed(0, 1, Phase.DRAFT, "B", "local", "local", text, Usage.NONE, T0);
            stores.transcripts().addContributions(debate.id(), List.of(answer, failed));
            Verdict verdict = new Verdict(
                    "J",
                    "A",
                    "A",
                    "local",
                    new JudgeVerdict.Parsed(Map.of("accuracy", 5.0), text),
                    text,
                    Usage.NONE,
                    T0);
            stores.transcripts().addVerdicts(debate.id(), List.of(verdict));
            DebateEvent event = new DebateEvent(debate.id(), 1, T0, new EventPayload.Notice("warn", text));
            stores.events().append(List.of(event));

            Debate read = stores.debates().findById(debate.id()).orElseThrow();
            assertThat(read.prompt().text()).isEqualTo(prompt);
            assertThat(read.config().agents().get(0).persona()).isEqualTo(text.strip());
            assertThat(stores.transcripts().contributions(debate.id())).containsExactly(answer, failed);
            assertThat(stores.transcripts().verdicts(debate.id())).containsExactly(verdict);
            assertThat(stores.events().readAfter(debate.id(), 0, 10)).containsExactly(event);
        }
        // every debate is still there: nothing was dropped, truncated or deleted
        assertThat(stores.events().readAfter(DebateId.random(), 0, 1)).isEmpty();
    }
}
