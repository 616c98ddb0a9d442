package com.consultaion.bootstrap.config;

import com.consultaion.application.Consultaion;
import com.consultaion.application.Core;
import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.ApiKeyUseCases;
import com.consultaion.application.port.in.AssignPlanUseCase;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.BillingQueries;
import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.CheckReadinessQuery;
import com.consultaion.application.port.in.ExportDebateUseCase;
import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.ListDebatesQuery;
import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.PersonalDataQuery;
import com.consultaion.application.port.in.PurgeRetentionUseCase;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.RecomputeRatingsUseCase;
import com.consultaion.application.port.in.RetryDebateUseCase;
import com.consultaion.application.port.in.RouteModelQuery;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.application.port.in.TeamUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Binds every use case of the core as a bean, for the adapters: each is one of {@link Core}'s. */
@Factory
final class CoreBeans {

    /** Every use case of the core, bound as beans for the adapters. */
    @Singleton
    Core core(Consultaion consultaion) {
        return consultaion.core();
    }

    @Singleton
    ModelQueries modelQueries(Core core) {
        return core.models();
    }

    @Singleton
    ExportDebateUseCase exportDebate(Core core) {
        return core.exportDebate();
    }

    @Singleton
    AssignPlanUseCase assignPlan(Core core) {
        return core.assignPlan();
    }

    @Singleton
    RouteModelQuery routeModel(Core core) {
        return core.routeModel();
    }

    @Singleton
    BillingQueries billing(Core core) {
        return core.billing();
    }

    @Singleton
    LeaderboardQueries leaderboard(Core core) {
        return core.leaderboard();
    }

    @Singleton
    RecomputeRatingsUseCase recomputeRatings(Core core) {
        return core.recomputeRatings();
    }

    @Singleton
    StartDebateUseCase startDebate(Core core) {
        return core.startDebate();
    }

    @Singleton
    GetDebateQuery getDebate(Core core) {
        return core.getDebate();
    }

    @Singleton
    ListDebatesQuery listDebates(Core core) {
        return core.listDebates();
    }

    @Singleton
    GetTranscriptQuery getTranscript(Core core) {
        return core.getTranscript();
    }

    @Singleton
    ReadDebateEventsQuery readDebateEvents(Core core) {
        return core.readDebateEvents();
    }

    @Singleton
    CancelDebateUseCase cancelDebate(Core core) {
        return core.cancelDebate();
    }

    @Singleton
    RetryDebateUseCase retryDebate(Core core) {
        return core.retryDebate();
    }

    @Singleton
    AccountUseCases accounts(Core core) {
        return core.accounts();
    }

    @Singleton
    ApiKeyUseCases apiKeys(Core core) {
        return core.apiKeys();
    }

    @Singleton
    TeamUseCases teams(Core core) {
        return core.teams();
    }

    @Singleton
    AuthenticateQuery authenticate(Core core) {
        return core.authenticate();
    }

    @Singleton
    PersonalDataQuery personalData(Core core) {
        return core.personalData();
    }

    @Singleton
    PurgeRetentionUseCase retention(Core core) {
        return core.retention();
    }

    @Singleton
    CheckReadinessQuery readiness(Core core) {
        return core.readiness();
    }
}
