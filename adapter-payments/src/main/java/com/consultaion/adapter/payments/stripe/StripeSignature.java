package com.consultaion.adapter.payments.stripe;

import com.consultaion.application.port.out.PaymentProvider;
import com.consultaion.domain.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Stripe-Signature} scheme: {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, each {@code v1} an
 * HMAC-SHA256 with the endpoint's secret over {@code t + "." + payload} (the exact bytes received). The event is
 * accepted when one {@code v1} matches (several appear while a secret is rolled) and {@code t} lies within the
 * tolerance of now, either side; comparisons take constant time. Other schemes ({@code v0}) are ignored.
 */
public final class StripeSignature {

    private static final HexFormat HEX = HexFormat.of();

    private StripeSignature() {}

    /**
     * Checks {@code header} for {@code payload}.
     *
     * @throws PaymentProvider.InvalidEvent when it is missing, malformed, outside the tolerance, or no signature
     *     matches
     */
    public static void verify(byte[] payload, @Nullable String header, String secret, Duration tolerance, Instant now) {
        if (header == null || header.isBlank()) {
            throw new PaymentProvider.InvalidEvent("the Stripe-Signature header is missing");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new PaymentProvider.InvalidEvent("the Stripe-Signature header is malformed");
            }
            String key = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                    throw new PaymentProvider.InvalidEvent("the Stripe-Signature timestamp is malformed");
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1") && value.matches("[0-9a-fA-F]{64}")) {
                signatures.add(value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (timestamp == null) {
            throw new PaymentProvider.InvalidEvent("the Stripe-Signature header has no timestamp");
        }
        if (signatures.isEmpty()) {
            throw new PaymentProvider.InvalidEvent("the Stripe-Signature header has no v1 signature");
        }
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw new PaymentProvider.InvalidEvent("the Stripe-Signature timestamp is outside the tolerance");
        }
        byte[] expected = sign(payload, timestamp, secret).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (byte[] candidate : signatures) {
            // Every candidate is compared, so the time taken does not tell which one matched.
            matched |= MessageDigest.isEqual(expected, candidate);
        }
        if (!matched) {
            throw new PaymentProvider.InvalidEvent("no signature matches the payload");
        }
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + payload} with {@code secret}. */
    public static String sign(byte[] payload, long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A header as Stripe sends it, for {@code payload} at {@code timestamp}. */
    public static String header(byte[] payload, long timestamp, String secret) {
        return "t=" + timestamp + ",v1=" + sign(payload, timestamp, secret);
    }
}
