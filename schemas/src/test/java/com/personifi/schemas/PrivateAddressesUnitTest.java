package com.personifi.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import com.personifi.schemas.net.PrivateAddresses;
import org.junit.jupiter.api.Test;

class PrivateAddressesUnitTest {

    @Test
    void refusesThisHostPrivateSharedAndMetadataAddressesInEitherFamily() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "100.127.255.254", "192.0.0.8", "0.0.0.0", "198.18.0.1", "224.0.0.1", "::1",
                "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"}) {
            assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void letsPublicAddressesThrough() throws Exception {
        for (String address : new String[] {"8.8.8.8", "41.90.64.1", "100.128.0.1", "196.201.214.200",
                "2001:4860:4860::8888", "64:ff9b::808:808"}) {
            assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
        }
    }
}
