package com.consultaion.adapter.persistence;

import com.consultaion.application.Core;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.ContentEraser;
import com.consultaion.application.port.out.ExternalSignInStore;
import com.consultaion.application.port.out.IdentityStore;
import com.consultaion.application.port.out.LoginAttempts;
import com.consultaion.application.port.out.PaymentStore;
import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.application.port.out.UserRepository;

/** The account-related store ports of one persistence adapter, sharing its unit of work. */
public record AccountStores(
        UserRepository users,
        SessionRepository sessions,
        ApiKeyRepository apiKeys,
        LoginAttempts attempts,
        AuditTrail audit,
        ContentEraser eraser,
        TeamRepository teams,
        IdentityStore identities,
        PaymentStore payments,
        ExternalSignInStore externalSignIn)
        implements Core.AccountStores {}
