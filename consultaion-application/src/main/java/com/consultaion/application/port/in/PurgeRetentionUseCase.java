package com.consultaion.application.port.in;

/** Use case: apply the retention policy now (erase old debates' content, delete old audit entries). */
public interface PurgeRetentionUseCase {

    Result purge();

    /** What a purge would do now, doing nothing (an operator's dry run; admins only, audited). */
    Result preview(Requester requester, ClientContext client);

    /** A purge now, asked for by an operator (admins only; audited with the admin as actor). */
    Result purge(Requester requester, ClientContext client);

    /** What one purge did. */
    record Result(int debatesErased, int auditEntriesDeleted) {}
}
