package com.personifi.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleRegexUnitTest {

    @Test
    void wordBoundariesAreTranslatedAndEscapedBackslashesKept() {
        assertThat(RuleRegex.forPostgres("\\bnaivas\\b")).isEqualTo("\\ynaivas\\y");
        assertThat(RuleRegex.forPostgres("\\Bx")).isEqualTo("\\Yx");
        assertThat(RuleRegex.forPostgres("a\\\\b")).isEqualTo("a\\\\b");
        assertThat(RuleRegex.forPostgres("\\d{6}\\s")).isEqualTo("\\d{6}\\s");
    }

    @Test
    void patternsTheStreamCannotRunOrWouldReadDifferentlyAreRefused() {
        assertThat(RuleRegex.problem("pay ?bill")).isNull();
        assertThat(RuleRegex.problem("([a-z")).startsWith("does not compile");
        assertThat(RuleRegex.problem("x".repeat(301))).contains("300");
        assertThat(RuleRegex.problem("[[:digit:]]+")).contains("[:digit:]");
    }

    @Test
    void containsTreatsLikeWildcardsAsText() {
        assertThat(RuleMatch.contains("100%_off\\")).isEqualTo("%100\\%\\_off\\\\%");
    }
}
