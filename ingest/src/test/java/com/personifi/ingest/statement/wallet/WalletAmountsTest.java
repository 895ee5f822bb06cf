package com.personifi.ingest.statement.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Separators read as the file's convention means them, and a number that could be read two ways refused. */
class WalletAmountsTest {

    @Test
    void aLonePointBeforeThreeDigitsGroupsThousandsWhereACommaIsTheDecimalMark() {
        assertThat(WalletAmounts.parse("250.000", "Amount", true)).isEqualByComparingTo("250000");
        assertThat(WalletAmounts.parse("1.250.000", "Amount", true)).isEqualByComparingTo("1250000");
        assertThat(WalletAmounts.parse("12,50", "Amount", true)).isEqualByComparingTo("12.50");
        assertThat(WalletAmounts.parse("1.234,50", "Amount", true)).isEqualByComparingTo("1234.50");
    }

    @Test
    void whereCommasGroupThousandsAPointIsTheDecimalMark() {
        assertThat(WalletAmounts.parse("250.000", "Amount", false)).isEqualByComparingTo("250");
        assertThat(WalletAmounts.parse("20,000", "Amount", false)).isEqualByComparingTo("20000");
        assertThat(WalletAmounts.parse("-1,500.00", "Amount", false)).isEqualByComparingTo("-1500.00");
        assertThat(WalletAmounts.parse("UGX 1,250,000", "Amount", false)).isEqualByComparingTo("1250000");
    }

    @Test
    void aCommaThatGroupsNoThousandsIsRefusedNotGuessed() {
        assertThatThrownBy(() -> WalletAmounts.parse("1,5", "Amount", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'1,5'");
        assertThatThrownBy(() -> WalletAmounts.parse("1,5000", "Amount", false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
