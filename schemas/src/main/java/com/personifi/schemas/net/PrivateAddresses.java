package com.personifi.schemas.net;

import java.net.InetAddress;

/**
 * Addresses a user-registered URL must not reach: this host, private and shared networks, link-local (cloud
 * metadata services), multicast. One rule for where a webhook is registered and where it is sent.
 */
public final class PrivateAddresses {

    private PrivateAddresses() {
    }

    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24 (protocol assignments), 0.0.0.0/8, 198.18.0.0/15
            return (first == 100 && (second & 0xc0) == 64) || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    || first == 0 || (first == 198 && (second & 0xfe) == 18);
        }
        // IPv6 unique local fc00::/7, and IPv4 embedded in IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96)
        if ((bytes[0] & 0xfe) == 0xfc) {
            return true;
        }
        boolean mapped = allZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b && allZero(bytes, 4, 12);
        if (mapped || nat64) {
            try {
                return isPrivate(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
            } catch (java.net.UnknownHostException e) {
                return true;
            }
        }
        return false;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
