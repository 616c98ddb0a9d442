package com.consultaion.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The dependency rule of docs/architecture.md, as a table: {@code from ↛ to}. Each rule was proven once by a
 * deliberate violation (see the issue note of the foundation work).
 */
@AnalyzeClasses(
        packages = "com.consultaion",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /** Test code shared as a test jar (the fake provider server) is not production code either. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String DOMAIN = "com.consultaion.domain..";
    private static final String APPLICATION = "com.consultaion.application..";
    private static final String BOOTSTRAP = "com.consultaion.bootstrap..";
    private static final String PORT_OUT = "com.consultaion.application.port.out";
    private static final String STAGE = "com.consultaion.application.service.pipeline.Stage";
    private static final String[] FRAMEWORKS = {
        "io.micronaut..",
        "jakarta..",
        "org.jdbi..",
        "com.openai..",
        "dev.failsafe..",
        "com.fasterxml..",
        "org.slf4j..",
        "org.flywaydb..",
        "com.zaxxer..",
        "reactor..",
        "io.netty.."
    };

    // domain ↛ anything but java.* and itself
    @ArchTest
    static final ArchRule domain_depends_on_java_only = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, "java..");

    // application ↛ anything but java.*, the domain and itself
    @ArchTest
    static final ArchRule application_depends_on_domain_only = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(APPLICATION, DOMAIN, "java..");

    // core ↛ Micronaut, JDBI, OpenAI, Failsafe, Jackson, SLF4J … (stated on its own so its failure reads plainly)
    @ArchTest
    static final ArchRule core_is_free_of_frameworks = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, APPLICATION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS);

    // adapter X ↛ adapter Y
    @ArchTest
    static final ArchRule adapters_never_depend_on_each_other =
            slices().matching("com.consultaion.adapter.(*)..").should().notDependOnEachOther();

    // anything ↛ bootstrap
    @ArchTest
    static final ArchRule nothing_depends_on_bootstrap = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BOOTSTRAP);

    // adapters ↛ services (they see use cases through the port-in interfaces only)
    @ArchTest
    static final ArchRule adapters_use_ports_not_services = noClasses()
            .that()
            .resideInAPackage("com.consultaion.adapter..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.consultaion.application.service..");

    // ports ↛ services; ports in ↛ ports out and back
    @ArchTest
    static final ArchRule ports_do_not_depend_on_services = noClasses()
            .that()
            .resideInAPackage("com.consultaion.application.port..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.consultaion.application.service..");

    @ArchTest
    static final ArchRule ports_in_do_not_depend_on_ports_out = noClasses()
            .that()
            .resideInAPackage("com.consultaion.application.port.in..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.consultaion.application.port.out..");

    @ArchTest
    static final ArchRule ports_out_do_not_depend_on_ports_in = noClasses()
            .that()
            .resideInAPackage("com.consultaion.application.port.out..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.consultaion.application.port.in..");

    /**
     * Driving adapters (HTTP, SSE) only translate: they reach the core through port-in use cases, never an outbound
     * port. Exceptions, each for a reason: a class that implements an outbound port (the REST adapter's password
     * hasher is the hashing primitive the core asks for); the outbound ports' exceptions (the error handler maps
     * "store unavailable" to 503 and a concurrent update to 409); and the event bus in the SSE adapter, which
     * subscribes to the bus's signals (it carries no data; events are read through a port-in query) — a port-in
     * copy of the bus would be the same interface twice.
     */
    @ArchTest
    static final ArchRule driving_adapters_do_not_use_outbound_ports = noClasses()
            .that()
            .resideInAnyPackage("com.consultaion.adapter.rest..", "com.consultaion.adapter.sse..")
            .and(DescribedPredicate.not(implementOutboundPort()))
            .should()
            .dependOnClassesThat(outboundPortsExceptTheAllowed());

    private static DescribedPredicate<JavaClass> implementOutboundPort() {
        return DescribedPredicate.describe(
                "implement an outbound port",
                c -> c.getAllRawInterfaces().stream()
                        .anyMatch(i -> i.getPackageName().equals(PORT_OUT)));
    }

    private static DescribedPredicate<JavaClass> outboundPortsExceptTheAllowed() {
        return DescribedPredicate.describe(
                "are outbound ports (other than their exceptions and the event bus with its live text)",
                c -> c.getPackageName().equals(PORT_OUT)
                        && !c.isAssignableTo(RuntimeException.class)
                        && !c.getName().startsWith(PORT_OUT + ".DebateEventBus")
                        && !c.getName().equals(PORT_OUT + ".LiveText"));
    }

    /**
     * Stages do not call each other: what several read from the debate so far lives in the state and its shared
     * readings (Transcripts, FinalMeta), and concluding stages share their base class, not each other's statics.
     */
    @ArchTest
    static final ArchRule stages_do_not_use_other_stages = classes()
            .that()
            .implement(STAGE)
            .should(new ArchCondition<JavaClass>("not use another stage's members") {
                @Override
                public void check(JavaClass stage, ConditionEvents events) {
                    stage.getAccessesFromSelf().stream()
                            .filter(a -> {
                                JavaClass owner = a.getTargetOwner();
                                return !owner.equals(stage)
                                        && !stage.isAssignableTo(owner.getName())
                                        && owner.isAssignableTo(STAGE);
                            })
                            .forEach(a -> events.add(SimpleConditionEvent.violated(a, a.getDescription())));
                }
            });
}
