/** Live debate events: in-process fan-out and the Server-Sent Events endpoint. */
package com.consultaion.adapter.sse;
