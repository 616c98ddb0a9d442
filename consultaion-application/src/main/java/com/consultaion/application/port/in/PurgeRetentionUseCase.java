package com.consultaion.application.port.in;

/** Use case: apply the retention policy now (erase old debates' content, delete old audit entries). */
public interface PurgeRetentionUseCase {

    Result purge();

    /** What one purge did. */
    record Result(int debatesErased, int auditEntriesDeleted) {}
}
