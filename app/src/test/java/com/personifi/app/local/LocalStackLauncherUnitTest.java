package com.personifi.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalStackLauncherUnitTest {

    @Test
    void runsLocalWhenNoOtherProfileIsAskedFor() {
        assertThat(LocalStackLauncher.isLocal(new String[] {})).isTrue();
        assertThat(LocalStackLauncher.isLocal(new String[] {"--spring.profiles.active=local,debug"})).isTrue();
        assertThat(LocalStackLauncher.isLocal(new String[] {"--spring.profiles.active=prod"})).isFalse();
    }
}
