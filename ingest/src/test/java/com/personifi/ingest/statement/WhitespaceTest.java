package com.personifi.ingest.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class WhitespaceTest {

    @Test
    void makesEachRunOfWhitespaceOneSpace() {
        assertThat(Whitespace.singleSpaced("Customer Transfer to\n 2547*****501  JOHN\tKAMAU"))
                .isEqualTo("Customer Transfer to 2547*****501 JOHN KAMAU");
        assertThat(Whitespace.singleSpaced("  leading and trailing \r\n")).isEqualTo(" leading and trailing ");
        assertThat(Whitespace.singleSpaced("")).isEmpty();
        // no-break space is not whitespace to the pattern either
        assertThat(Whitespace.singleSpaced("KPLC\u00a0\u00a0PREPAID")).isEqualTo("KPLC\u00a0\u00a0PREPAID");
    }

    @Test
    void returnsSingleSpacedTextAsItIs() {
        String text = "Pay Bill Online to 888880 - KPLC PREPAID Acc. 54405080323";
        assertThat(Whitespace.singleSpaced(text)).isSameAs(text);
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomText() {
        char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u00a0', '\u2003', 'a', 'Z', '-', '7'};
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(Whitespace.singleSpaced(s)).as("%s", s.chars().boxed().toList())
                    .isEqualTo(s.replaceAll("\\s+", " "));
        }
    }
}
