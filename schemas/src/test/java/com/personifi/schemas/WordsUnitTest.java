package com.personifi.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class WordsUnitTest {

    @Test
    void lowerCasesAndCollapsesEverythingItDoesNotKeepIntoSingleSpaces() {
        assertThat(Words.normalize("  Pay Bill Online to 888880 - KPLC  PREPAID Acc. ", Character::isLetterOrDigit))
                .isEqualTo("pay bill online to 888880 kplc prepaid acc");
        assertThat(Words.normalize(null, Character::isLetter)).isEmpty();
    }

    @Test
    void correctionKeysIgnoreMaskedNumbersAndPunctuationSoOneCorrectionCoversEveryWayOfWritingTheName() {
        UUID user = UUID.randomUUID();

        assertThat(CorrectionKeys.of(user, null, "MAMA NJERI KIOSK (2547*****123)", null))
                .isEqualTo(CorrectionKeys.of(user, null, "Mama Njeri  Kiosk", null))
                .containsExactly(user + "|counterparty:mama njeri kiosk");
        assertThat(CorrectionKeys.of(user, " 7134521 ", "X", "Y").get(0)).isEqualTo(user + "|merchant:7134521");
    }
}
