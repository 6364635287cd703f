package dev.fnlens.collector.alert.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses a webhook may reach, so that a destination cannot be used to read cloud metadata
 * ({@code 169.254.169.254}) or probe the private network. Loopback is always allowed (local receivers,
 * tests). Link-local ({@code 169.254.0.0/16}, {@code fe80::/10}), private ({@code 10/8},
 * {@code 172.16/12}, {@code 192.168/16}, {@code 100.64/10}, {@code fc00::/7}) and unspecified addresses,
 * and the well-known metadata host names, need {@code allow_private: true}. Multicast and broadcast never
 * receive webhooks. IPv4 addresses inside IPv6 (mapped, NAT64, 6to4) are judged as IPv4.
 */
public final class AddressPolicy {
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog",
            "metadata", "instance-data", "instance-data.ec2.internal");

    private AddressPolicy() {
    }

    /** Why the URL's host may not be reached, judged without DNS (literal addresses and known names); or null. */
    public static String refuseHost(URI url, boolean allowPrivate) {
        String host = url.getHost();
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (METADATA_HOSTS.contains(h) && !allowPrivate) {
            return host + " is a cloud metadata host; set allow_private: true to allow it";
        }
        InetAddress literal = literal(h);
        return literal == null ? null : refuse(literal, allowPrivate);
    }

    /** Why this address may not be reached, or null when it may. */
    public static String refuse(InetAddress address, boolean allowPrivate) {
        InetAddress a = embeddedIpv4(address);
        if (a.isLoopbackAddress()) {
            return null;
        }
        if (a.isMulticastAddress() || isBroadcast(a)) {
            return a.getHostAddress() + " is a multicast or broadcast address";
        }
        if (allowPrivate) {
            return null;
        }
        if (a.isLinkLocalAddress()) {
            return a.getHostAddress() + " is a link-local address (cloud metadata lives there);"
                    + " set allow_private: true to allow it";
        }
        if (a.isAnyLocalAddress() || a.isSiteLocalAddress() || isPrivate(a)) {
            return a.getHostAddress() + " is a private address; set allow_private: true to allow it";
        }
        return null;
    }

    private static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT, Alibaba metadata
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7, e.g. AWS fd00:ec2::254
    }

    private static boolean isBroadcast(InetAddress a) {
        return a instanceof Inet4Address && a.getHostAddress().equals("255.255.255.255");
    }

    /** The IPv4 address inside an IPv6 one that carries it (NAT64 64:ff9b::/96, 6to4 2002::/16), else the address. */
    static InetAddress embeddedIpv4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a;
        }
        byte[] b = a.getAddress();
        try {
            if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
            if (allZero(b, 0, 12) && !a.isLoopbackAddress() && !a.isAnyLocalAddress()) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}); // IPv4-compatible ::a.b.c.d
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
        return a;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The address a literal host spells (IPv4 dotted quad or bracketed IPv6), or null for a name. */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("[0-9.]+"); // also 2852039166 and 169.254.43518, which resolvers accept
        boolean v6 = h.contains(":") && h.matches("[0-9a-fA-F:.%A-Za-z0-9]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(h); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
