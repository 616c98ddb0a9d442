package com.consultaion.adapter.rest.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which address a request came from. {@code X-Forwarded-For} is believed only when the connection comes from a
 * configured trusted proxy, and then read from the right: the first address that is not itself a trusted proxy
 * is the client (a client can prepend anything to the header; only what our own proxies appended is true).
 */
public final class ClientAddress {

    /** An address range: an address and how many leading bits must match (never compared with equals). */
    @SuppressWarnings("ArrayRecordComponent")
    private record Range(byte[] address, int bits) {
        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Range> trusted;

    /** @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}); literal addresses only */
    public ClientAddress(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            byte[] address = literal(slash < 0 ? e : e.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + e);
            }
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(e.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + e);
            }
            ranges.add(new Range(address, bits));
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client's address, given the connection's peer and the {@code X-Forwarded-For} header (may be null). */
    public String resolve(String peer, String forwardedFor) {
        if (peer == null || forwardedFor == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",", -1);
        String leftmost = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop) == null) {
                return leftmost; // garbage in the chain: stop at the last address we could trust
            }
            if (!isTrusted(hop)) {
                return hop;
            }
            leftmost = hop;
        }
        return leftmost;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The bytes of a literal IPv4 or IPv6 address; null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text == null || text.length() > 45) {
            return null;
        }
        // Only shapes that getByName parses without a lookup: a dotted quad, or an IPv6 literal (has a colon).
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
