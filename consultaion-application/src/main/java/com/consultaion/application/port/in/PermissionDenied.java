package com.consultaion.application.port.in;

/**
 * The requester may see the object but not do this (a team member cancelling the owner's debate, a viewer adding
 * members). Objects the requester may not see are "not found" instead.
 */
public final class PermissionDenied extends RuntimeException {

    public PermissionDenied(String message) {
        super(message);
    }
}
