package dev.fnlens.query.functions;

import dev.fnlens.query.runtime.Values;

/**
 * isValidIp, isValidIpV4, isValidIpV6, isIpInSubnet and the per-family variants. Parsed by hand: InetAddress would
 * resolve host names, and log content must never trigger a DNS lookup.
 */
final class IpFunctions {

    private IpFunctions() {
    }

    static Object isValidIp(Object[] a) {
        String s = Values.asString(a[0]);
        return s != null && (IpAddresses.v4(s) != null || IpAddresses.v6(s) != null);
    }

    static Object isValidIpV4(Object[] a) {
        String s = Values.asString(a[0]);
        return s != null && IpAddresses.v4(s) != null;
    }

    static Object isValidIpV6(Object[] a) {
        String s = Values.asString(a[0]);
        return s != null && IpAddresses.v6(s) != null;
    }

    static Object isIpInSubnet(Object[] a) {
        return inSubnet(a, true, true);
    }

    static Object isIpv4InSubnet(Object[] a) {
        return inSubnet(a, true, false);
    }

    static Object isIpv6InSubnet(Object[] a) {
        return inSubnet(a, false, true);
    }

    private static Object inSubnet(Object[] a, boolean v4, boolean v6) {
        String ip = Values.asString(a[0]);
        String cidr = Values.asString(a[1]);
        if (ip == null || cidr == null) {
            return false;
        }
        int slash = cidr.indexOf('/');
        String net = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] address = v4 ? IpAddresses.v4(ip) : null;
        byte[] network = v4 ? IpAddresses.v4(net) : null;
        if (address == null && v6) {
            address = IpAddresses.v6(ip);
            network = IpAddresses.v6(net);
        }
        if (address == null || network == null || address.length != network.length) {
            return false;
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            String prefix = cidr.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                return false;
            }
            bits = Integer.parseInt(prefix);
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
