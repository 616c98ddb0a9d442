package com.consultaion.application.port.out;

import java.util.Map;

/**
 * Port out: this node's live numbers from the adapters (open streams, pool state, rate-limit refusals …), as
 * name → value; the ops summary shows them as they are.
 */
public interface NodeStats {

    NodeStats NONE = Map::of;

    Map<String, Number> snapshot();
}
